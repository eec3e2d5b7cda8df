#pragma once

#include "corolint/rt/waker.h"

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <limits>

namespace corolint::rt::detail {

using TimerClock = std::chrono::steady_clock;

/// One armed timer. It lives inside the awaitable that waits for it, so
/// arming never allocates; the TimerQueue links to it while it is armed.
///
/// Everything but `fired` is guarded by the mutex of the queue the entry is
/// in. `fired` may be read without it, by the task the timer wakes.
struct TimerEntry {
  static constexpr std::size_t kNotQueued =
      std::numeric_limits<std::size_t>::max();

  TimerClock::time_point deadline;
  std::uint64_t sequence = 0;
  std::size_t heap_index = kNotQueued;
  Waker waker;
  std::atomic<bool> fired{false};
};

} // namespace corolint::rt::detail
