#pragma once

#include <atomic>
#include <cstdint>

namespace corolint::rt::detail {

/// The lifecycle of a spawned task, packed into one atomic word so that
/// wakers, abort() and the worker polling the task agree without a lock.
///
/// A task is in exactly one of: idle (suspended and in no run queue),
/// scheduled (in a run queue), running (being polled) or complete.
/// `notified` records a wake-up that arrived while the task was running and
/// `cancelled` records an abort request. The bits above the flags count
/// suspensions: a waker carries the count of the suspension it was made for,
/// so a late or duplicate wake-up for an earlier suspension is ignored
/// instead of resuming the task at a point that is not ready.
class TaskState {
public:
  enum class PollStart : std::uint8_t { run, cancel, skip };

  /// Returns true when the caller must put the task in a run queue.
  bool wake(std::uint64_t generation) noexcept {
    std::uint64_t current = bits_.load(std::memory_order_acquire);
    for (;;) {
      if ((current & (kComplete | kScheduled | kNotified)) != 0 ||
          generation_of(current) != generation)
        return false;
      const bool running = (current & kRunning) != 0;
      const std::uint64_t next = current | (running ? kNotified : kScheduled);
      if (exchange(current, next))
        return !running;
    }
  }

  /// Returns true when the caller must put the task in a run queue.
  bool request_cancel() noexcept {
    std::uint64_t current = bits_.load(std::memory_order_acquire);
    for (;;) {
      if ((current & (kComplete | kCancelled)) != 0)
        return false;
      std::uint64_t next = current | kCancelled;
      bool must_enqueue = false;
      if ((current & kRunning) != 0) {
        next |= kNotified;
      } else if ((current & kScheduled) == 0) {
        next |= kScheduled;
        must_enqueue = true;
      }
      if (exchange(current, next))
        return must_enqueue;
    }
  }

  /// Called by the running task when it is about to suspend. Returns the
  /// generation that identifies this suspension.
  std::uint64_t begin_suspension() noexcept {
    std::uint64_t current = bits_.load(std::memory_order_acquire);
    for (;;) {
      std::uint64_t next = current + kGenerationUnit;
      // A wake-up noted earlier in this poll was meant for a suspension that
      // is over; a pending abort must survive so the task still stops.
      if ((current & kCancelled) == 0)
        next &= ~kNotified;
      if (exchange(current, next))
        return generation_of(next);
    }
  }

  PollStart begin_poll() noexcept {
    std::uint64_t current = bits_.load(std::memory_order_acquire);
    for (;;) {
      if ((current & kComplete) != 0)
        return PollStart::skip;
      const std::uint64_t next = (current & ~kScheduled) | kRunning;
      if (exchange(current, next))
        return (next & kCancelled) != 0 ? PollStart::cancel : PollStart::run;
    }
  }

  /// Called after a poll that left the task suspended. Returns true when a
  /// wake-up or abort arrived during the poll and the task must run again.
  bool end_poll() noexcept {
    std::uint64_t current = bits_.load(std::memory_order_acquire);
    for (;;) {
      const bool again = (current & kNotified) != 0;
      std::uint64_t next = current & ~(kRunning | kNotified);
      if (again)
        next |= kScheduled;
      if (exchange(current, next))
        return again;
    }
  }

  /// Takes a task that no worker will poll any more so that its frame can be
  /// destroyed. Returns false if it already completed.
  bool claim_for_shutdown() noexcept {
    std::uint64_t current = bits_.load(std::memory_order_acquire);
    for (;;) {
      if ((current & kComplete) != 0)
        return false;
      const std::uint64_t next =
          (current & ~(kScheduled | kNotified)) | kRunning | kCancelled;
      if (exchange(current, next))
        return true;
    }
  }

  struct Completion {
    bool handle_attached;
    /// Whether a join waker was stored: it is the completing thread's now.
    bool join_waker_set;
  };

  Completion complete() noexcept {
    std::uint64_t current = bits_.load(std::memory_order_acquire);
    for (;;) {
      const std::uint64_t next =
          (current & ~(kScheduled | kRunning | kNotified)) | kComplete;
      if (exchange(current, next))
        return {(current & kJoinInterest) != 0,
                (current & kJoinWaker) != 0};
    }
  }

  // The join waker slot belongs to the JoinHandle's side while kJoinWaker is
  // clear and to the completing thread once it completes with it set. The
  // read-modify-writes are acq_rel, so the waker stored before the bit is
  // set is visible to the thread that completes and sees the bit.

  /// Marks the stored join waker as set. Returns false, leaving the slot to
  /// the caller, if the task completed meanwhile.
  bool set_join_waker() noexcept { return update_join_waker(kJoinWaker); }

  /// Takes the join waker slot back to replace the waker. Returns false if
  /// the task completed: the slot is the completing thread's then.
  bool unset_join_waker() noexcept { return update_join_waker(0); }

  bool has_join_waker() const noexcept {
    return (bits_.load(std::memory_order_relaxed) & kJoinWaker) != 0;
  }

  /// Returns whether the task had already completed.
  bool drop_join_interest() noexcept {
    return (bits_.fetch_and(~kJoinInterest, std::memory_order_acq_rel) &
            kComplete) != 0;
  }

  bool is_complete() const noexcept {
    return (bits_.load(std::memory_order_acquire) & kComplete) != 0;
  }

private:
  static constexpr std::uint64_t kScheduled = 1U << 0;
  static constexpr std::uint64_t kRunning = 1U << 1;
  static constexpr std::uint64_t kNotified = 1U << 2;
  static constexpr std::uint64_t kCancelled = 1U << 3;
  static constexpr std::uint64_t kComplete = 1U << 4;
  static constexpr std::uint64_t kJoinInterest = 1U << 5;
  static constexpr std::uint64_t kJoinWaker = 1U << 6;
  static constexpr unsigned kGenerationShift = 8;
  static constexpr std::uint64_t kGenerationUnit = std::uint64_t{1}
                                                   << kGenerationShift;

  static std::uint64_t generation_of(std::uint64_t bits) noexcept {
    return bits >> kGenerationShift;
  }

  bool update_join_waker(std::uint64_t bit) noexcept {
    std::uint64_t current = bits_.load(std::memory_order_acquire);
    for (;;) {
      if ((current & kComplete) != 0)
        return false;
      if (exchange(current, (current & ~kJoinWaker) | bit))
        return true;
    }
  }

  bool exchange(std::uint64_t &current, std::uint64_t next) noexcept {
    return bits_.compare_exchange_weak(current, next,
                                       std::memory_order_acq_rel,
                                       std::memory_order_acquire);
  }

  // A new task is queued for its first poll and has a JoinHandle.
  std::atomic<std::uint64_t> bits_{kScheduled | kJoinInterest};
};

} // namespace corolint::rt::detail
