#include "corolint/rt/stream.h"

#include "corolint/rt/runtime.h"
#include "corolint/rt/sleep.h"
#include "corolint/rt/timeout.h"
#include "corolint/rt/yield_now.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace corolint::rt {
namespace {

using namespace std::chrono_literals;
using testing::Flavor;
using testing::Gate;
using testing::LiveCounter;
using testing::SetOnDestruction;
using testing::yield_until;

class StreamBufferingTest : public ::testing::TestWithParam<Flavor> {
protected:
  Runtime runtime_ = testing::build_runtime(
      GetParam(), [this](const std::exception_ptr &) { unhandled_.fetch_add(1); });
  std::atomic<int> unhandled_{0};
};

INSTANTIATE_TEST_SUITE_P(
    AllFlavors, StreamBufferingTest, ::testing::ValuesIn(testing::all_flavors()),
    [](const auto &info) { return testing::flavor_name(info.param); });

/// How many tasks the source has handed out, and how many run at once.
struct Load {
  std::atomic<int> pulled{0};
  std::atomic<int> running{0};
  std::atomic<int> peak{0};

  void enter() {
    const int now = running.fetch_add(1) + 1;
    int seen = peak.load();
    while (now > seen && !peak.compare_exchange_weak(seen, now)) {
    }
  }
  void leave() { running.fetch_sub(1); }
};

Task<int> tracked_work(Load *load, int value) {
  load->enter();
  for (int i = 0; i < value % 5; ++i)
    co_await yield_now();
  load->leave();
  co_return value;
}

Stream<Task<int>> tracked_tasks(Load *load, int count) {
  for (int i = 0; i < count; ++i) {
    load->pulled.fetch_add(1);
    co_yield tracked_work(load, i);
  }
}

std::vector<int> zero_to(int count) {
  std::vector<int> values(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i)
    values[static_cast<std::size_t>(i)] = i;
  return values;
}

Task<std::vector<int>> consume_within_limit(Stream<int> results, Load *load,
                                            std::size_t limit, bool *ahead) {
  std::vector<int> got;
  while (std::optional<int> result = co_await results.next()) {
    got.push_back(*result);
    if (static_cast<std::size_t>(load->pulled.load()) > got.size() + limit)
      *ahead = true;
  }
  co_return got;
}

TEST_P(StreamBufferingTest, BufferUnorderedYieldsEveryResultOnceWithinTheLimit) {
  Load load;
  bool ahead = false;
  std::vector<int> got = runtime_.block_on(consume_within_limit(
      tracked_tasks(&load, 500).buffer_unordered(8), &load, 8, &ahead));
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, zero_to(500));
  EXPECT_LE(load.peak.load(), 8);
  EXPECT_GT(load.peak.load(), 1);
  EXPECT_FALSE(ahead);
}

TEST_P(StreamBufferingTest, BufferedYieldsInSourceOrderWithinTheLimit) {
  Load load;
  bool ahead = false;
  EXPECT_EQ(runtime_.block_on(consume_within_limit(
                tracked_tasks(&load, 500).buffered(8), &load, 8, &ahead)),
            zero_to(500));
  EXPECT_LE(load.peak.load(), 8);
  EXPECT_FALSE(ahead);
}

Task<int> open_when(Gate *gate, int value) {
  co_await gate->wait();
  co_return value;
}

Stream<Task<int>> gated_tasks(std::array<Gate, 3> *gates) {
  for (int i = 0; i < 3; ++i)
    co_yield open_when(&(*gates)[static_cast<std::size_t>(i)], i);
}

Task<std::vector<int>> open_one_per_next(std::array<Gate, 3> *gates) {
  Stream<int> results = gated_tasks(gates).buffer_unordered(3);
  std::vector<int> order;
  for (const std::size_t i : {2U, 0U, 1U}) {
    (*gates)[i].open();
    order.push_back((co_await results.next()).value_or(-1));
  }
  const bool ended = !(co_await results.next()).has_value();
  order.push_back(ended ? 99 : -1);
  co_return order;
}

TEST_P(StreamBufferingTest, BufferUnorderedYieldsInCompletionOrder) {
  std::array<Gate, 3> gates;
  EXPECT_EQ(runtime_.block_on(open_one_per_next(&gates)),
            (std::vector<int>{2, 0, 1, 99}));
}

Task<int> sleep_then_return(std::chrono::milliseconds delay, int value) {
  co_await sleep(delay);
  co_return value;
}

