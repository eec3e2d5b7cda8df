// RUN: %check_clang_tidy %s coro-blocking-call %t

#include "coro_test.h"
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <thread>

using namespace std::chrono_literals;

void fatal(const char *message) {
  FILE *trace = popen("backtrace", "r");
  (void)trace;
  (void)message;
  std::abort();
}

int fetch(std::future<int> &pending) { return pending.get(); }

// One call reaches three blocking functions: the two on its normal path are
// each reported once, and the doomed one (popen before abort) is not.
int handle(std::future<int> &pending, bool broken) {
  if (broken)
    fatal("broken");
  std::this_thread::sleep_for(1ms);
  int value = fetch(pending);
  std::this_thread::sleep_for(2ms);
  return value;
}

Task<> reachesSeveral(std::future<int> &pending) {
  use(handle(pending, false));
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'handle' may block the thread: it calls 'std::future::get' (sync-wait)
  // CHECK-MESSAGES: :[[@LINE-8]]:15: note: 'handle' calls 'fetch' here
  // CHECK-MESSAGES: :[[@LINE-17]]:55: note: 'fetch' calls 'std::future::get' here, which blocks
  // CHECK-MESSAGES: :[[@LINE-4]]:7: warning: 'handle' may block the thread: it calls 'std::this_thread::sleep_for' (sleep)
  // CHECK-MESSAGES: :[[@LINE-12]]:3: note: 'handle' calls 'std::this_thread::sleep_for' here, which blocks
  co_return;
}

// The first chain found going through a doomed call does not hide the next.
void logThenWait(bool broken) {
  if (broken)
    fatal("bad state");
  std::system("sync");
}

Task<> doomedFirstDoesNotHide(bool broken) {
  logThenWait(broken);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'logThenWait' may block the thread: it calls 'system' (process)
  // CHECK-MESSAGES: :[[@LINE-6]]:3: note: 'logThenWait' calls 'system' here, which blocks
  co_return;
}

// A second call in the coroutine is reported even if it is on the same line.
Task<> twoCallsOneLine(std::future<int> &pending) {
  use(fetch(pending)); std::this_thread::sleep_for(1ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'fetch' may block the thread: it calls 'std::future::get' (sync-wait)
  // CHECK-MESSAGES: :[[@LINE-41]]:55: note: 'fetch' calls 'std::future::get' here, which blocks
  // CHECK-MESSAGES: :[[@LINE-3]]:24: warning: 'std::this_thread::sleep_for' blocks the thread (sleep)
  co_return;
}
