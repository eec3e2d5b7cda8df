#pragma once

#include "corolint/rt/detail/timer_registration.h"
#include "corolint/rt/sleep.h"
#include "corolint/rt/waker.h"

#include <chrono>
#include <coroutine>
#include <cstdint>
#include <stdexcept>

namespace corolint::rt {

/// What an Interval does when ticks were missed, because tick() was awaited
/// late or the runtime was busy. A tick counts as missed once a whole period
/// has passed after its scheduled time.
enum class MissedTickBehavior : std::uint8_t {
  /// The default: the missed ticks complete right away, one per tick(),
  /// until the schedule has caught up; the schedule itself never shifts.
  burst,
  /// The schedule restarts: the next tick is one period after the late one
  /// completed.
  delay,
  /// The missed ticks are dropped: the next tick is the next one of the
  /// original schedule that is still in the future.
  skip,
};

/// Ticks at a fixed period: `for (;;) { co_await iv.tick(); ... }`.
/// Created by interval() or interval_at(). Used by one task at a time.
class Interval {
public:
  /// First tick at `start`, then every `period`. Throws
  /// std::invalid_argument unless `period` is positive.
  Interval(Instant start, Clock::duration period)
      : next_(start), period_(period) {
    if (period <= Clock::duration::zero())
      throw std::invalid_argument(
          "corolint::rt::Interval: the period must be positive");
  }

  class [[nodiscard]] Tick {
  public:
    explicit Tick(Interval &interval) noexcept : interval_(&interval) {}
    Tick(Tick &&) noexcept = default;
    Tick &operator=(Tick &&) = delete;
    Tick(const Tick &) = delete;
    Tick &operator=(const Tick &) = delete;
    ~Tick() = default;

    bool await_ready() const noexcept {
      return Clock::now() >= interval_->next_;
    }
    bool await_suspend(std::coroutine_handle<> awaiting) {
      timer_.disarm();
      return timer_.arm(interval_->next_, current_waker(awaiting));
    }
    /// The time the tick was scheduled for.
    Instant await_resume() noexcept {
      timer_.disarm();
      return interval_->advance();
    }

  private:
    Interval *interval_;
    detail::TimerRegistration timer_;
  };

  /// Completes at the next scheduled tick and yields its scheduled time.
  /// Destroying the awaitable before it completes leaves the tick pending.
  Tick tick() noexcept { return Tick(*this); }

  /// Restarts the schedule: the next tick is one period from now.
  void reset() { next_ = Clock::now() + period_; }

  Clock::duration period() const noexcept { return period_; }
  MissedTickBehavior missed_tick_behavior() const noexcept { return missed_; }
  void set_missed_tick_behavior(MissedTickBehavior behavior) noexcept {
    missed_ = behavior;
  }

private:
  Instant advance() noexcept {
    const Instant scheduled = next_;
    const Instant now = Clock::now();
    next_ = scheduled + period_;
    if (now >= next_) {
      switch (missed_) {
      case MissedTickBehavior::burst:
        break;
      case MissedTickBehavior::delay:
        next_ = now + period_;
        break;
      case MissedTickBehavior::skip:
        next_ += ((now - next_) / period_ + 1) * period_;
        break;
      }
    }
    return scheduled;
  }

  Instant next_;
  Clock::duration period_;
  MissedTickBehavior missed_ = MissedTickBehavior::burst;
};

/// An Interval whose first tick completes right away.
template <class Rep, class Period>
Interval interval(std::chrono::duration<Rep, Period> period) {
  return Interval(Clock::now(), std::chrono::ceil<Clock::duration>(period));
}

/// An Interval whose first tick is at `start`.
template <class Rep, class Period>
Interval interval_at(Instant start, std::chrono::duration<Rep, Period> period) {
  return Interval(start, std::chrono::ceil<Clock::duration>(period));
}

} // namespace corolint::rt