Stream<Task<int>> slower_first() {
  for (int i = 0; i < 4; ++i)
    co_yield sleep_then_return(std::chrono::milliseconds(8 - 2 * i), i);
}

TEST_P(StreamBufferingTest, BufferedWaitsForEarlierResults) {
  EXPECT_EQ(runtime_.block_on(slower_first().buffered(4).collect()),
            (std::vector<int>{0, 1, 2, 3}));
}

Task<int> meet(std::atomic<int> *arrived, int value) {
  arrived->fetch_add(1);
  co_await yield_until([arrived] { return arrived->load() == 4; });
  co_return value;
}

Stream<Task<int>> meeting(std::atomic<int> *arrived) {
  for (int i = 0; i < 4; ++i)
    co_yield meet(arrived, i);
}

// Each task waits until all four have started: they only finish if the
// stream runs them at the same time.
TEST_P(StreamBufferingTest, BufferUnorderedRunsTasksConcurrently) {
  std::atomic<int> arrived{0};
  std::vector<int> got =
      runtime_.block_on(meeting(&arrived).buffer_unordered(4).collect());
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, zero_to(4));
}

Task<int> hold_until(Gate *gate, LiveCounter counter, std::atomic<int> *started) {
  static_cast<void>(counter);
  started->fetch_add(1);
  co_await gate->wait();
  co_return 0;
}

/// Counters that tasks of a stream report to.
struct Held {
  Gate never_opened;
  std::atomic<int> live{0};
  std::atomic<int> started{0};
  std::atomic<int> pulled{0};
};

Stream<Task<int>> held_tasks(Held *held, int count) {
  for (int i = 0; i < count; ++i) {
    held->pulled.fetch_add(1);
    co_yield hold_until(&held->never_opened, LiveCounter(held->live),
                        &held->started);
  }
}

Task<bool> drop_with_tasks_running(Held *held, bool ordered) {
  {
    Stream<int> results = ordered ? held_tasks(held, 10).buffered(3)
                                  : held_tasks(held, 10).buffer_unordered(3);
    const TimeoutResult<std::optional<int>> first =
        co_await timeout(2ms, results.next());
    if (!first.timed_out())
      co_return false;
    if (!co_await yield_until([held] { return held->started.load() == 3; }))
      co_return false;
    if (held->pulled.load() != 3)
      co_return false;
  }
  co_return co_await yield_until([held] { return held->live.load() == 0; });
}

TEST_P(StreamBufferingTest, DroppingBufferUnorderedAbortsItsTasks) {
  Held held;
  EXPECT_TRUE(runtime_.block_on(drop_with_tasks_running(&held, false)));
  EXPECT_EQ(unhandled_.load(), 0);
}

TEST_P(StreamBufferingTest, DroppingBufferedAbortsItsTasks) {
  Held held;
  EXPECT_TRUE(runtime_.block_on(drop_with_tasks_running(&held, true)));
  EXPECT_EQ(unhandled_.load(), 0);
}

Task<int> fail_soon() {
  co_await yield_now();
  throw std::runtime_error("task failed");
}

Stream<Task<int>> one_failing(Held *held) {
  co_yield hold_until(&held->never_opened, LiveCounter(held->live),
                      &held->started);
  co_yield fail_soon();
  co_yield hold_until(&held->never_opened, LiveCounter(held->live),
                      &held->started);
}

Task<bool> fail_and_abort_the_rest(Held *held) {
  Stream<int> results = one_failing(held).buffer_unordered(2);
  bool threw = false;
  try {
    co_await results.next();
  } catch (const std::runtime_error &) {
    threw = true;
  }
  const bool ended = !(co_await results.next()).has_value();
  co_return threw && ended &&
      co_await yield_until([held] { return held->live.load() == 0; });
}

TEST_P(StreamBufferingTest, ATaskExceptionPropagatesAndAbortsTheRest) {
  Held held;
  EXPECT_TRUE(runtime_.block_on(fail_and_abort_the_rest(&held)));
}

Stream<Task<int>> failing_second() {
  co_yield sleep_then_return(1ms, 1);
  co_yield fail_soon();
  co_yield sleep_then_return(1ms, 3);
}

Task<std::vector<int>> values_until_failure(Stream<int> results) {
  std::vector<int> got;
  try {
    while (std::optional<int> result = co_await results.next())
      got.push_back(*result);
  } catch (const std::runtime_error &) {
    got.push_back(-1);
  }
  co_return got;
}

