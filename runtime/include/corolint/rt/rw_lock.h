#pragma once

#include "corolint/rt/detail/permit_queue.h"

#include <cassert>
#include <coroutine>
#include <cstddef>
#include <optional>
#include <utility>

namespace corolint::rt {

template <class T> class RwLock;

/// Shared, read-only access to an RwLock's value; released on destruction.
template <class T> class [[nodiscard]] RwLockReadGuard {
public:
  RwLockReadGuard(RwLockReadGuard &&other) noexcept
      : lock_(std::exchange(other.lock_, nullptr)) {}
  RwLockReadGuard &operator=(RwLockReadGuard &&other) noexcept {
    if (this != &other) {
      unlock();
      lock_ = std::exchange(other.lock_, nullptr);
    }
    return *this;
  }
  RwLockReadGuard(const RwLockReadGuard &) = delete;
  RwLockReadGuard &operator=(const RwLockReadGuard &) = delete;
  ~RwLockReadGuard() { unlock(); }

  const T &operator*() const noexcept { return get(); }
  const T *operator->() const noexcept { return &get(); }

  void unlock() noexcept {
    if (lock_ != nullptr)
      std::exchange(lock_, nullptr)->queue_.release(1);
  }

private:
  friend class RwLock<T>;
  explicit RwLockReadGuard(RwLock<T> &lock) noexcept : lock_(&lock) {}
  const T &get() const noexcept {
    assert(lock_ != nullptr && "using an empty RwLockReadGuard");
    return lock_->value_;
  }

  RwLock<T> *lock_;
};

/// Exclusive access to an RwLock's value; released on destruction.
template <class T> class [[nodiscard]] RwLockWriteGuard {
public:
  RwLockWriteGuard(RwLockWriteGuard &&other) noexcept
      : lock_(std::exchange(other.lock_, nullptr)) {}
  RwLockWriteGuard &operator=(RwLockWriteGuard &&other) noexcept {
    if (this != &other) {
      unlock();
      lock_ = std::exchange(other.lock_, nullptr);
    }
    return *this;
  }
  RwLockWriteGuard(const RwLockWriteGuard &) = delete;
  RwLockWriteGuard &operator=(const RwLockWriteGuard &) = delete;
  ~RwLockWriteGuard() { unlock(); }

  T &operator*() const noexcept { return get(); }
  T *operator->() const noexcept { return &get(); }

  void unlock() noexcept {
    if (lock_ != nullptr) {
      RwLock<T> *lock = std::exchange(lock_, nullptr);
      lock->queue_.release(lock->max_readers_);
    }
  }

private:
  friend class RwLock<T>;
  explicit RwLockWriteGuard(RwLock<T> &lock) noexcept : lock_(&lock) {}
  T &get() const noexcept {
    assert(lock_ != nullptr && "using an empty RwLockWriteGuard");
    return lock_->value_;
  }

  RwLock<T> *lock_;
};

/// An async reader-writer lock owning its value, like tokio::sync::RwLock:
/// any number of readers (up to max_readers) or one writer.
///
/// Fair and write-preferring: requests are served in FIFO order, so once a
/// writer waits, readers that come after it wait behind it, and a writer
/// cannot be starved by a stream of readers. Readers queued together are
/// let in together. As with Mutex, a task aborted while waiting leaves the
/// queue without taking or losing access. Guards are movable and may be
/// held across co_await; the RwLock must outlive them.
template <class T> class RwLock {
public:
  static constexpr std::size_t kDefaultMaxReaders = std::size_t{1} << 30;

  template <class... Args>
  explicit RwLock(Args &&...args)
      : queue_(kDefaultMaxReaders), max_readers_(kDefaultMaxReaders),
        value_(std::forward<Args>(args)...) {}
  RwLock(const RwLock &) = delete;
  RwLock &operator=(const RwLock &) = delete;
  ~RwLock() = default;

  template <class Guard> class [[nodiscard]] Acquire {
  public:
    bool await_ready() noexcept { return acquire_.ready(); }
    bool await_suspend(std::coroutine_handle<> awaiting) {
      return acquire_.suspend(awaiting);
    }
    Guard await_resume() noexcept {
      const bool acquired = acquire_.finish();
      assert(acquired && "an RwLock is never closed");
      static_cast<void>(acquired);
      return Guard(*lock_);
    }

  private:
    friend class RwLock;
    Acquire(RwLock &lock, std::size_t permits) noexcept
        : lock_(&lock), acquire_(lock.queue_, permits) {}

    RwLock *lock_;
    detail::PermitQueue::Acquire acquire_;
  };

  using Read = Acquire<RwLockReadGuard<T>>;
  using Write = Acquire<RwLockWriteGuard<T>>;

  /// Waits for shared access.
  Read read() noexcept { return Read(*this, 1); }
  /// Waits for exclusive access.
  Write write() noexcept { return Write(*this, max_readers_); }

  std::optional<RwLockReadGuard<T>> try_read() noexcept {
    if (!queue_.try_acquire(1))
      return std::nullopt;
    return RwLockReadGuard<T>(*this);
  }
  std::optional<RwLockWriteGuard<T>> try_write() noexcept {
    if (!queue_.try_acquire(max_readers_))
      return std::nullopt;
    return RwLockWriteGuard<T>(*this);
  }

  std::size_t max_readers() const noexcept { return max_readers_; }

private:
  friend class RwLockReadGuard<T>;
  friend class RwLockWriteGuard<T>;

  detail::PermitQueue queue_;
  std::size_t max_readers_;
  T value_;
};

} // namespace corolint::rt
