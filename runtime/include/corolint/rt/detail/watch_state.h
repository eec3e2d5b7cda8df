#pragma once

#include "corolint/rt/detail/spin_mutex.h"
#include "corolint/rt/detail/waiter_list.h"
#include "corolint/rt/waker.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <shared_mutex>
#include <utility>

namespace corolint::rt::detail {

/// A receiver waiting in changed(), with the version it has seen.
struct WatchWaiter : Waiter {
  std::uint64_t seen = 0;
};

/// The state shared by the sender and the receivers of a watch channel: the
/// latest value, its version, and the receivers waiting for a newer one.
///
/// The value is guarded by a reader-writer lock so that borrows read it in
/// place; the version changes only under the write lock. Everything else is
/// guarded by a separate mutex that is never held while the value is.
template <class T> class WatchState {
public:
  explicit WatchState(T initial) : value_(std::move(initial)) {}
  WatchState(const WatchState &) = delete;
  WatchState &operator=(const WatchState &) = delete;
  ~WatchState() = default;

  std::shared_mutex &value_mutex() const noexcept { return value_mutex_; }
  /// Read under value_mutex(), shared or exclusive.
  const T &value() const noexcept { return value_; }
  T &value() noexcept { return value_; }

  std::uint64_t version() const noexcept {
    return version_.load(std::memory_order_acquire);
  }

  /// Applies `change` to the value under the write lock, then wakes the
  /// receivers waiting for a change when `change` returns true.
  template <class Change> void modify(Change &&change) {
    {
      const std::unique_lock lock(value_mutex_);
      if (!std::forward<Change>(change)(value_))
        return;
      version_.fetch_add(1, std::memory_order_release);
    }
    const std::lock_guard lock(mutex_);
    // A receiver may have seen the new version, and started waiting for a
    // later one, between the write and this point: leave it waiting.
    const std::uint64_t current = version();
    waiters_.wake_if([current](const Waiter &waiter) {
      return static_cast<const WatchWaiter &>(waiter).seen != current;
    });
  }

  void add_receiver() noexcept {
    const std::lock_guard lock(mutex_);
    ++receivers_;
  }
  void drop_receiver() noexcept {
    const std::lock_guard lock(mutex_);
    --receivers_;
  }
  std::size_t receiver_count() const noexcept {
    const std::lock_guard lock(mutex_);
    return receivers_;
  }

  void drop_sender() noexcept {
    const std::lock_guard lock(mutex_);
    sender_gone_ = true;
    waiters_.wake_all();
  }
  bool sender_gone() const noexcept {
    const std::lock_guard lock(mutex_);
    return sender_gone_;
  }

  /// Lists `waiter` to be woken by the next change, unless the version
  /// already differs from `seen` or the sender is gone.
  /// A waiter listed already (awaited again after a select it lost) keeps
  /// its place and takes the new waker.
  bool wait_for_change(std::uint64_t seen, WatchWaiter &waiter, Waker waker) {
    // `waker` ends up holding the waker that is dropped, and drops it after
    // the lock is released.
    const std::lock_guard lock(mutex_);
    if (version() != seen || sender_gone_) {
      waiters_.remove_if_linked(waiter);
      return false;
    }
    waiter.seen = seen;
    waiters_.add_or_update(waiter, waker);
    return true;
  }

  void stop_waiting(WatchWaiter &waiter) noexcept {
    const std::lock_guard lock(mutex_);
    waiters_.remove_if_linked(waiter);
  }

private:
  mutable std::shared_mutex value_mutex_;
  T value_;
  std::atomic<std::uint64_t> version_{0};

  mutable SpinMutex mutex_;
  WaiterList waiters_;
  std::size_t receivers_ = 1;
  bool sender_gone_ = false;
};

} // namespace corolint::rt::detail
