// RUN: %check_clang_tidy %s coro-blocking-call %t
// RUN: %clang_tidy --load=%corolint_plugin --checks='-*,coro-blocking-call' \
// RUN:   --config={} --header-filter=task_pool %s -- -std=c++20 -I%inputs 2>&1 \
// RUN:   | grep 'task_pool.h:[0-9:]* warning:' | FileCheck %s --check-prefix=HEADERS

// A callable handed to a library's coroutine template (in a non-system
// header) that invokes it is reported in the user's code, where NOLINT can be
// written, with the library's invocation and the user's call as notes.

#include "coro_test.h"
#include "task_pool.h"
#include <chrono>
#include <future>
#include <thread>

using namespace std::chrono_literals;

void slowWork() { std::this_thread::sleep_for(10ms); }

Task<> handsOverLambdas(pool::Executor &executor, std::future<int> &pending) {
  co_await pool::spawn([] { std::this_thread::sleep_for(1ms); });
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'std::this_thread::sleep_for' blocks the thread (sleep): every task
  // CHECK-MESSAGES: task_pool.h:14:3: note: 'pool::spawn' invokes the callable here
  // CHECK-MESSAGES: :[[@LINE-3]]:18: note: the callable is handed to 'pool::spawn' here
  co_await pool::submitAfter(3, [&pending] { return pending.get(); });
  // CHECK-MESSAGES: :[[@LINE-1]]:61: warning: 'std::future::get' blocks the thread (sync-wait): every task
  // CHECK-MESSAGES: task_pool.h:21:3: note: 'pool::submitAfter' invokes the callable here
  // CHECK-MESSAGES: :[[@LINE-3]]:18: note: the callable is handed to 'pool::submitAfter' here
  co_await executor.post([] { slowWork(); });
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'slowWork' may block the thread: it calls 'std::this_thread::sleep_for' (sleep)
  // CHECK-MESSAGES: :[[@LINE-13]]:19: note: 'slowWork' calls 'std::this_thread::sleep_for' here, which blocks
  // CHECK-MESSAGES: task_pool.h:28:5: note: 'pool::Executor::post' invokes the callable here
  // CHECK-MESSAGES: :[[@LINE-4]]:21: note: the callable is handed to 'pool::Executor::post' here
  co_await pool::spawn([] { std::this_thread::sleep_for(2ms); }); // NOLINT(coro-blocking-call)
  co_await pool::spawn([] { return 1; });
}

// A functor the user defines is the user's code too.
struct Flush {
  void operator()() const { slowWork(); }
};

Task<> handsOverAFunctor() {
  co_await pool::spawn(Flush{});
  // CHECK-MESSAGES: :[[@LINE-5]]:29: warning: 'slowWork' may block the thread: it calls 'std::this_thread::sleep_for' (sleep)
  // CHECK-MESSAGES: :[[@LINE-28]]:19: note: 'slowWork' calls 'std::this_thread::sleep_for' here, which blocks
  // CHECK-MESSAGES: task_pool.h:14:3: note: 'pool::spawn' invokes the callable here
  // CHECK-MESSAGES: :[[@LINE-4]]:18: note: the callable is handed to 'pool::spawn' here
}

// The library's own blocking call stays in the library, shown when its
// header is.
Task<> throttled(pool::Executor &executor) {
  co_await executor.postThrottled([] {});
  // HEADERS: task_pool.h:32:5: warning: 'std::this_thread::sleep_for' blocks the thread (sleep)
  // HEADERS-NOT: warning:
}
