// RUN: %check_clang_tidy %s coro-blocking-call %t

#include "coro_test.h"
#include "system_helpers.h"
#include <chrono>
#include <functional>
#include <future>
#include <thread>

using namespace std::chrono_literals;

void waitForDisk() { std::this_thread::sleep_for(5ms); }
void flush() { waitForDisk(); }
void save() {
  use(1);
  flush();
}

Task<> twoLevelsDeep() {
  save();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'save' may block the thread: it calls 'std::this_thread::sleep_for' (sleep), and every task on this coroutine's executor thread stalls until it returns; instead, co_await an async timer (corolint::rt::sleep, asio::steady_timer::async_wait), or run 'save' in spawn_blocking [coro-blocking-call]
  // CHECK-MESSAGES: :[[@LINE-6]]:3: note: 'save' calls 'flush' here
  // CHECK-MESSAGES: :[[@LINE-10]]:16: note: 'flush' calls 'waitForDisk' here
  // CHECK-MESSAGES: :[[@LINE-12]]:22: note: 'waitForDisk' calls 'std::this_thread::sleep_for' here, which blocks
  co_return;
}

Task<> oneLevel() {
  flush();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'flush' may block the thread: it calls 'std::this_thread::sleep_for' (sleep)
  // CHECK-MESSAGES: :[[@LINE-18]]:16: note: 'flush' calls 'waitForDisk' here
  // CHECK-MESSAGES: :[[@LINE-20]]:22: note: 'waitForDisk' calls 'std::this_thread::sleep_for' here, which blocks
  co_return;
}

struct Store {
  int load(std::future<int> &pending) { return pending.get(); }
  explicit Store(int delay) { std::this_thread::sleep_for(delay * 1ms); }
};

Task<> throughMethodsAndConstructors(std::future<int> &pending) {
  Store store(3);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'Store::Store' may block the thread: it calls 'std::this_thread::sleep_for' (sleep)
  // CHECK-MESSAGES: :[[@LINE-6]]:31: note: 'Store::Store' calls 'std::this_thread::sleep_for' here, which blocks
  use(store.load(pending));
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'Store::load' may block the thread: it calls 'std::future::get' (sync-wait)
  // CHECK-MESSAGES: :[[@LINE-10]]:56: note: 'Store::load' calls 'std::future::get' here, which blocks
  co_return;
}

// Mutual recursion terminates, and the answer does not depend on which
// function was summarised first.
void ping(int n);
void pong(int n) {
  if (n > 0)
    ping(n - 1);
}
void ping(int n) {
  pong(n);
  std::this_thread::sleep_for(1ms);
}
void spin(int n) {
  if (n > 0)
    spin(n - 1);
}

Task<> recursion() {
  pong(3);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'pong' may block the thread: it calls 'std::this_thread::sleep_for' (sleep)
  // CHECK-MESSAGES: :[[@LINE-14]]:5: note: 'pong' calls 'ping' here
  // CHECK-MESSAGES: :[[@LINE-11]]:3: note: 'ping' calls 'std::this_thread::sleep_for' here, which blocks
  spin(3);
  co_return;
}

// A cycle entered at each of its members: the sleep is reached across the
// back edge from two of them, and each answer names its own path.
void cycleB(int n);
void cycleC(int n);
void cycleA(int n) {
  if (n > 0)
    cycleB(n - 1);
}
void cycleB(int n) {
  if (n > 0)
    cycleC(n - 1);
}
void cycleC(int n) {
  if (n > 0)
    cycleA(n - 1);
  else
    std::this_thread::sleep_for(1ms);
}

Task<> intoACycle() {
  cycleA(3);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'cycleA' may block the thread: it calls 'std::this_thread::sleep_for' (sleep)
  // CHECK-MESSAGES: :[[@LINE-16]]:5: note: 'cycleA' calls 'cycleB' here
  // CHECK-MESSAGES: :[[@LINE-13]]:5: note: 'cycleB' calls 'cycleC' here
  // CHECK-MESSAGES: :[[@LINE-8]]:5: note: 'cycleC' calls 'std::this_thread::sleep_for' here, which blocks
  cycleC(3);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'cycleC' may block the thread: it calls 'std::this_thread::sleep_for' (sleep)
  // CHECK-MESSAGES: :[[@LINE-11]]:5: note: 'cycleC' calls 'std::this_thread::sleep_for' here, which blocks
  cycleB(3);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'cycleB' may block the thread: it calls 'std::this_thread::sleep_for' (sleep)
  // CHECK-MESSAGES: :[[@LINE-20]]:5: note: 'cycleB' calls 'cycleC' here
  // CHECK-MESSAGES: :[[@LINE-15]]:5: note: 'cycleC' calls 'std::this_thread::sleep_for' here, which blocks
  co_return;
}

template <typename T> T slowIdentity(T value) {
  std::this_thread::sleep_for(1ms);
  return value;
}

Task<> throughATemplate() {
  use(slowIdentity(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'slowIdentity' may block the thread: it calls 'std::this_thread::sleep_for' (sleep)
  // CHECK-MESSAGES: :[[@LINE-7]]:3: note: 'slowIdentity' calls 'std::this_thread::sleep_for' here, which blocks
  co_return;
}

Task<> lambdasAreNotTheirCreators() {
  auto later = [] { std::this_thread::sleep_for(1ms); };
  auto stored = later;
  (void)stored;
  co_return;
}

Task<> aLambdaCalledHereRunsHere() {
  auto now = [] { std::this_thread::sleep_for(1ms); };
  now();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'now' may block the thread: it calls 'std::this_thread::sleep_for' (sleep)
  // CHECK-MESSAGES: :[[@LINE-3]]:19: note: 'now' calls 'std::this_thread::sleep_for' here, which blocks
  co_return;
}

Task<> blocksItself() {
  std::this_thread::sleep_for(1ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' blocks the thread (sleep)
  co_return;
}

Task<> coroutinesAreReportedInTheirOwnBody() {
  co_await blocksItself();
}

Task<> systemHeadersAreDescribedByModelsOnly() {
  vendor::pauseBriefly();
  co_return;
}

void notBlocking() { use(2); }

Task<> plainCallsThatDoNotBlock() {
  notBlocking();
  co_return;
}

// Documented misses: calls through a function pointer, into a virtual
// override, or through std::function are not followed.
struct Job {
  virtual ~Job() = default;
  virtual void run() {}
};
struct SleepyJob : Job {
  void run() override { std::this_thread::sleep_for(1ms); }
};

Task<> notFollowed(Job &job, void (*callback)(), std::function<void()> erased) {
  job.run();
  callback();
  erased();
  void (*pointer)() = &waitForDisk;
  pointer();
  co_return;
}
