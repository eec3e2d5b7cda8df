#pragma once

#include "corolint/rt/detail/wake_target.h"
#include "corolint/rt/waker.h"

#include <atomic>
#include <coroutine>
#include <cstdint>
#include <mutex>

namespace corolint::rt::detail {

/// The wake target of a Stream's body. The body runs inside the task that
/// awaits next(), but the wakers it makes point here rather than at that
/// task, so that a next() abandoned half-way leaves the body's pending
/// wake-up with the stream, for the next call to pick up.
///
/// "Runnable" means the body can make progress when resumed: it has not
/// started, it is at a co_yield whose value was taken, or the suspension it
/// is waiting in was woken. A wake-up makes the body runnable and wakes the
/// parent, the waker of whichever next() waits for the body at the time.
///
/// Reference-counted: wakers may outlive the stream.
class StreamWakeTarget final : public WakeTarget {
public:
  /// A new target with one reference, held by the caller, that is runnable
  /// at `start`.
  static StreamWakeTarget *create(std::coroutine_handle<> start) {
    return new StreamWakeTarget(start);
  }

  void retain_target() noexcept override {
    refs_.fetch_add(1, std::memory_order_relaxed);
  }
  void release_target() noexcept override;
  std::uint64_t
  begin_suspension_at(std::coroutine_handle<> resume_at) noexcept override;
  void wake_target(std::uint64_t generation) noexcept override;

  /// Makes the body runnable at `resume_at` without a wake-up.
  void make_runnable_at(std::coroutine_handle<> resume_at) noexcept;

  bool runnable() const noexcept;

  /// Resumes the body where it stopped, with this target current, until it
  /// next suspends. Only on the thread of the task awaiting next().
  void run();

  /// Stores the waker of the next() waiting for the body; if the body is
  /// runnable already, wakes it right away.
  void set_parent(const Waker &parent);

  /// Drops the parent waker, so that later wake-ups reach nothing.
  void detach() noexcept;

private:
  explicit StreamWakeTarget(std::coroutine_handle<> start) noexcept
      : resume_at_(start) {}
  ~StreamWakeTarget() = default;

  std::atomic<std::uint32_t> refs_{1};
  mutable std::mutex mutex_;
  std::uint64_t generation_ = 0;
  bool runnable_ = true;
  Waker parent_;
  std::coroutine_handle<> resume_at_;
};

/// Releases the owner's reference to a StreamWakeTarget.
struct StreamWakeTargetRelease {
  void operator()(StreamWakeTarget *target) const noexcept {
    target->detach();
    target->release_target();
  }
};

} // namespace corolint::rt::detail
