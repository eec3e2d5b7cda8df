#pragma once

#include "corolint/rt/detail/permit_queue.h"
#include "corolint/rt/semaphore.h"

#include <coroutine>
#include <cstddef>
#include <memory>
#include <optional>
#include <utility>

namespace corolint::rt {

/// Permits that keep their Semaphore alive, so they can move into a spawned
/// task or outlive the scope that created the semaphore. Given back when
/// destroyed.
class [[nodiscard]] OwnedSemaphorePermit {
public:
  OwnedSemaphorePermit(OwnedSemaphorePermit &&other) noexcept
      : semaphore_(std::move(other.semaphore_)),
        count_(std::exchange(other.count_, 0)) {}
  OwnedSemaphorePermit &operator=(OwnedSemaphorePermit &&other) noexcept {
    if (this != &other) {
      release();
      semaphore_ = std::move(other.semaphore_);
      count_ = std::exchange(other.count_, 0);
    }
    return *this;
  }
  OwnedSemaphorePermit(const OwnedSemaphorePermit &) = delete;
  OwnedSemaphorePermit &operator=(const OwnedSemaphorePermit &) = delete;
  ~OwnedSemaphorePermit() { release(); }

  std::size_t num_permits() const noexcept { return count_; }
  const std::shared_ptr<Semaphore> &semaphore() const noexcept {
    return semaphore_;
  }

  /// Keeps the permits out of the semaphore for good.
  void forget() noexcept {
    semaphore_.reset();
    count_ = 0;
  }

private:
  friend class OwnedAcquire;
  friend std::optional<OwnedSemaphorePermit>
  try_acquire_owned(std::shared_ptr<Semaphore> semaphore, std::size_t count);

  OwnedSemaphorePermit(std::shared_ptr<Semaphore> semaphore,
                       std::size_t count) noexcept
      : semaphore_(std::move(semaphore)), count_(count) {}

  void release() noexcept {
    if (semaphore_)
      std::exchange(semaphore_, nullptr)->release(std::exchange(count_, 0));
  }

  std::shared_ptr<Semaphore> semaphore_;
  std::size_t count_;
};

/// Awaitable returned by acquire_owned(); it keeps the semaphore alive
/// while it waits.
class [[nodiscard]] OwnedAcquire {
public:
  OwnedAcquire(std::shared_ptr<Semaphore> semaphore, std::size_t count)
      : semaphore_(std::move(semaphore)), count_(count),
        acquire_(semaphore_->queue_, count) {
    Semaphore::check_count(count);
  }

  bool await_ready() noexcept { return acquire_.ready(); }
  bool await_suspend(std::coroutine_handle<> awaiting) {
    return acquire_.suspend(awaiting);
  }
  OwnedSemaphorePermit await_resume() {
    if (!acquire_.finish())
      throw AcquireError{};
    return OwnedSemaphorePermit(semaphore_, count_);
  }

private:
  // Declared first: the acquisition must be gone before the semaphore.
  std::shared_ptr<Semaphore> semaphore_;
  std::size_t count_;
  detail::PermitQueue::Acquire acquire_;
};

/// Like Semaphore::acquire_many(), but the permits hold a reference to the
/// semaphore: `auto permit = co_await acquire_owned(sem);` can then move into
/// a task spawned to do the work. Throws AcquireError when closed.
inline OwnedAcquire acquire_owned(std::shared_ptr<Semaphore> semaphore,
                                  std::size_t count = 1) {
  return OwnedAcquire(std::move(semaphore), count);
}

/// Owned permits if `count` are free and nobody waits ahead; nothing
/// otherwise.
inline std::optional<OwnedSemaphorePermit>
try_acquire_owned(std::shared_ptr<Semaphore> semaphore, std::size_t count = 1) {
  if (!semaphore->queue_.try_acquire(count))
    return std::nullopt;
  return OwnedSemaphorePermit(std::move(semaphore), count);
}

} // namespace corolint::rt
