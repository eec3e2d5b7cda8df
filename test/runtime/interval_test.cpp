#include "corolint/rt/interval.h"

#include "corolint/rt/runtime.h"
#include "corolint/rt/sleep.h"
#include "corolint/rt/timeout.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <vector>

namespace corolint::rt {
namespace {

using namespace std::chrono_literals;
using testing::Flavor;

class IntervalTest : public ::testing::TestWithParam<Flavor> {
protected:
  Runtime runtime_ = testing::build_runtime(GetParam());
};

INSTANTIATE_TEST_SUITE_P(
    AllFlavors, IntervalTest, ::testing::ValuesIn(testing::all_flavors()),
    [](const auto &info) { return testing::flavor_name(info.param); });

Task<bool> ticks_at_the_period() {
  const Instant before = Clock::now();
  Interval ticker = interval(10ms);
  const Instant after = Clock::now();
  const Instant first = co_await ticker.tick();
  // Scheduled when the interval was made, not a period later.
  bool on_schedule = first >= before && first <= after;
  for (int i = 1; i <= 4; ++i) {
    const Instant scheduled = co_await ticker.tick();
    on_schedule = on_schedule && scheduled == first + i * 10ms &&
                  Clock::now() >= scheduled;
  }
  co_return on_schedule;
}

TEST_P(IntervalTest, TheFirstTickIsImmediateThenOnePerPeriod) {
  EXPECT_TRUE(runtime_.block_on(ticks_at_the_period()));
}

// The schedules below start 70 ms in the past, so that the ticks at 0, 20,
// 40 and 60 ms are missed whatever the machine is doing. Times are offsets
// from the start of the schedule.

/// The offsets of the ticks that complete without waiting (a zero timeout
/// lets through only what is ready at once), then of the next tick.
Task<std::vector<Clock::duration>> burst_after_stall() {
  const Instant start = Clock::now() - 70ms;
  Interval ticker = interval_at(start, 20ms);
  std::vector<Clock::duration> offsets;
  while (offsets.size() < 100) {
    TimeoutResult<Instant> ready = co_await timeout(0ms, ticker.tick());
    if (!ready)
      break;
    offsets.push_back(*ready - start);
  }
  offsets.push_back(co_await ticker.tick() - start);
  co_return offsets;
}

TEST_P(IntervalTest, BurstCatchesUpOnMissedTicks) {
  // The missed ticks complete at once, then the schedule goes on unshifted.
  // (The tick at 80 ms is ready at once too if the machine stalls that long.)
  const std::vector<Clock::duration> offsets =
      runtime_.block_on(burst_after_stall());
  ASSERT_GE(offsets.size(), 5U);
  for (std::size_t i = 0; i < offsets.size(); ++i)
    EXPECT_EQ(offsets[i], static_cast<int>(i) * 20ms) << "tick " << i;
}

/// Three ticks after the stall, and the clock read around the first two.
struct AfterStall {
  Clock::duration before_first;
  Clock::duration first;
  Clock::duration after_first;
  Clock::duration second;
  Clock::duration after_second;
  Clock::duration third;
};

Task<AfterStall> tick_after_stall(MissedTickBehavior behavior) {
  const Instant start = Clock::now() - 70ms;
  Interval ticker = interval_at(start, 20ms);
  ticker.set_missed_tick_behavior(behavior);
  AfterStall result{};
  result.before_first = Clock::now() - start;
  result.first = co_await ticker.tick() - start;
  result.after_first = Clock::now() - start;
  result.second = co_await ticker.tick() - start;
  result.after_second = Clock::now() - start;
  result.third = co_await ticker.tick() - start;
  co_return result;
}

TEST_P(IntervalTest, DelayRestartsTheScheduleAfterALateTick) {
  const AfterStall ticks =
      runtime_.block_on(tick_after_stall(MissedTickBehavior::delay));
  EXPECT_EQ(ticks.first, 0ms);
  // The next tick is a period after the late one completed.
  EXPECT_GE(ticks.second, ticks.before_first + 20ms);
  EXPECT_LE(ticks.second, ticks.after_first + 20ms);
  // So is the one after, exactly a period later unless the second tick
  // completed late too.
  EXPECT_GE(ticks.third, ticks.second + 20ms);
  EXPECT_LE(ticks.third, ticks.after_second + 20ms);
  if (ticks.after_second < ticks.second + 20ms)
    EXPECT_EQ(ticks.third, ticks.second + 20ms);
}

TEST_P(IntervalTest, SkipDropsMissedTicks) {
  const AfterStall ticks =
      runtime_.block_on(tick_after_stall(MissedTickBehavior::skip));
  EXPECT_EQ(ticks.first, 0ms);
  // The next tick is the first one of the schedule after the late one
  // completed: the schedule stays aligned.
  EXPECT_EQ(ticks.second % 20ms, 0ms);
  EXPECT_GT(ticks.second, ticks.before_first);
  EXPECT_LE(ticks.second, ticks.after_first + 20ms);
  EXPECT_EQ(ticks.third % 20ms, 0ms);
  EXPECT_GE(ticks.third, ticks.second + 20ms);
  EXPECT_LE(ticks.third, ticks.after_second + 20ms);
  if (ticks.after_second < ticks.second + 20ms)
    EXPECT_EQ(ticks.third, ticks.second + 20ms);
}

/// Whether a tick that lost to a timeout is still the next one to complete.
/// Nothing when the tick was due before the timeout ran out: the machine was
/// too busy for the test to tell.
Task<std::optional<bool>> abandoned_tick_stays_pending(Clock::duration lead) {
  const Instant start = Clock::now() + lead;
  Interval ticker = interval_at(start, lead);
  TimeoutResult<Instant> lost = co_await timeout(lead / 6, ticker.tick());
  if (!lost.timed_out())
    co_return std::nullopt;
  co_return co_await ticker.tick() == start;
}

TEST_P(IntervalTest, ATickAbandonedByATimeoutIsNotConsumed) {
  const auto attempt = [this](Clock::duration lead) {
    return runtime_.block_on(abandoned_tick_stays_pending(lead));
  };
  EXPECT_EQ(testing::with_widening_window(30ms, attempt), true);
}

TEST(Interval, ThePeriodMustBePositive) {
  EXPECT_THROW(static_cast<void>(interval(0ms)), std::invalid_argument);
  EXPECT_THROW(static_cast<void>(interval(-1ms)), std::invalid_argument);
}

} // namespace
} // namespace corolint::rt
