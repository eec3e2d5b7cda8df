#pragma once

#include "corolint/rt/detail/permit_queue.h"

#include <cassert>
#include <coroutine>
#include <optional>
#include <utility>

namespace corolint::rt {

template <class T> class Mutex;

/// Exclusive access to a Mutex's value, released when the guard is
/// destroyed (or unlock() is called). Movable; safe to hold across co_await,
/// which is what sets an async mutex apart from std::mutex. The Mutex must
/// outlive the guard.
template <class T> class [[nodiscard]] MutexGuard {
public:
  MutexGuard(MutexGuard &&other) noexcept
      : mutex_(std::exchange(other.mutex_, nullptr)) {}
  MutexGuard &operator=(MutexGuard &&other) noexcept {
    if (this != &other) {
      unlock();
      mutex_ = std::exchange(other.mutex_, nullptr);
    }
    return *this;
  }
  MutexGuard(const MutexGuard &) = delete;
  MutexGuard &operator=(const MutexGuard &) = delete;
  ~MutexGuard() { unlock(); }

  T &operator*() const noexcept { return get(); }
  T *operator->() const noexcept { return &get(); }

  /// Releases the lock early; the guard is empty afterwards.
  void unlock() noexcept {
    if (mutex_ != nullptr)
      std::exchange(mutex_, nullptr)->queue_.release(1);
  }

  bool owns_lock() const noexcept { return mutex_ != nullptr; }

private:
  friend class Mutex<T>;
  explicit MutexGuard(Mutex<T> &mutex) noexcept : mutex_(&mutex) {}

  T &get() const noexcept {
    assert(mutex_ != nullptr && "using an empty MutexGuard");
    return mutex_->value_;
  }

  Mutex<T> *mutex_;
};

/// An async mutex that owns the value it protects, like tokio::sync::Mutex:
///
///     Mutex<std::vector<int>> items;
///     MutexGuard<std::vector<int>> guard = co_await items.lock();
///     guard->push_back(1);
///
/// Waiting suspends the task, not the thread. Tasks get the lock in the
/// order they asked for it (FIFO). A task aborted or timed out while waiting
/// leaves the queue and never gets the lock; if the lock had just been
/// handed to it, it goes on to the next waiter. Destroying a Mutex while it
/// is locked or waited on is undefined.
template <class T> class Mutex {
public:
  template <class... Args>
  explicit Mutex(Args &&...args) : value_(std::forward<Args>(args)...) {}
  Mutex(const Mutex &) = delete;
  Mutex &operator=(const Mutex &) = delete;
  ~Mutex() = default;

  class [[nodiscard]] Lock {
  public:
    bool await_ready() noexcept { return acquire_.ready(); }
    bool await_suspend(std::coroutine_handle<> awaiting) {
      return acquire_.suspend(awaiting);
    }
    MutexGuard<T> await_resume() noexcept {
      const bool locked = acquire_.finish();
      assert(locked && "a Mutex is never closed");
      static_cast<void>(locked);
      return MutexGuard<T>(*mutex_);
    }

  private:
    friend class Mutex;
    explicit Lock(Mutex &mutex) noexcept
        : mutex_(&mutex), acquire_(mutex.queue_, 1) {}

    Mutex *mutex_;
    detail::PermitQueue::Acquire acquire_;
  };

  /// Waits for the lock.
  Lock lock() noexcept { return Lock(*this); }

  /// The lock if it is free and nobody waits for it; nothing otherwise.
  std::optional<MutexGuard<T>> try_lock() noexcept {
    if (!queue_.try_acquire(1))
      return std::nullopt;
    return MutexGuard<T>(*this);
  }

private:
  friend class MutexGuard<T>;

  detail::PermitQueue queue_{1};
  T value_;
};

} // namespace corolint::rt
