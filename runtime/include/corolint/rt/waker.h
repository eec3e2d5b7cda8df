#pragma once

#include <coroutine>
#include <cstdint>

namespace corolint::rt {

namespace detail {
class WakeTarget;
} // namespace detail

/// Reschedules a suspended task. This is the hook through which awaitables
/// (channels, timers, select, ...) resume the task that awaits them.
///
/// An awaitable that may suspend a runtime task does, in await_suspend(h):
///
///     Waker waker = current_waker(h);
///     if (!register_interest(std::move(waker)))  // became ready meanwhile
///       return false;                            // continue without pausing
///     return true;
///
/// and whoever makes it ready later calls waker.wake(), from any thread.
///
/// A waker only applies to the suspension it was created for: waking it twice,
/// or after the task has moved on, is harmless. Keeping a waker alive keeps
/// the task's bookkeeping alive, not its coroutine frame. When a task is
/// aborted while suspended its frame is destroyed, which runs the destructors
/// of the awaitables it was suspended on; they may unregister their wakers
/// there but need not.
class Waker {
public:
  Waker() noexcept = default;
  Waker(const Waker &other) noexcept;
  Waker(Waker &&other) noexcept;
  Waker &operator=(Waker other) noexcept;
  ~Waker();

  /// Schedules the task to resume where it suspended. Never blocks.
  void wake() const noexcept;

  explicit operator bool() const noexcept { return target_ != nullptr; }

private:
  friend Waker current_waker(std::coroutine_handle<> resume_at);
  Waker(detail::WakeTarget *target, std::uint64_t generation) noexcept;

  detail::WakeTarget *target_ = nullptr;
  std::uint64_t generation_ = 0;
};

/// For use in await_suspend: records `resume_at` as the point where the
/// current task continues and returns the waker that makes it continue.
/// Inside a branch of select() or join(), the waker resumes that branch.
/// Each call starts a new suspension and so invalidates wakers from earlier
/// calls; to register one suspension in several places, copy the waker.
/// Throws std::logic_error when no runtime task is running on this thread.
[[nodiscard]] Waker current_waker(std::coroutine_handle<> resume_at);

} // namespace corolint::rt
