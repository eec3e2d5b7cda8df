// RUN: %check_clang_tidy %s coro-blocking-call %t
// RUN: %check_clang_tidy %s coro-blocking-call %t.hot --check-prefix=HOT \
// RUN:   --config="{CheckOptions: {coro-blocking-call.ReportUnlikelyPaths: 'false'}}"

#include "coro_test.h"
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <thread>

using namespace std::chrono_literals;

// A logger whose fatal level runs a command for a stack trace and then ends
// the process: the command runs on a path that must end in abort().
inline void logAt(int severity, const char *message) {
  if (severity >= 4) {
    FILE *trace = popen("backtrace", "r");
    (void)trace;
    std::abort();
  }
  (void)message;
}

// A fatal logger as a user function declared [[noreturn]].
[[noreturn]] void die(const char *message) {
  std::system("dump-core");
  (void)message;
  std::terminate();
}

// glog-like: the fatal message's destructor does not return.
struct FatalMessage {
  [[noreturn]] ~FatalMessage() {
    std::system("collect-logs");
    std::exit(1);
  }
};

void checkOrDie(bool ok) {
  if (!ok)
    FatalMessage();
}

Task<> logsAndDies(bool broken) {
  logAt(1, "starting");
  if (broken)
    die("broken");
  checkOrDie(broken);
  if (broken) {
    std::this_thread::sleep_for(1ms);
    std::exit(2);
  }
  co_return;
}

// A doomed path does not hide the hot one to the same blocking function.
void fatalOrWait(bool fatal) {
  if (fatal) {
    std::this_thread::sleep_for(5s);
    std::abort();
  }
  std::this_thread::sleep_for(1ms);
}

Task<> hotPathStillReported(bool fatal) {
  fatalOrWait(fatal);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'fatalOrWait' may block the thread: it calls 'std::this_thread::sleep_for' (sleep), and every task
  // CHECK-MESSAGES: :[[@LINE-6]]:3: note: 'fatalOrWait' calls 'std::this_thread::sleep_for' here, which blocks
  // HOT: :[[@LINE-3]]:3: warning: 'fatalOrWait' may block the thread: it calls 'std::this_thread::sleep_for' (sleep), and every task
  // HOT: :[[@LINE-8]]:3: note: 'fatalOrWait' calls 'std::this_thread::sleep_for' here, which blocks
  co_return;
}

// A loop that may run forever is not a path that ends the process.
void pollForever(bool fatal) {
  for (;;) {
    std::this_thread::sleep_for(1ms);
    if (fatal)
      std::abort();
  }
}

Task<> loopsAreNotDoomed(bool fatal) {
  pollForever(fatal);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'pollForever' may block the thread: it calls 'std::this_thread::sleep_for' (sleep)
  // CHECK-MESSAGES: :[[@LINE-9]]:5: note: 'pollForever' calls 'std::this_thread::sleep_for' here, which blocks
  // HOT: :[[@LINE-3]]:3: warning: 'pollForever' may block the thread: it calls 'std::this_thread::sleep_for' (sleep)
  // HOT: :[[@LINE-11]]:5: note: 'pollForever' calls 'std::this_thread::sleep_for' here, which blocks
  co_return;
}

// Catch handlers and [[unlikely]] branches are reported by default, saying
// so; ReportUnlikelyPaths=false leaves them out.
void retryAfterError() {
  try {
    logAt(1, "trying");
  } catch (...) {
    std::this_thread::sleep_for(100ms);
  }
}

Task<> unlikelyPaths(bool failed) {
  retryAfterError();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'retryAfterError' may block the thread: it calls 'std::this_thread::sleep_for' (sleep) on a path taken only in a catch handler or an {{\[\[}}unlikely{{\]\]}} branch, and every task
  // CHECK-MESSAGES: :[[@LINE-7]]:5: note: 'retryAfterError' calls 'std::this_thread::sleep_for' here, which blocks
  if (failed) [[unlikely]] {
    std::this_thread::sleep_for(1s);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::this_thread::sleep_for' blocks the thread (sleep) on a path taken only in a catch handler or an {{\[\[}}unlikely{{\]\]}} branch: every task
  }
  co_return;
}

// A hot path to a blocking function wins over an unlikely one found first.
void unlikelyThenHot(bool failed) {
  if (failed) [[unlikely]]
    std::this_thread::sleep_for(1s);
  std::this_thread::sleep_for(1ms);
}

Task<> hotWinsOverUnlikely(bool failed) {
  unlikelyThenHot(failed);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'unlikelyThenHot' may block the thread: it calls 'std::this_thread::sleep_for' (sleep), and every task
  // CHECK-MESSAGES: :[[@LINE-6]]:3: note: 'unlikelyThenHot' calls 'std::this_thread::sleep_for' here, which blocks
  // HOT: :[[@LINE-3]]:3: warning: 'unlikelyThenHot' may block the thread: it calls 'std::this_thread::sleep_for' (sleep), and every task
  // HOT: :[[@LINE-8]]:3: note: 'unlikelyThenHot' calls 'std::this_thread::sleep_for' here, which blocks
  co_return;
}
