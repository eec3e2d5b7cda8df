// RUN: %check_clang_tidy %s coro-lock-across-suspend %t

#include "coro_test.h"
#include <mutex>
#include <utility>

std::mutex m;
std::mutex m2;
void consume(std::unique_lock<std::mutex> lock);

Task<> unlockedBeforeSuspension() {
  std::unique_lock lock(m);
  lock.unlock();
  co_await Yield{};
}

Task<> relockedAfterSuspension() {
  std::unique_lock lock(m);
  lock.unlock();
  co_await Yield{};
  lock.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lock on 'm' (std::mutex) may still be held
  co_await Yield{};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the coroutine may suspend here
}

Task<> relockedWithNoLaterSuspension() {
  std::unique_lock lock(m);
  lock.unlock();
  co_await Yield{};
  lock.lock();
  use(1);
}

Task<> deferredAndNeverLocked() {
  std::unique_lock lock(m, std::defer_lock);
  co_await Yield{};
}

Task<> deferredThenLocked() {
  std::unique_lock lock(m, std::defer_lock);
  lock.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lock on 'm' (std::mutex) may still be held
  co_await Yield{};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the coroutine may suspend here
}

Task<> tryToLock() {
  std::unique_lock lock(m, std::try_to_lock);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: lock on 'm' (std::mutex) may still be held
  co_await Yield{};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the coroutine may suspend here
}

Task<> adoptedLockIsReportedWhereTaken() {
  m.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lock on 'm' (std::mutex) may still be held
  std::lock_guard guard(m, std::adopt_lock);
  co_await Yield{};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the coroutine may suspend here
}

Task<> adoptedLockReleasedByItsGuard() {
  m.lock();
  {
    std::lock_guard guard(m, std::adopt_lock);
  }
  co_await Yield{};
}

Task<> releasedGuardLeavesTheMutexLocked() {
  std::unique_lock lock(m);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: lock on 'm' (std::mutex) may still be held
  lock.release();
  co_await Yield{};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the coroutine may suspend here
}

Task<> releasedThenUnlockedByHand() {
  std::unique_lock lock(m);
  std::mutex *released = lock.release();
  released->unlock();
  co_await Yield{};
}

Task<> guardMovedIntoACall() {
  std::unique_lock lock(m);
  consume(std::move(lock));
  co_await Yield{};
}

Task<> guardMovedIntoAShorterScope() {
  std::unique_lock lock(m);
  {
    std::unique_lock inner = std::move(lock);
  }
  co_await Yield{};
}

Task<> guardMovedIntoALongerLivedGuard() {
  std::unique_lock<std::mutex> outer;
  {
    std::unique_lock lock(m);
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: lock on 'm' (std::mutex) may still be held
    outer = std::move(lock);
  }
  co_await Yield{};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the coroutine may suspend here
}

Task<> guardReassigned() {
  std::unique_lock lock(m);
  lock = std::unique_lock(m2);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: lock on 'm2' (std::mutex) may still be held
  co_await Yield{};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the coroutine may suspend here
  lock.unlock();
}

Task<> manualLockAcrossSuspension() {
  m.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lock on 'm' (std::mutex) may still be held
  co_await Yield{};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the coroutine may suspend here
  m.unlock();
}

Task<> manualLockReleasedBeforeSuspension() {
  m.lock();
  use(1);
  m.unlock();
  co_await Yield{};
}

Task<> earlyReturnPathHoldsTheLock(bool done) {
  {
    std::lock_guard guard(m);
    if (done)
      co_return;
  }
  co_await Yield{};
}

Task<> unlockOnEveryPathThatContinues(bool done) {
  std::unique_lock lock(m);
  if (done)
    co_return;
  lock.unlock();
  co_await Yield{};
}

Task<> lockedOnOneBranch(bool fast) {
  std::unique_lock lock(m, std::defer_lock);
  if (fast)
    lock.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: lock on 'm' (std::mutex) may still be held
  co_await Yield{};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the coroutine may suspend here
}

Task<> lockTakenAtTheEndOfALoop(int n) {
  std::unique_lock lock(m, std::defer_lock);
  for (int i = 0; i < n; ++i) {
    co_await Yield{};
    lock.lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: lock on 'm' (std::mutex) may still be held
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: the coroutine may suspend here
  }
}

Task<> guardScopedToTheLoopBody(int n) {
  for (int i = 0; i < n; ++i) {
    {
      std::lock_guard guard(m);
      use(i);
    }
    co_await Yield{};
  }
}

Task<> whileLoopWithUnlock() {
  std::unique_lock lock(m);
  while (check()) {
    lock.unlock();
    co_await Yield{};
    lock.lock();
  }
}

Task<> guardInIfInitStatement() {
  if (std::lock_guard guard(m); check()) {
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: lock on 'm' (std::mutex) may still be held
    co_await Yield{};
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: the coroutine may suspend here
  }
  co_await Yield{};
}

Task<> guardInForInitStatement() {
  for (std::unique_lock lock(m); check();) {
    // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: lock on 'm' (std::mutex) may still be held
    co_await Yield{};
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: the coroutine may suspend here
  }
  co_await Yield{};
}

Task<> guardInSwitchCase(int kind) {
  switch (kind) {
  case 0: {
    std::lock_guard guard(m);
    use(kind);
    break;
  }
  case 1: {
    std::lock_guard guard(m2);
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: lock on 'm2' (std::mutex) may still be held
    co_await Yield{};
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: the coroutine may suspend here
    break;
  }
  }
  co_await Yield{};
}
