// RUN: %check_clang_tidy %s coro-lock-across-suspend,coro-blocking-call %t

// The real Abseil headers (libabsl-dev).
#include "coro_test.h"
#include <absl/synchronization/blocking_counter.h>
#include <absl/synchronization/mutex.h>
#include <absl/synchronization/notification.h>
#include <absl/time/clock.h>

absl::Mutex mu;

Task<> guardAcrossSuspension() {
  absl::MutexLock lock(&mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: lock on 'mu' (absl::Mutex) may still be held when the coroutine suspends; {{.*}} [coro-lock-across-suspend]
  co_await Yield{};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the coroutine may suspend here with the lock held
}

Task<> readerAndWriterGuards(absl::Mutex *shared) {
  {
    absl::ReaderMutexLock reader(shared);
    // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: lock on 'shared' (absl::Mutex) may still be held
    co_await Yield{};
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: the coroutine may suspend here with the lock held
  }
  absl::WriterMutexLock writer(shared);
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: lock on 'shared' (absl::Mutex) may still be held
  co_await Yield{};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the coroutine may suspend here with the lock held
}

Task<> releasableGuardReleasedInTime() {
  absl::ReleasableMutexLock lock(&mu);
  lock.Release();
  co_await Yield{};
}

Task<> releasableGuardHeld() {
  absl::ReleasableMutexLock lock(&mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: lock on 'mu' (absl::Mutex) may still be held
  co_await Yield{};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the coroutine may suspend here with the lock held
  lock.Release();
}

Task<> manualLocking() {
  mu.Lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lock on 'mu' (absl::Mutex) may still be held
  co_await Yield{};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the coroutine may suspend here with the lock held
  mu.Unlock();
  mu.ReaderLock();
  mu.ReaderUnlock();
  co_await Yield{};
}

Task<> guardScopeEndsBeforeSuspension() {
  {
    absl::MutexLock lock(&mu);
  }
  co_await Yield{};
}

Task<> waits(absl::Notification &done, absl::BlockingCounter &counter,
             absl::CondVar &changed) {
  done.WaitForNotification();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'absl::Notification::WaitForNotification' blocks the thread (thread-sync): {{.*}}; instead, co_await an async notification (corolint::rt::Notify, a oneshot channel)
  done.WaitForNotificationWithTimeout(absl::Seconds(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'absl::Notification::WaitForNotificationWithTimeout' blocks the thread (thread-sync)
  counter.Wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'absl::BlockingCounter::Wait' blocks the thread (thread-sync): {{.*}}; instead, await the tasks' JoinHandles, or a JoinSet
  {
    absl::MutexLock lock(&mu);
    changed.Wait(&mu);
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'absl::CondVar::Wait' blocks the thread (thread-sync)
    mu.Await(absl::Condition(+[](int *value) { return *value > 0; }, static_cast<int *>(nullptr)));
    // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'absl::Mutex::Await' blocks the thread (thread-sync)
  }
  absl::SleepFor(absl::Milliseconds(10));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'absl::SleepFor' blocks the thread (sleep): {{.*}}; instead, co_await an async timer (corolint::rt::sleep)
  co_return;
}

// Querying and signalling never wait.
Task<> doesNotWait(absl::Notification &done, absl::BlockingCounter &counter,
                   absl::CondVar &changed) {
  use(done.HasBeenNotified());
  done.Notify();
  use(counter.DecrementCount());
  changed.SignalAll();
  co_return;
}
