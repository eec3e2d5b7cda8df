#include "corolint/rt/interval.h"

#include "corolint/rt/runtime.h"
#include "corolint/rt/sleep.h"
#include "corolint/rt/timeout.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <chrono>
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
  const Instant start = Clock::now();
  Interval ticker = interval(10ms);
  const Instant first = co_await ticker.tick();
  bool on_schedule = Clock::now() - start < 10ms;
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

/// Ticks once, stalls for 3.5 periods, then returns the scheduled times of
/// the next three ticks relative to the first, and whether the first two of
/// them completed without waiting.
struct AfterStall {
  std::vector<Clock::duration> offsets;
  Clock::duration waited_for_two;
};

Task<AfterStall> tick_after_stall(MissedTickBehavior behavior) {
  Interval ticker = interval(20ms);
  ticker.set_missed_tick_behavior(behavior);
  const Instant first = co_await ticker.tick();
  co_await sleep(70ms);
  AfterStall result;
  const Instant before = Clock::now();
  for (int i = 0; i < 2; ++i)
    result.offsets.push_back(co_await ticker.tick() - first);
  result.waited_for_two = Clock::now() - before;
  result.offsets.push_back(co_await ticker.tick() - first);
  co_return result;
}

TEST_P(IntervalTest, BurstCatchesUpOnMissedTicks) {
  const AfterStall result =
      runtime_.block_on(tick_after_stall(MissedTickBehavior::burst));
  ASSERT_EQ(result.offsets.size(), 3U);
  EXPECT_EQ(result.offsets[0], 20ms);
  EXPECT_EQ(result.offsets[1], 40ms);
  EXPECT_EQ(result.offsets[2], 60ms);
  EXPECT_LT(result.waited_for_two, 15ms);
}

TEST_P(IntervalTest, DelayRestartsTheScheduleAfterALateTick) {
  const AfterStall result =
      runtime_.block_on(tick_after_stall(MissedTickBehavior::delay));
  ASSERT_EQ(result.offsets.size(), 3U);
  EXPECT_EQ(result.offsets[0], 20ms);
  // The next tick is a period after the late one completed.
  EXPECT_GE(result.offsets[1], 90ms);
  EXPECT_EQ(result.offsets[2] - result.offsets[1], 20ms);
}

TEST_P(IntervalTest, SkipDropsMissedTicks) {
  const AfterStall result =
      runtime_.block_on(tick_after_stall(MissedTickBehavior::skip));
  ASSERT_EQ(result.offsets.size(), 3U);
  EXPECT_EQ(result.offsets[0], 20ms);
  // Stalled until 70 ms: 40 and 60 are skipped, the schedule stays aligned.
  EXPECT_EQ(result.offsets[1] % 20ms, 0ms);
  EXPECT_GE(result.offsets[1], 80ms);
  EXPECT_EQ(result.offsets[2] - result.offsets[1], 20ms);
}

Task<bool> cancelled_tick_stays_pending() {
  Interval ticker = interval_at(Clock::now() + 30ms, 30ms);
  TimeoutResult<Instant> lost = co_await timeout(5ms, ticker.tick());
  const Instant scheduled = co_await ticker.tick();
  co_return lost.timed_out() && Clock::now() >= scheduled;
}

TEST_P(IntervalTest, ATickAbandonedByATimeoutIsNotConsumed) {
  EXPECT_TRUE(runtime_.block_on(cancelled_tick_stays_pending()));
}

TEST(Interval, ThePeriodMustBePositive) {
  EXPECT_THROW(static_cast<void>(interval(0ms)), std::invalid_argument);
  EXPECT_THROW(static_cast<void>(interval(-1ms)), std::invalid_argument);
}

} // namespace
} // namespace corolint::rt
