// RUN: %check_clang_tidy %s coro-lock-across-suspend %t

#include "coro_test.h"
#include <condition_variable>
#include <mutex>
#include <utility>

std::mutex m;

// Awaiters that take the lock and release it when the coroutine suspends.
struct TakesByRvalue {
  explicit TakesByRvalue(std::unique_lock<std::mutex> &&lock)
      : lock_(std::move(lock)) {}
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept { lock_.unlock(); }
  void await_resume() const noexcept {}
  std::unique_lock<std::mutex> lock_;
};

struct TakesByReference {
  explicit TakesByReference(std::unique_lock<std::mutex> &lock) {
    lock_.swap(lock);
  }
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept { lock_.unlock(); }
  void await_resume() const noexcept {}
  std::unique_lock<std::mutex> lock_;
};

// Keeps only a view of the lock: the coroutine still holds it.
struct LooksAtTheLock {
  explicit LooksAtTheLock(const std::unique_lock<std::mutex> &lock)
      : owned(lock.owns_lock()) {}
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  void await_resume() const noexcept {}
  bool owned;
};

struct KeepsAReference {
  explicit KeepsAReference(std::unique_lock<std::mutex> &lock) : lock_(lock) {}
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  void await_resume() const noexcept {}
  std::unique_lock<std::mutex> &lock_;
};

// Defined in another translation unit: what it does with the lock is
// unknown.
struct DefinedElsewhere {
  explicit DefinedElsewhere(std::unique_lock<std::mutex> &lock);
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept;
  void await_resume() const noexcept {}
};

Task<> handsTheLockOverByMove() {
  std::unique_lock lock(m);
  co_await TakesByRvalue(std::move(lock));
}

Task<> handsTheLockOverByReference() {
  std::unique_lock lock(m);
  co_await TakesByReference{lock};
}

Task<> awaiterInAVariable() {
  std::unique_lock lock(m);
  TakesByReference awaiter(lock);
  co_await awaiter;
}

Task<> awaiterOnlyLooks() {
  std::unique_lock lock(m);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: lock on 'm' (std::mutex) may still be held
  co_await LooksAtTheLock(lock);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the coroutine may suspend here
}

Task<> awaiterKeepsAReference() {
  std::unique_lock lock(m);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: lock on 'm' (std::mutex) may still be held
  co_await KeepsAReference(lock);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the coroutine may suspend here
}

Task<> awaiterNotVisible() {
  std::unique_lock lock(m);
  co_await DefinedElsewhere(lock);
}

// The awaiter takes the lock, and the coroutine locks again later.
Task<> relockedAfterTheHandOff() {
  std::unique_lock lock(m);
  co_await TakesByReference(lock);
  std::unique_lock again(m);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: lock on 'm' (std::mutex) may still be held
  co_await Yield{};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the coroutine may suspend here
}

// Plain functions: one that keeps the moved guard, one that only borrows it,
// one that waits on it and gives it back.
void keep(std::unique_lock<std::mutex> &&lock) {
  static std::unique_lock<std::mutex> kept;
  kept = std::move(lock);
}
void borrow(std::unique_lock<std::mutex> &&lock) { (void)lock.owns_lock(); }

Task<> guardMovedIntoAFunctionThatKeepsIt() {
  std::unique_lock lock(m);
  keep(std::move(lock));
  co_await Yield{};
}

Task<> guardMovedIntoAFunctionThatOnlyBorrowsIt() {
  std::unique_lock lock(m);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: lock on 'm' (std::mutex) may still be held
  borrow(std::move(lock));
  co_await Yield{};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the coroutine may suspend here
}

Task<> conditionVariableGivesTheLockBack(std::condition_variable &ready) {
  std::unique_lock lock(m);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: lock on 'm' (std::mutex) may still be held
  ready.wait(lock);
  co_await Yield{};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the coroutine may suspend here
}
