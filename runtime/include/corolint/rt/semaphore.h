#pragma once

#include "corolint/rt/detail/permit_queue.h"

#include <coroutine>
#include <cstddef>
#include <exception>
#include <memory>
#include <optional>
#include <stdexcept>
#include <utility>

namespace corolint::rt {

/// Thrown by awaiting Semaphore::acquire() on a closed semaphore.
class AcquireError : public std::exception {
public:
  const char *what() const noexcept override {
    return "corolint::rt: the semaphore is closed";
  }
};

class Semaphore;
class OwnedSemaphorePermit;

/// Permits taken from a Semaphore, given back when destroyed. Movable, so it
/// can be held across co_await and passed around; the Semaphore must outlive
/// it (see OwnedSemaphorePermit otherwise).
class [[nodiscard]] SemaphorePermit {
public:
  SemaphorePermit(SemaphorePermit &&other) noexcept
      : semaphore_(std::exchange(other.semaphore_, nullptr)),
        count_(std::exchange(other.count_, 0)) {}
  SemaphorePermit &operator=(SemaphorePermit &&other) noexcept {
    if (this != &other) {
      release();
      semaphore_ = std::exchange(other.semaphore_, nullptr);
      count_ = std::exchange(other.count_, 0);
    }
    return *this;
  }
  SemaphorePermit(const SemaphorePermit &) = delete;
  SemaphorePermit &operator=(const SemaphorePermit &) = delete;
  ~SemaphorePermit() { release(); }

  std::size_t num_permits() const noexcept { return count_; }

  /// Keeps the permits out of the semaphore for good.
  void forget() noexcept {
    semaphore_ = nullptr;
    count_ = 0;
  }

private:
  friend class Semaphore;
  SemaphorePermit(Semaphore &semaphore, std::size_t count) noexcept
      : semaphore_(&semaphore), count_(count) {}
  inline void release() noexcept;

  Semaphore *semaphore_;
  std::size_t count_;
};

/// An async counting semaphore, like tokio::sync::Semaphore.
///
/// Waiters are served in strict FIFO order: a waiter that needs more
/// permits than are free holds back the waiters behind it. A task aborted
/// (or timed out) while waiting leaves the queue without taking or losing a
/// permit. Destroying a Semaphore while tasks wait on it is undefined.
class Semaphore {
public:
  /// The most permits a semaphore can hold.
  static constexpr std::size_t max_permits = detail::PermitQueue::kMaxPermits;

  /// Throws std::length_error above max_permits.
  explicit Semaphore(std::size_t permits) : queue_(permits) {}
  Semaphore(const Semaphore &) = delete;
  Semaphore &operator=(const Semaphore &) = delete;
  ~Semaphore() = default;

  class [[nodiscard]] Acquire {
  public:
    bool await_ready() noexcept { return acquire_.ready(); }
    bool await_suspend(std::coroutine_handle<> awaiting) {
      return acquire_.suspend(awaiting);
    }
    SemaphorePermit await_resume() {
      if (!acquire_.finish())
        throw AcquireError{};
      return SemaphorePermit(*semaphore_, count_);
    }

  private:
    friend class Semaphore;
    Acquire(Semaphore &semaphore, std::size_t count) noexcept
        : semaphore_(&semaphore), count_(count),
          acquire_(semaphore.queue_, count) {}

    Semaphore *semaphore_;
    std::size_t count_;
    detail::PermitQueue::Acquire acquire_;
  };

  /// Waits for a permit: `SemaphorePermit p = co_await sem.acquire();`.
  /// Throws AcquireError if the semaphore is or gets closed.
  Acquire acquire() noexcept { return Acquire(*this, 1); }

  /// Waits until `count` permits are free at once and takes them together.
  /// Throws std::invalid_argument above max_permits.
  Acquire acquire_many(std::size_t count) {
    check_count(count);
    return Acquire(*this, count);
  }

  /// A permit if one is free and nobody waits ahead; nothing otherwise
  /// (also when closed).
  std::optional<SemaphorePermit> try_acquire() noexcept {
    return try_acquire_many(1);
  }
  std::optional<SemaphorePermit> try_acquire_many(std::size_t count) noexcept {
    if (!queue_.try_acquire(count))
      return std::nullopt;
    return SemaphorePermit(*this, count);
  }

  /// Adds permits, waking waiters they satisfy. Throws std::length_error
  /// above max_permits.
  void add_permits(std::size_t count) { queue_.add_permits(count); }

  std::size_t available_permits() const noexcept { return queue_.available(); }

  /// Wakes every waiter with AcquireError and fails later acquisitions.
  /// Permits already held stay valid and can be given back.
  void close() noexcept { queue_.close(); }
  bool is_closed() const noexcept { return queue_.is_closed(); }

private:
  friend class SemaphorePermit;
  friend class OwnedSemaphorePermit;

  static void check_count(std::size_t count) {
    if (count > max_permits)
      throw std::invalid_argument(
          "corolint::rt::Semaphore: more permits than a semaphore can hold");
  }

  void release(std::size_t count) noexcept { queue_.release(count); }

  mutable detail::PermitQueue queue_;

  friend class OwnedAcquire;
  friend std::optional<OwnedSemaphorePermit>
  try_acquire_owned(std::shared_ptr<Semaphore> semaphore, std::size_t count);
};

inline void SemaphorePermit::release() noexcept {
  if (semaphore_ != nullptr)
    std::exchange(semaphore_, nullptr)->release(std::exchange(count_, 0));
}

} // namespace corolint::rt