TEST_P(StreamBufferingTest, BufferedRaisesAFailureInItsTurn) {
  EXPECT_EQ(runtime_.block_on(values_until_failure(failing_second().buffered(3))),
            (std::vector<int>{1, -1}));
}

/// The first task finishes only once a next() has timed out, so that one
/// does whatever the machine's speed; the others sleep a little.
Stream<Task<int>> sleepy_tasks(int count, Gate *first_timeout) {
  co_yield open_when(first_timeout, 0);
  for (int i = 1; i < count; ++i)
    co_yield sleep_then_return(std::chrono::milliseconds(i % 3), i);
}

Task<std::vector<int>> collect_through_timeouts(Stream<int> results,
                                                Gate *first_timeout,
                                                int *timeouts) {
  std::vector<int> got;
  for (;;) {
    TimeoutResult<std::optional<int>> result =
        co_await timeout(200us, results.next());
    if (result.timed_out()) {
      ++*timeouts;
      first_timeout->open();
      continue;
    }
    const std::optional<int> item = std::move(result).value();
    if (!item)
      co_return got;
    got.push_back(*item);
  }
}

TEST_P(StreamBufferingTest, SurvivesTimedOutNexts) {
  Gate first_timeout;
  int timeouts = 0;
  std::vector<int> got = runtime_.block_on(collect_through_timeouts(
      sleepy_tasks(60, &first_timeout).buffer_unordered(4), &first_timeout,
      &timeouts));
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, zero_to(60));
  EXPECT_GT(timeouts, 0);
}

Task<bool> closure_alive_after(std::chrono::milliseconds delay,
                               const std::atomic<bool> *closure_destroyed) {
  co_await sleep(delay);
  co_return !closure_destroyed->load();
}

/// Tasks made by a closure that owns a guard; each tells whether the
/// closure still existed when it finished. The source ends while they run.
Stream<Task<bool>> tasks_checking_their_closure(std::atomic<bool> *destroyed) {
  return iter(std::vector<int>{2, 3, 4})
      .map([guard = SetOnDestruction(*destroyed), destroyed](int delay) {
        return closure_alive_after(std::chrono::milliseconds(delay), destroyed);
      });
}

enum class Buffering : std::uint8_t { unordered, ordered, unordered_after_take };

Stream<bool> buffer_closure_checks(Buffering buffering,
                                   std::atomic<bool> *destroyed) {
  switch (buffering) {
  case Buffering::unordered:
    return tasks_checking_their_closure(destroyed).buffer_unordered(4);
  case Buffering::ordered:
    return tasks_checking_their_closure(destroyed).buffered(4);
  case Buffering::unordered_after_take:
    return tasks_checking_their_closure(destroyed).take(2).buffer_unordered(4);
  }
  throw std::invalid_argument("buffering");
}

TEST_P(StreamBufferingTest, TheSourceOutlivesTheTasksItMade) {
  for (const Buffering buffering :
       {Buffering::unordered, Buffering::ordered,
        Buffering::unordered_after_take}) {
    std::atomic<bool> destroyed{false};
    const std::vector<bool> alive = runtime_.block_on(
        buffer_closure_checks(buffering, &destroyed).collect());
    EXPECT_EQ(alive, std::vector<bool>(
                         buffering == Buffering::unordered_after_take ? 2 : 3,
                         true));
    EXPECT_TRUE(destroyed);
  }
}

// A coroutine lambda's captures are read through the closure, which lives in
// the map() stream.
Task<std::vector<std::size_t>> lengths_read_from_a_capture() {
  const std::string prefix(100, 'x');
  co_return co_await iter(std::vector<std::size_t>{1, 2, 3})
      .map([prefix](std::size_t i) -> Task<std::size_t> {
        co_await sleep(2ms);
        co_return prefix.size() + i;
      })
      .buffer_unordered(4)
      .collect();
}

TEST_P(StreamBufferingTest, TasksReadTheCapturesOfTheirLambda) {
  std::vector<std::size_t> lengths =
      runtime_.block_on(lengths_read_from_a_capture());
  std::sort(lengths.begin(), lengths.end());
  EXPECT_EQ(lengths, (std::vector<std::size_t>{101, 102, 103}));
}

TEST(StreamBuffering, ZeroLimitsAreRejected) {
  EXPECT_THROW(static_cast<void>(slower_first().buffer_unordered(0)),
               std::invalid_argument);
  EXPECT_THROW(static_cast<void>(slower_first().buffered(0)),
               std::invalid_argument);
}

} // namespace
} // namespace corolint::rt
