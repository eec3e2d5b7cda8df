// RUN: %check_clang_tidy %s coro-blocking-call %t

#include "blocking_libs.h"

folly::coro::Task<int> makeFollyTask();
async_simple::coro::Lazy<int> makeLazy();
int makeSender();

Task<> nestedSyncWaits(folly::Future<int> future, concurrencpp::result<int> result) {
  use(folly::coro::blockingWait(makeFollyTask()));
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'folly::coro::blockingWait' blocks the thread (sync-wait): {{.*}}; instead, co_await the task rather than blocking on it
  use(std::move(future).get());
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'folly::Future::get' blocks the thread (sync-wait)
  use(cppcoro::sync_wait(Yield{}));
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'cppcoro::sync_wait' blocks the thread (sync-wait)
  use(coro::sync_wait(Yield{}));
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'coro::sync_wait' blocks the thread (sync-wait)
  use(async_simple::coro::syncAwait(makeLazy()));
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'async_simple::coro::syncAwait' blocks the thread (sync-wait)
  use(result.get());
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'concurrencpp::result::get' blocks the thread (sync-wait)
  use(stdexec::sync_wait(makeSender()));
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'stdexec::sync_wait' blocks the thread (sync-wait)
  use(unifex::sync_wait(makeSender()));
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'unifex::sync_wait' blocks the thread (sync-wait)
  co_return;
}

Task<> nonBlockingQueries(folly::Future<int> &future, concurrencpp::result<int> &result) {
  use(future.isReady());
  use(result.valid());
  co_return;
}

// Outside a coroutine, blocking on a task is how a program starts one.
int main() { return folly::coro::blockingWait(makeFollyTask()); }
