#pragma once

#include "corolint/rt/detail/wake_target.h"
#include "corolint/rt/waker.h"

#include <atomic>
#include <coroutine>
#include <cstdint>
#include <mutex>

namespace corolint::rt::detail {

/// The wake target of the operation a timeout runs. Wakers made by the
/// operation point here; a wake-up for its current suspension marks the
/// branch woken and wakes the task (or enclosing branch) that runs the
/// timeout, through the parent waker stored for its own suspension.
///
/// Reference-counted: wakers may outlive the timeout.
class TimeoutBranch final : public WakeTarget {
public:
  /// A new branch with one reference, held by the caller.
  static TimeoutBranch *create() { return new TimeoutBranch(); }

  void retain_target() noexcept override {
    refs_.fetch_add(1, std::memory_order_relaxed);
  }
  void release_target() noexcept override;
  std::uint64_t
  begin_suspension_at(std::coroutine_handle<> resume_at) noexcept override;
  void wake_target(std::uint64_t generation) noexcept override;

  /// Where the operation continues. Only for the thread running it.
  std::coroutine_handle<> resume_point() const noexcept { return resume_at_; }
  void set_resume_point(std::coroutine_handle<> resume_at) noexcept {
    resume_at_ = resume_at;
  }

  /// Whether the operation's current suspension has been woken.
  bool woken() const;

  /// Stores the waker of the enclosing suspension; if the operation was
  /// woken already, wakes it right away.
  void set_parent(const Waker &parent);

  /// Drops the parent waker, so that late wake-ups reach nothing.
  void detach() noexcept;

private:
  TimeoutBranch() = default;
  ~TimeoutBranch() = default;

  std::atomic<std::uint32_t> refs_{1};
  mutable std::mutex mutex_;
  std::uint64_t generation_ = 0;
  bool woken_ = false;
  Waker parent_;
  std::coroutine_handle<> resume_at_;
};

} // namespace corolint::rt::detail
