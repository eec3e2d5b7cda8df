#include "corolint/rt/timeout.h"

#include "corolint/rt/detail/context.h"
#include "corolint/rt/detail/scheduler.h"
#include "corolint/rt/join_handle.h"
#include "corolint/rt/runtime.h"
#include "corolint/rt/sleep.h"
#include "corolint/rt/spawn.h"
#include "corolint/rt/yield_now.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <stdexcept>
#include <thread>

namespace corolint::rt {
namespace {

using namespace std::chrono_literals;
using testing::Flavor;
using testing::Gate;
using testing::kHangTimeout;
using testing::SetOnDestruction;
using testing::yield_until;

class TimeoutTest : public ::testing::TestWithParam<Flavor> {
protected:
  Runtime runtime_ = testing::build_runtime(GetParam());
};

INSTANTIATE_TEST_SUITE_P(
    AllFlavors, TimeoutTest, ::testing::ValuesIn(testing::all_flavors()),
    [](const auto &info) { return testing::flavor_name(info.param); });

std::size_t armed_timers() {
  return detail::current_scheduler()->timers().size();
}

Task<int> sleep_then_return(Clock::duration duration, int value,
                            std::atomic<bool> *destroyed = nullptr) {
  std::atomic<bool> unused{false};
  SetOnDestruction guard(destroyed != nullptr ? *destroyed : unused);
  co_await sleep(duration);
  co_return value;
}

Task<bool> finishes_in_time() {
  TimeoutResult<int> result = co_await timeout(1s, sleep_then_return(10ms, 7));
  co_return result.has_value() && *result == 7 && result.value() == 7 &&
      armed_timers() == 0;
}

TEST_P(TimeoutTest, YieldsTheValueOfAnOperationThatFinishesInTime) {
  EXPECT_TRUE(runtime_.block_on(finishes_in_time()));
}

Task<bool> times_out(std::atomic<bool> *destroyed) {
  const Instant start = Clock::now();
  TimeoutResult<int> result =
      co_await timeout(20ms, sleep_then_return(1h, 7, destroyed));
  // The operation is gone by the time timeout() returns.
  co_return result.timed_out() && destroyed->load() &&
      Clock::now() - start >= 20ms && armed_timers() == 0;
}

TEST_P(TimeoutTest, CancelsAnOperationThatTakesTooLong) {
  std::atomic<bool> destroyed{false};
  EXPECT_TRUE(runtime_.block_on(times_out(&destroyed)));
}

Task<int> throw_after_yield() {
  co_await yield_now();
  throw std::out_of_range("inner");
}

Task<void> propagate() {
  static_cast<void>(co_await timeout(1s, throw_after_yield()));
}

TEST_P(TimeoutTest, PropagatesTheOperationsException) {
  EXPECT_THROW(runtime_.block_on(propagate()), std::out_of_range);
}

Task<int> ready_at_once() { co_return 3; }

Task<bool> zero_duration() {
  TimeoutResult<int> ready = co_await timeout(0ms, ready_at_once());
  TimeoutResult<void> pending = co_await timeout(0ms, sleep(1s));
  co_return ready.has_value() && *ready == 3 && pending.timed_out();
}

TEST_P(TimeoutTest, AReadyOperationWinsEvenWithZeroDuration) {
  EXPECT_TRUE(runtime_.block_on(zero_duration()));
}

Task<int> wait_for_gate(Gate *gate) {
  co_await gate->wait();
  co_return 5;
}

Task<bool> handle_survives(Gate *gate) {
  JoinHandle<int> handle = spawn(wait_for_gate(gate));
  TimeoutResult<int> first = co_await timeout(10ms, handle);
  gate->open();
  TimeoutResult<int> second = co_await timeout(kHangTimeout, handle);
  co_return first.timed_out() && second.has_value() && *second == 5;
}

TEST_P(TimeoutTest, AnLvalueJoinHandleStaysUsableAfterATimeout) {
  Gate gate;
  EXPECT_TRUE(runtime_.block_on(handle_survives(&gate)));
}

Task<bool> woken_from_another_thread() {
  Gate gate;
  std::thread opener([&gate] {
    std::this_thread::sleep_for(10ms);
    gate.open();
  });
  TimeoutResult<int> result =
      co_await timeout(kHangTimeout, wait_for_gate(&gate));
  opener.join(); // NOLINT(coro-blocking-call): the thread is done by now
  co_return result.has_value() && *result == 5;
}

TEST_P(TimeoutTest, TheOperationCanBeWokenFromAnyThread) {
  EXPECT_TRUE(runtime_.block_on(woken_from_another_thread()));
}

Task<TimeoutResult<int>> inner_timeout(Clock::duration inner,
                                       Clock::duration work) {
  co_return co_await timeout(inner, sleep_then_return(work, 1));
}

Task<int> nested(Clock::duration outer, Clock::duration inner,
                 Clock::duration work) {
  TimeoutResult<TimeoutResult<int>> result =
      co_await timeout(outer, inner_timeout(inner, work));
  if (!result)
    co_return 0; // outer elapsed
  if (!*result)
    co_return 1; // inner elapsed
  co_return 2;   // finished
}

TEST_P(TimeoutTest, TimeoutsNest) {
  EXPECT_EQ(runtime_.block_on(nested(kHangTimeout, 20ms, 1h)), 1);
  EXPECT_EQ(runtime_.block_on(nested(20ms, kHangTimeout, 1h)), 0);
  EXPECT_EQ(runtime_.block_on(nested(kHangTimeout, kHangTimeout, 5ms)), 2);
}

Task<void> spin_forever() {
  for (;;)
    co_await yield_now();
}

Task<bool> spinner_times_out() {
  TimeoutResult<void> result = co_await timeout(20ms, spin_forever());
  co_return result.timed_out();
}

TEST_P(TimeoutTest, AnOperationThatKeepsYieldingStillTimesOut) {
  EXPECT_TRUE(runtime_.block_on(spinner_times_out()));
}

Task<void> wait_with_timeout(std::atomic<bool> *destroyed,
                             std::atomic<bool> *waiting) {
  waiting->store(true);
  static_cast<void>(co_await timeout(1h, sleep_then_return(1h, 1, destroyed)));
}

Task<bool> abort_during_timeout(std::atomic<bool> *destroyed) {
  std::atomic<bool> waiting{false};
  JoinHandle<void> handle = spawn(wait_with_timeout(destroyed, &waiting));
  co_await yield_until([&] { return waiting.load() && armed_timers() == 2; });
  handle.abort();
  co_await yield_until([destroyed] { return destroyed->load(); });
  co_return co_await yield_until([] { return armed_timers() == 0; });
}

TEST_P(TimeoutTest, AbortingTheTaskCancelsTheOperationAndBothTimers) {
  std::atomic<bool> destroyed{false};
  EXPECT_TRUE(runtime_.block_on(abort_during_timeout(&destroyed)));
  EXPECT_TRUE(destroyed.load());
}

TEST(TimeoutResult, ValueThrowsTimedOut) {
  TimeoutResult<int> elapsed{TimedOut{}};
  EXPECT_FALSE(elapsed);
  EXPECT_THROW(static_cast<void>(elapsed.value()), TimedOut);
  EXPECT_EQ(std::move(elapsed).value_or(4), 4);
  const TimeoutResult<void> elapsed_void{TimedOut{}};
  EXPECT_THROW(elapsed_void.value(), TimedOut);
  EXPECT_STREQ(elapsed_void.error().what(),
               "corolint::rt: deadline has elapsed");
}

} // namespace
} // namespace corolint::rt
