// RUN: %check_clang_tidy %s coro-lock-across-suspend %t \
// RUN:   --config="{CheckOptions: {coro-lock-across-suspend.BlockingMutexes: 'user::SpinLock;::other::Lock', coro-lock-across-suspend.AsyncMutexes: 'user::Hybrid', coro-lock-across-suspend.NeverSuspendingAwaitables: 'FastPath', coro-lock-across-suspend.ModelFiles: '%inputs/models/user-locks.json'}}"
// RUN: %check_clang_tidy %s coro-lock-across-suspend %t.global \
// RUN:   --config="{CheckOptions: {ModelFiles: '%inputs/models/user-locks.json', coro-lock-across-suspend.BlockingMutexes: 'user::SpinLock', coro-lock-across-suspend.AsyncMutexes: 'user::Hybrid', coro-lock-across-suspend.NeverSuspendingAwaitables: 'FastPath'}}"

#include "async_mutexes.h"
#include "user_locks.h"

struct FastPath {
  bool await_ready() const noexcept;
  void await_suspend(std::coroutine_handle<>) const noexcept;
  void await_resume() const noexcept;
};

user::SpinLock spin;
user::RwSpin rwSpin;
user::Hybrid hybrid;

Task<> optionAddsABlockingMutex() {
  std::lock_guard guard(spin);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: lock on 'spin' (user::SpinLock) may still be held
  co_await Yield{};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the coroutine may suspend here
}

Task<> modelFileAddsMutexWithItsOwnMethods() {
  rwSpin.acquire_read();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lock on 'rwSpin' (user::RwSpin) may still be held
  co_await Yield{};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the coroutine may suspend here
  rwSpin.release();
}

Task<> modelFileMethodsUnlock() {
  rwSpin.acquire_write();
  rwSpin.release();
  co_await Yield{};
}

Task<> modelFileAddsAGuard() {
  user::SpinGuard guard(spin);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: lock on 'spin' (user::SpinLock) may still be held
  co_await Yield{};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the coroutine may suspend here
}

Task<> asyncOptionWins() {
  std::lock_guard guard(hybrid);
  co_await Yield{};
}

Task<> optionMarksAwaitableAsNeverSuspending() {
  std::lock_guard guard(spin);
  co_await FastPath{};
}
