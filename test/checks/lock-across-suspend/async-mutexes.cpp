// RUN: %check_clang_tidy %s coro-lock-across-suspend %t

#include "async_mutexes.h"
#include <pthread.h>

std::mutex blocking;
folly::coro::Mutex follyMutex;
async_simple::coro::Mutex asyncSimpleMutex;
corolint::rt::Mutex runtimeMutex;
user::SpinLock unknownMutex;
pthread_mutex_t pm = PTHREAD_MUTEX_INITIALIZER;
pthread_rwlock_t prw = PTHREAD_RWLOCK_INITIALIZER;

Task<> follyGuardAdoptsAnAsyncLock() {
  co_await follyMutex.co_lock();
  std::unique_lock<folly::coro::Mutex> lock(follyMutex, std::adopt_lock);
  co_await Yield{};
}

Task<> follyScopedLock() {
  auto lock = co_await follyMutex.co_scoped_lock();
  co_await Yield{};
}

Task<> asyncSimpleScopedLock() {
  std::unique_lock lock = co_await asyncSimpleMutex.coScopedLock();
  co_await Yield{};
}

Task<> runtimeMutexGuard() {
  co_await runtimeMutex.lock_async();
  std::lock_guard guard(runtimeMutex, std::adopt_lock);
  co_await Yield{};
}

Task<> asyncMutexLockedByHand() {
  follyMutex.lock();
  co_await Yield{};
  follyMutex.unlock();
}

Task<> unknownMutexTypeIsNotAssumedToBlock() {
  std::lock_guard guard(unknownMutex);
  co_await Yield{};
}

Task<> mixedScopedLockNamesOnlyTheBlockingMutex() {
  std::scoped_lock both(runtimeMutex, blocking);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: lock on 'blocking' (std::mutex) may still be held
  co_await Yield{};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the coroutine may suspend here
}

Task<> pthreadMutexAcrossSuspension() {
  pthread_mutex_lock(&pm);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lock on 'pm' (pthread_mutex_t) may still be held
  co_await Yield{};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the coroutine may suspend here
  pthread_mutex_unlock(&pm);
}

Task<> pthreadMutexUnlockedFirst() {
  pthread_mutex_lock(&pm);
  pthread_mutex_unlock(&pm);
  co_await Yield{};
}

Task<> pthreadReadLockAcrossSuspension() {
  pthread_rwlock_rdlock(&prw);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lock on 'prw' (pthread_rwlock_t) may still be held
  co_await Yield{};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the coroutine may suspend here
  pthread_rwlock_unlock(&prw);
}

Task<> pthreadWriteLockReleased() {
  pthread_rwlock_wrlock(&prw);
  pthread_rwlock_unlock(&prw);
  co_await Yield{};
}
