// RUN: %check_clang_tidy %s coro-blocking-call %t

#include "blocking_libs.h"
#include <chrono>
#include <future>
#include <thread>

using namespace std::chrono_literals;

void slowWork() { std::this_thread::sleep_for(10ms); }

Task<> onADedicatedThread() {
  std::thread worker([] { std::this_thread::sleep_for(10ms); });
  worker.detach();
  std::jthread joined([] { slowWork(); });
  co_return;
}

Task<> throughStdAsync() {
  auto pending = std::async(std::launch::async, [] {
    slowWork();
    return 1;
  });
  (void)pending;
  co_return;
}

Task<> inTheBlockingPool() {
  int result = co_await corolint::rt::spawn_blocking([] {
    slowWork();
    return 2;
  });
  use(result);
}

Task<> sameNamesInOtherNamespaces() {
  co_await mylib::sleep_for(10);
  co_await mylib::sync_wait(1);
}

Task<> theBlockingOneIsStillFlagged() {
  slowWork();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'slowWork' may block the thread: it calls 'std::this_thread::sleep_for' (sleep)
  // CHECK-MESSAGES: :[[@LINE-34]]:19: note: 'slowWork' calls 'std::this_thread::sleep_for' here, which blocks
  co_return;
}
