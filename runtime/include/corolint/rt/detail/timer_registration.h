#pragma once

#include "corolint/rt/detail/timer_entry.h"
#include "corolint/rt/waker.h"

#include <atomic>
#include <cassert>

namespace corolint::rt::detail {

class Scheduler;

/// A timer of the runtime the calling task runs on, owned by an awaitable.
/// Destroying it disarms it, so that a task destroyed while it sleeps (an
/// aborted task, a lost timeout) leaves nothing behind in the runtime.
class TimerRegistration {
public:
  TimerRegistration() noexcept = default;
  /// Only an unarmed registration can be moved.
  TimerRegistration(TimerRegistration &&other) noexcept {
    assert(other.scheduler_ == nullptr && "moving an armed timer");
    static_cast<void>(other);
  }
  TimerRegistration &operator=(TimerRegistration &&) = delete;
  TimerRegistration(const TimerRegistration &) = delete;
  TimerRegistration &operator=(const TimerRegistration &) = delete;
  ~TimerRegistration() { disarm(); }

  /// Arms the timer on the current task's runtime to wake `waker` at
  /// `deadline`. Returns false, arming nothing and counting as fired, when
  /// the deadline has passed already. Throws std::logic_error outside of a
  /// runtime. Must not be armed.
  bool arm(TimerClock::time_point deadline, Waker waker);

  /// Points an armed timer at the waker of a later suspension. Returns
  /// false when it has fired already.
  bool rewake(Waker waker) noexcept;

  /// Whether the deadline was reached. Callable from the owning task at any
  /// time.
  bool fired() const noexcept {
    return entry_.fired.load(std::memory_order_acquire);
  }

  bool armed() const noexcept { return scheduler_ != nullptr; }

  /// Takes the timer out of the runtime; it can then be armed again.
  void disarm() noexcept;

private:
  Scheduler *scheduler_ = nullptr;
  TimerEntry entry_;
};

} // namespace corolint::rt::detail
