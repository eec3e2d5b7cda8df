// RUN: %check_clang_tidy %s coro-blocking-call %t

#include "coro_test.h"
#include <barrier>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <fstream>
#include <future>
#include <iostream>
#include <latch>
#include <mutex>
#include <semaphore>
#include <sstream>
#include <string>
#include <thread>

using namespace std::chrono_literals;

Task<> sleeps() {
  std::this_thread::sleep_for(10ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' blocks the thread (sleep): every task on this coroutine's executor thread stalls until it returns; instead, co_await an async timer (corolint::rt::sleep, asio::steady_timer::async_wait) [coro-blocking-call]
  std::this_thread::sleep_until(std::chrono::steady_clock::now() + 1s);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_until' blocks the thread (sleep)
  co_return;
}

Task<> waitsOnThreadsAndFutures(std::thread &worker, std::future<int> result,
                                std::shared_future<int> shared) {
  worker.join();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'std::thread::join' blocks the thread (thread-sync): {{.*}}; instead, await a JoinHandle, or join in spawn_blocking
  use(result.get());
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'std::future::get' blocks the thread (sync-wait)
  result.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'std::future::wait' blocks the thread (sync-wait)
  result.wait_for(50ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'std::future::wait_for' blocks the thread (sync-wait)
  use(shared.get());
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'std::shared_future::get' blocks the thread (sync-wait)
  co_return;
}

Task<> zeroTimeoutsDoNotBlock(std::future<int> result,
                              std::shared_future<int> shared) {
  if (result.wait_for(0s) == std::future_status::ready)
    use(1);
  if (shared.wait_for(std::chrono::milliseconds(0)) == std::future_status::ready)
    use(2);
  if (result.wait_for(std::chrono::seconds::zero()) == std::future_status::ready)
    use(3);
  co_return;
}

Task<> threadPrimitives(std::condition_variable &cv, std::mutex &m,
                        std::latch &done, std::barrier<> &phase,
                        std::counting_semaphore<8> &slots) {
  {
    std::unique_lock lock(m);
    cv.wait(lock);
    // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'std::condition_variable::wait' blocks the thread (thread-sync)
    cv.wait_for(lock, 0ms);
    cv.wait_for(lock, 5ms);
    // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'std::condition_variable::wait_for' blocks the thread (thread-sync)
  }
  done.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'std::latch::wait' blocks the thread (thread-sync)
  phase.arrive_and_wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'std::barrier::arrive_and_wait' blocks the thread (thread-sync)
  slots.acquire();
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'std::counting_semaphore::acquire' blocks the thread (thread-sync)
  if (slots.try_acquire())
    slots.release();
  co_return;
}

Task<> shortCriticalSectionIsNotBlocking(std::mutex &m) {
  {
    std::lock_guard guard(m);
    use(1);
  }
  co_await Yield{};
}

Task<> consoleAndFileReads(std::ifstream &file) {
  int number = 0;
  std::cin >> number;
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'std::basic_istream::operator>>' blocks the thread (blocking-io): {{.*}}; instead, read in spawn_blocking, or use an async file or stream API
  std::string line;
  std::getline(std::cin, line);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::getline' blocks the thread (blocking-io)
  file >> line;
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'std::operator>>' blocks the thread (blocking-io)
  char buffer[64];
  file.read(buffer, sizeof buffer);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'std::basic_istream::read' blocks the thread (blocking-io)
  co_return;
}

Task<> inMemoryStreamsDoNotBlock(const std::string &text) {
  std::istringstream in(text);
  int number = 0;
  in >> number;
  std::string line;
  std::getline(in, line);
  co_return;
}

Task<> runsAProcess() {
  use(std::system("ls"));
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'system' blocks the thread (process)
  co_return;
}

void plainFunctionMayBlock() { std::this_thread::sleep_for(1s); }
