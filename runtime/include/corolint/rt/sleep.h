#pragma once

#include "corolint/rt/detail/timer_registration.h"
#include "corolint/rt/waker.h"

#include <chrono>
#include <coroutine>

namespace corolint::rt {

/// The clock of all corolint::rt timers.
using Clock = std::chrono::steady_clock;
using Instant = Clock::time_point;

/// Awaitable that completes at a deadline, returned by sleep() and
/// sleep_until(). It arms a timer of the runtime when first awaited;
/// destroying it, for instance because its task was aborted, disarms it.
/// A deadline already passed completes without suspending.
///
/// Timers are driven by the runtime's threads: a multi-thread runtime fires
/// them between tasks and its idle workers sleep until the earliest
/// deadline; a current-thread runtime fires them only while block_on runs.
/// A timer never fires early; it may fire late when the workers are busy.
class [[nodiscard]] Sleep {
public:
  explicit Sleep(Instant deadline) noexcept : deadline_(deadline) {}
  /// Only a Sleep that is not being awaited can be moved.
  Sleep(Sleep &&) noexcept = default;
  Sleep &operator=(Sleep &&) = delete;
  Sleep(const Sleep &) = delete;
  Sleep &operator=(const Sleep &) = delete;
  ~Sleep() = default;

  Instant deadline() const noexcept { return deadline_; }
  /// Whether the deadline has passed.
  bool is_elapsed() const noexcept { return Clock::now() >= deadline_; }

  bool await_ready() const noexcept { return is_elapsed(); }
  bool await_suspend(std::coroutine_handle<> awaiting) {
    timer_.disarm();
    return timer_.arm(deadline_, current_waker(awaiting));
  }
  void await_resume() noexcept { timer_.disarm(); }

private:
  Instant deadline_;
  detail::TimerRegistration timer_;
};

/// Completes once `duration` has elapsed: `co_await sleep(100ms);`.
/// Suspends only the calling task, never the thread.
template <class Rep, class Period>
Sleep sleep(std::chrono::duration<Rep, Period> duration) {
  return Sleep(Clock::now() +
               std::chrono::ceil<Clock::duration>(duration));
}

/// Completes at `deadline`, right away if it has passed.
inline Sleep sleep_until(Instant deadline) noexcept { return Sleep(deadline); }

} // namespace corolint::rt
