// RUN: %check_clang_tidy %s coro-lock-across-suspend %t

#include "coro_test.h"
#include <mutex>
#include <shared_mutex>

std::mutex m;
std::mutex other;
std::shared_mutex rw;
std::recursive_mutex rm;
std::timed_mutex tm;

Task<> guardWithTemplateArgument() {
  std::lock_guard<std::mutex> guard(m);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: lock on 'm' (std::mutex) may still be held when the coroutine suspends; it can resume on another thread, and every task that needs the lock blocks its executor thread meanwhile; release the lock before suspending (end the guard's scope or unlock it) or use an async mutex [coro-lock-across-suspend]
  co_await Yield{};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the coroutine may suspend here with the lock held
}

Task<> guardWithDeducedArguments() {
  std::lock_guard guard(m);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: lock on 'm' (std::mutex) may still be held
  co_await work();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the coroutine may suspend here with the lock held
}

Task<> scopedLockOverTwoMutexes() {
  std::scoped_lock both(m, other);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: lock on 'm' (std::mutex) and 'other' (std::mutex) may still be held
  co_await Yield{};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the coroutine may suspend here
}

Task<> uniqueLock() {
  std::unique_lock lock{rm};
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: lock on 'rm' (std::recursive_mutex) may still be held
  co_await Yield{};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the coroutine may suspend here
}

Task<> sharedLock() {
  std::shared_lock<std::shared_mutex> reader(rw);
  // CHECK-MESSAGES: :[[@LINE-1]]:39: warning: lock on 'rw' (std::shared_mutex) may still be held
  co_await Yield{};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the coroutine may suspend here
}

Task<> timedMutexAndSeveralSuspensions() {
  std::unique_lock<std::timed_mutex> lock(tm);
  // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: lock on 'tm' (std::timed_mutex) may still be held
  co_await Yield{};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the coroutine may suspend here
  co_await work();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the coroutine may suspend here
}

Generator<int> yieldWhileLocked() {
  std::lock_guard guard(m);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: lock on 'm' (std::mutex) may still be held
  co_yield 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the coroutine may suspend here
}

Task<> awaitInInitializer() {
  std::lock_guard guard(m);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: lock on 'm' (std::mutex) may still be held
  int value = co_await fetch();
  // CHECK-MESSAGES: :[[@LINE-1]]:15: note: the coroutine may suspend here
  use(value);
}

Task<> awaitInArgument() {
  std::lock_guard guard(m);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: lock on 'm' (std::mutex) may still be held
  use(co_await fetch());
  // CHECK-MESSAGES: :[[@LINE-1]]:7: note: the coroutine may suspend here
}

Task<int> awaitInReturn() {
  std::lock_guard guard(m);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: lock on 'm' (std::mutex) may still be held
  co_return co_await fetch();
  // CHECK-MESSAGES: :[[@LINE-1]]:13: note: the coroutine may suspend here
}

Task<> maybeReadyStillSuspends(bool ready) {
  std::lock_guard guard(m);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: lock on 'm' (std::mutex) may still be held
  co_await MaybeReady{ready};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the coroutine may suspend here
}

// Negative cases.

Task<> guardScopeEndsBeforeSuspension() {
  {
    std::lock_guard guard(m);
    use(1);
  }
  co_await Yield{};
}

Task<> neverSuspendingAwaitables() {
  std::lock_guard guard(m);
  co_await std::suspend_never{};
  use(co_await AlwaysReady{});
  co_await ResumeAtOnce{};
}

Task<int> coReturnIsNotASuspension() {
  std::lock_guard guard(m);
  co_return 1;
}

int plainFunction() {
  std::lock_guard guard(m);
  return 1;
}

Task<> lockedOnlyInsideLambdaWithoutSuspension() {
  auto locked = [] {
    std::lock_guard guard(m);
    return 1;
  };
  use(locked());
  co_await Yield{};
}

Task<> awaitInLambdaBelongsToTheLambda() {
  std::lock_guard guard(m);
  auto inner = []() -> Task<> { co_await Yield{}; };
  Task<> pending = inner();
  (void)pending;
  co_return;
}

Task<> lambdaCoroutineHasItsOwnLocks() {
  auto inner = []() -> Task<> {
    std::lock_guard guard(m);
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: lock on 'm' (std::mutex) may still be held
    co_await Yield{};
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: the coroutine may suspend here
  };
  co_await inner();
}

Task<> suspensionInsideTryAndCatchAll() {
  try {
    std::lock_guard guard(m);
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: lock on 'm' (std::mutex) may still be held
    co_await work();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: the coroutine may suspend here
  } catch (...) {
    use(0);
  }
  co_await Yield{};
}
