#pragma once

#include "corolint/rt/detail/relay_wake_target.h"
#include "corolint/rt/detail/subtask.h"
#include "corolint/rt/detail/timer_registration.h"
#include "corolint/rt/sleep.h"
#include "corolint/rt/task.h"
#include "corolint/rt/timeout_result.h"
#include "corolint/rt/waker.h"

#include <chrono>
#include <coroutine>
#include <type_traits>
#include <utility>

namespace corolint::rt {
namespace detail {

/// Runs an operation in a Subtask inside the calling task and races it
/// against a timer. Each step runs the operation if it was woken, then, if it
/// neither finished nor ran out of time, suspends until the operation is
/// woken or the timer fires.
template <class T> class DeadlineRace {
public:
  DeadlineRace(Instant deadline, Subtask<T> operation)
      : deadline_(deadline), operation_(std::move(operation)),
        branch_(RelayWakeTarget::create(operation_.start())) {}
  DeadlineRace(const DeadlineRace &) = delete;
  DeadlineRace &operator=(const DeadlineRace &) = delete;
  ~DeadlineRace() {
    // The operation's frame goes first: its awaitables unregister while the
    // branch they point at is still alive.
    operation_.reset();
    timer_.disarm();
    branch_->detach();
    branch_->release_target();
  }

  bool finished() const noexcept { return operation_.done(); }
  bool timed_out() const noexcept { return timer_.fired(); }
  T take() { return operation_.take(); }

  class Step {
  public:
    explicit Step(DeadlineRace &race) noexcept : race_(&race) {}
    bool await_ready() {
      if (!race_->started_) {
        race_->started_ = true;
        race_->run_operation();
      }
      return race_->finished() || race_->timed_out();
    }
    bool await_suspend(std::coroutine_handle<> awaiting) {
      Waker parent = current_waker(awaiting);
      if (race_->timer_.armed()) {
        if (!race_->timer_.rewake(parent))
          return false;
      } else if (!race_->timer_.arm(race_->deadline_, parent)) {
        return false;
      }
      race_->branch_->set_parent(parent);
      return true;
    }
    void await_resume() {
      if (race_->branch_->runnable())
        race_->run_operation();
    }

  private:
    DeadlineRace *race_;
  };

  /// Awaitable: one step of the race.
  Step step() noexcept { return Step(*this); }

private:
  void run_operation() { branch_->run(); }

  Instant deadline_;
  Subtask<T> operation_;
  RelayWakeTarget *branch_;
  TimerRegistration timer_;
  bool started_ = false;
};

template <class T>
Task<TimeoutResult<T>> race_deadline(Instant deadline, Subtask<T> operation) {
  DeadlineRace<T> race(deadline, std::move(operation));
  for (;;) {
    co_await race.step();
    if (race.finished()) {
      if constexpr (std::is_void_v<T>) {
        race.take();
        co_return TimeoutResult<void>(std::in_place);
      } else {
        co_return TimeoutResult<T>(std::in_place, race.take());
      }
    }
    if (race.timed_out())
      co_return TimeoutResult<T>(TimedOut{});
  }
}

} // namespace detail

/// Awaits `awaitable` (a Task, a JoinHandle, a lock, a sleep, ...) for at
/// most `duration`:
///
///     TimeoutResult<int> r = co_await timeout(100ms, fetch());
///     if (r.timed_out()) ...
///
/// Yields the operation's value, or TimedOut if the deadline elapsed first;
/// an exception the operation throws propagates. When the deadline elapses
/// the operation is cancelled before timeout() returns: its coroutine frames
/// are destroyed, which runs their destructors and unregisters whatever it
/// waited on (a lock or semaphore queue, a timer). An operation that is
/// ready when first awaited completes even if the duration is zero; one
/// woken at the same time as the timer fires gets one more run to finish.
///
/// The operation runs inside the calling task; nothing is spawned. An
/// rvalue is moved into the timeout, an lvalue is awaited in place and must
/// outlive it (so `timeout(d, handle)` leaves a JoinHandle usable after a
/// time-out). Awaiting the result outside of a runtime task throws
/// std::logic_error.
template <class Rep, class Period, class A>
[[nodiscard]] Task<TimeoutResult<detail::await_result_t<A>>>
timeout(std::chrono::duration<Rep, Period> duration, A &&awaitable) {
  return detail::race_deadline(
      Clock::now() + std::chrono::ceil<Clock::duration>(duration),
      detail::await_in_subtask<A>(std::forward<A>(awaitable)));
}

/// Like timeout(), with a deadline instead of a duration.
template <class A>
[[nodiscard]] Task<TimeoutResult<detail::await_result_t<A>>>
timeout_at(Instant deadline, A &&awaitable) {
  return detail::race_deadline(
      deadline, detail::await_in_subtask<A>(std::forward<A>(awaitable)));
}

} // namespace corolint::rt
