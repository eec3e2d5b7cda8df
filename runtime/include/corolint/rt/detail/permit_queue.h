#pragma once

#include "corolint/rt/detail/spin_mutex.h"
#include "corolint/rt/detail/waiter_list.h"
#include "corolint/rt/waker.h"

#include <coroutine>
#include <cstddef>
#include <cstdint>
#include <mutex>

namespace corolint::rt::detail {

/// A counting semaphore whose waiters queue in strict FIFO order: a waiter
/// that needs more permits than are free holds back every waiter behind it,
/// so large requests are not starved by small ones. The building block of
/// Semaphore, Mutex and RwLock.
///
/// Cancellation-safe: an Acquire destroyed while queued leaves the queue
/// (letting the waiters behind it go ahead if it was holding them back), and
/// one destroyed after its permits were granted but before its task resumed
/// gives them back.
class PermitQueue {
public:
  static constexpr std::size_t kMaxPermits = std::size_t{1} << 48;

  /// Throws std::length_error above kMaxPermits.
  explicit PermitQueue(std::size_t permits);
  PermitQueue(const PermitQueue &) = delete;
  PermitQueue &operator=(const PermitQueue &) = delete;
  ~PermitQueue();

  /// Takes `count` permits if that many are free and nobody is queued.
  bool try_acquire(std::size_t count) noexcept;
  /// Gives back permits taken earlier, handing them to queued waiters.
  void release(std::size_t count) noexcept;
  /// Adds new permits. Throws std::length_error above kMaxPermits.
  void add_permits(std::size_t count);
  /// Fails every queued and later acquisition. Permits held stay valid.
  void close() noexcept;
  bool is_closed() const noexcept;
  std::size_t available() const noexcept;

  /// One acquisition of `count` permits, embedded in an awaiter.
  class Acquire : public Waiter {
  public:
    Acquire(PermitQueue &queue, std::size_t count) noexcept
        : queue_(&queue), count_(count) {}
    /// Only an acquisition that is not being awaited can be moved.
    Acquire(Acquire &&other) noexcept;
    Acquire &operator=(Acquire &&) = delete;
    Acquire(const Acquire &) = delete;
    Acquire &operator=(const Acquire &) = delete;
    ~Acquire();

    /// await_ready: takes the permits if possible without waiting.
    bool ready() noexcept;
    /// await_suspend: queues, unless the permits can be taken now.
    bool suspend(std::coroutine_handle<> awaiting);
    /// await_resume: the caller owns the permits from here on. Returns
    /// false if the queue was closed instead.
    bool finish() noexcept;

  private:
    friend class PermitQueue;
    enum class Stage : std::uint8_t { idle, queued, granted, closed, taken };

    PermitQueue *queue_;
    std::size_t count_;
    // Guarded by the queue's mutex while `in_queue_` is set.
    Stage stage_ = Stage::idle;
    // Only touched by the awaiting task: whether stage_ may still change.
    bool in_queue_ = false;
  };

private:
  bool try_acquire_locked(std::size_t count) noexcept;
  /// Grants permits to waiters from the front while there are enough, and
  /// wakes them. With the lock held: a waiter may be destroyed as soon as
  /// it is released.
  void grant_waiters() noexcept;
  void cancel(Acquire &waiter) noexcept;

  mutable SpinMutex mutex_;
  std::size_t permits_;
  bool closed_ = false;
  WaiterList waiters_;
};

} // namespace corolint::rt::detail
