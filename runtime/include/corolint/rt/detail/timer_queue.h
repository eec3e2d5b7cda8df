#pragma once

#include "corolint/rt/detail/spin_mutex.h"
#include "corolint/rt/detail/timer_entry.h"
#include "corolint/rt/waker.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <vector>

namespace corolint::rt::detail {

/// The armed timers of one runtime, ordered by deadline in a binary min-heap
/// of intrusive entries: arming and disarming are O(log n) and allocate only
/// when the heap outgrows its capacity. Timers with the same deadline fire in
/// the order they were armed.
///
/// Nothing here waits: the runtime's threads call fire_due() between tasks
/// and sleep until next_deadline() when idle.
class TimerQueue {
public:
  TimerQueue() = default;
  TimerQueue(const TimerQueue &) = delete;
  TimerQueue &operator=(const TimerQueue &) = delete;

  /// Queues `entry`, which must not be queued, to wake `waker` at
  /// `deadline`. Returns whether it became the earliest timer, in which case
  /// a thread sleeping until the previous earliest deadline must be told.
  bool arm(TimerEntry &entry, TimerClock::time_point deadline, Waker waker);

  /// Replaces the waker of a queued entry. Returns false, storing nothing,
  /// if the entry is not queued (it fired, or was never armed).
  bool rewake(TimerEntry &entry, Waker waker) noexcept;

  /// Takes `entry` out of the queue if it is in it. Never blocks for long.
  void disarm(TimerEntry &entry) noexcept;

  /// Fires every timer whose deadline is not after `now`: marks it fired,
  /// takes it out of the queue and wakes its waker. Returns how many fired.
  std::size_t fire_due(TimerClock::time_point now);

  /// Like fire_due(now()), but returns right away when no timer is due
  /// without reading the clock or taking the lock if none is armed.
  std::size_t fire_due_now();

  /// The earliest deadline, or nothing when no timer is armed. Lock-free.
  std::optional<TimerClock::time_point> next_deadline() const noexcept;

  /// Number of armed timers.
  std::size_t size() const;

private:
  static bool earlier(const TimerEntry *a, const TimerEntry *b) noexcept;
  void place(TimerEntry *entry, std::size_t index) noexcept;
  void sift_up(std::size_t index) noexcept;
  void sift_down(std::size_t index) noexcept;
  void remove_at(std::size_t index) noexcept;
  void publish_next_deadline() noexcept;

  static constexpr TimerClock::rep kNoDeadline =
      std::numeric_limits<TimerClock::rep>::max();

  mutable SpinMutex mutex_;
  std::vector<TimerEntry *> heap_;
  std::uint64_t next_sequence_ = 0;
  std::atomic<TimerClock::rep> next_deadline_{kNoDeadline};
};

} // namespace corolint::rt::detail
