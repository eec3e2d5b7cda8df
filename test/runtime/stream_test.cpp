#include "corolint/rt/stream.h"

#include "corolint/rt/join.h"
#include "corolint/rt/mpsc.h"
#include "corolint/rt/runtime.h"
#include "corolint/rt/select.h"
#include "corolint/rt/sleep.h"
#include "corolint/rt/spawn.h"
#include "corolint/rt/timeout.h"
#include "corolint/rt/yield_now.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <coroutine>
#include <cstddef>
#include <exception>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace corolint::rt {
namespace {

using namespace std::chrono_literals;
using testing::Flavor;
using testing::Gate;
using testing::SetOnDestruction;

class StreamTest : public ::testing::TestWithParam<Flavor> {
protected:
  Runtime runtime_ = testing::build_runtime(GetParam());
};

INSTANTIATE_TEST_SUITE_P(
    AllFlavors, StreamTest, ::testing::ValuesIn(testing::all_flavors()),
    [](const auto &info) { return testing::flavor_name(info.param); });

Runtime single_thread() { return Runtime::Builder::current_thread().build(); }

template <class S>
concept HasNext = requires(S &&stream) { std::forward<S>(stream).next(); };

// A temporary's next() could be stored and awaited after the stream is gone.
static_assert(HasNext<Stream<int> &>);
static_assert(!HasNext<Stream<int>>);

Stream<int> count_to(int last) {
  for (int i = 1; i <= last; ++i)
    co_yield i;
}

Stream<int> mark_started(std::atomic<bool> *started) {
  started->store(true);
  co_yield 1;
}

Task<bool> started_only_by_next(std::atomic<bool> *started) {
  Stream<int> stream = mark_started(started);
  auto pending = stream.next();
  const bool early = started->load();
  const std::optional<int> first = co_await std::move(pending);
  co_return !early && first == 1 && started->load();
}

TEST(Stream, IsLazy) {
  std::atomic<bool> started{false};
  { Stream<int> unused = mark_started(&started); }
  EXPECT_FALSE(started);
  Runtime rt = single_thread();
  EXPECT_TRUE(rt.block_on(started_only_by_next(&started)));
}

Task<std::vector<std::optional<int>>> drain_past_the_end(Stream<int> stream,
                                                         int calls) {
  std::vector<std::optional<int>> results;
  results.reserve(static_cast<std::size_t>(calls));
  for (int i = 0; i < calls; ++i)
    results.push_back(co_await stream.next());
  co_return results;
}

TEST(Stream, YieldsInOrderThenKeepsEnding) {
  Runtime rt = single_thread();
  EXPECT_EQ(rt.block_on(drain_past_the_end(count_to(3), 6)),
            (std::vector<std::optional<int>>{1, 2, 3, std::nullopt,
                                             std::nullopt, std::nullopt}));
}

Stream<int> nothing() { co_return; }

TEST(Stream, AnEmptyBodyEndsAtOnce) {
  Runtime rt = single_thread();
  EXPECT_EQ(rt.block_on(drain_past_the_end(nothing(), 2)),
            (std::vector<std::optional<int>>{std::nullopt, std::nullopt}));
}

Stream<int> yield_then_throw() {
  co_yield 1;
  throw std::runtime_error("stream failed");
}

Task<std::vector<std::string>> record_outcomes(Stream<int> stream, int calls) {
  std::vector<std::string> outcomes;
  for (int i = 0; i < calls; ++i) {
    try {
      const std::optional<int> item = co_await stream.next();
      outcomes.push_back(item ? std::to_string(*item) : "end");
    } catch (const std::runtime_error &error) {
      outcomes.push_back(error.what());
    }
  }
  co_return outcomes;
}

TEST(Stream, AnExceptionPropagatesFromTheNextThatRanIt) {
  Runtime rt = single_thread();
  EXPECT_EQ(rt.block_on(record_outcomes(yield_then_throw(), 4)),
            (std::vector<std::string>{"1", "stream failed", "end", "end"}));
}

Stream<int> throw_after_suspending() {
  co_await yield_now();
  throw std::runtime_error("late failure");
  co_yield 0;
}

TEST_P(StreamTest, AnExceptionAfterASuspensionPropagates) {
  EXPECT_EQ(runtime_.block_on(record_outcomes(throw_after_suspending(), 2)),
            (std::vector<std::string>{"late failure", "end"}));
}

Stream<int> hold_guard(SetOnDestruction guard) {
  static_cast<void>(guard);
  co_yield 1;
}

TEST(Stream, DestroyingAnUnstartedStreamDestroysItsParameters) {
  std::atomic<bool> destroyed{false};
  {
    Stream<int> stream = hold_guard(SetOnDestruction(destroyed));
    EXPECT_FALSE(destroyed);
  }
  EXPECT_TRUE(destroyed);
}

Stream<int> guard_across_yields(std::atomic<bool> *destroyed) {
  const SetOnDestruction guard(*destroyed);
  for (int i = 0;; ++i)
    co_yield i;
}

Task<bool> drop_at_a_yield(std::atomic<bool> *destroyed) {
  {
    Stream<int> stream = guard_across_yields(destroyed);
    co_await stream.next();
    co_await stream.next();
    if (destroyed->load())
      co_return false;
  }
  co_return destroyed->load();
}

TEST(Stream, DestroyingAStreamAtAYieldRunsItsDestructors) {
  std::atomic<bool> destroyed{false};
  Runtime rt = single_thread();
  EXPECT_TRUE(rt.block_on(drop_at_a_yield(&destroyed)));
}

Stream<int> guard_across_a_wait(Gate *gate, std::atomic<bool> *destroyed) {
  const SetOnDestruction guard(*destroyed);
  co_await gate->wait();
  co_yield 1;
}

Task<bool> drop_while_waiting(std::atomic<bool> *destroyed) {
  Gate never_opened;
  {
    Stream<int> stream = guard_across_a_wait(&never_opened, destroyed);
    const TimeoutResult<std::optional<int>> result =
        co_await timeout(1ms, stream.next());
    if (!result.timed_out() || destroyed->load())
      co_return false;
  }
  co_return destroyed->load();
}

TEST_P(StreamTest, DestroyingAStreamSuspendedInAnAwaitRunsItsDestructors) {
  std::atomic<bool> destroyed{false};
  EXPECT_TRUE(runtime_.block_on(drop_while_waiting(&destroyed)));
}

Task<void> consume_one(Stream<int> stream, std::atomic<bool> *parked) {
  parked->store(true);
  co_await stream.next();
}

Task<bool> abort_a_consumer(std::atomic<bool> *destroyed) {
  Gate never_opened;
  std::atomic<bool> parked{false};
  JoinHandle<void> consumer = spawn(
      consume_one(guard_across_a_wait(&never_opened, destroyed), &parked));
  if (!co_await testing::yield_until([&] { return parked.load(); }))
    co_return false;
  consumer.abort();
  co_return co_await testing::yield_until([&] { return destroyed->load(); });
}

TEST_P(StreamTest, AbortingTheConsumerDestroysTheStream) {
  std::atomic<bool> destroyed{false};
  EXPECT_TRUE(runtime_.block_on(abort_a_consumer(&destroyed)));
}

Stream<std::unique_ptr<std::string>> words() {
  co_yield std::make_unique<std::string>("move");
  auto second = std::make_unique<std::string>("only");
  co_yield std::move(second);
}

Task<std::string> join_words() {
  Stream<std::unique_ptr<std::string>> stream = words();
  std::string joined;
  while (std::optional<std::unique_ptr<std::string>> word = co_await stream.next())
    joined += **word;
  co_return joined;
}

TEST(Stream, YieldsMoveOnlyValues) {
  Runtime rt = single_thread();
  EXPECT_EQ(rt.block_on(join_words()), "moveonly");
}

/// Counts copies; moves are free.
struct CopyCounted {
  explicit CopyCounted(int *copies) noexcept : copies(copies) {}
  CopyCounted(const CopyCounted &other) : copies(other.copies) { ++*copies; }
  CopyCounted(CopyCounted &&) noexcept = default;
  CopyCounted &operator=(const CopyCounted &) = delete;
  CopyCounted &operator=(CopyCounted &&) = delete;
  ~CopyCounted() = default;
  int *copies;
};

Stream<CopyCounted> counted(int *copies) {
  co_yield CopyCounted(copies);
  CopyCounted named(copies);
  co_yield std::move(named);
}

Task<int> copies_made(int *copies) {
  Stream<CopyCounted> stream = counted(copies);
  int taken = 0;
  while (co_await stream.next())
    ++taken;
  co_return taken;
}

TEST(Stream, MovesValuesThroughWithoutCopying) {
  Runtime rt = single_thread();
  int copies = 0;
  EXPECT_EQ(rt.block_on(copies_made(&copies)), 2);
  EXPECT_EQ(copies, 0);
}

Task<long> sum_all(Stream<int> stream) {
  long sum = 0;
  while (std::optional<int> item = co_await stream.next())
    sum += *item;
  co_return sum;
}

// Each next() returns once the body reaches its co_yield, so a long stream
// does not build up stack frames.
TEST(Stream, AMillionValuesDoNotGrowTheStack) {
  Runtime rt = single_thread();
  EXPECT_EQ(rt.block_on(sum_all(count_to(1'000'000))), 500'000'500'000L);
}

Task<int> doubled_later(int value) {
  co_await yield_now();
  co_return value * 2;
}

Stream<int> awaiting_everything(mpsc::Receiver<int> rx) {
  co_await sleep(1ms);
  co_yield co_await doubled_later(1);
  co_yield co_await spawn(doubled_later(2));
  while (std::optional<int> received = co_await rx.recv())
    co_yield *received;
}

Task<void> send_range(mpsc::Sender<int> tx, int first, int last) {
  for (int i = first; i <= last; ++i) {
    if (!co_await tx.send(i))
      co_return;
  }
}

Task<std::vector<int>> collect_from_a_channel() {
  auto [tx, rx] = mpsc::channel<int>(2);
  JoinHandle<void> producer = spawn(send_range(std::move(tx), 10, 15));
  std::vector<int> items =
      co_await awaiting_everything(std::move(rx)).collect();
  co_await producer;
  co_return items;
}

TEST_P(StreamTest, TheBodyAwaitsTimersTasksAndChannels) {
  EXPECT_EQ(runtime_.block_on(collect_from_a_channel()),
            (std::vector<int>{2, 4, 10, 11, 12, 13, 14, 15}));
}

Stream<int> yield_after_gate(Gate *gate, int value) {
  co_await gate->wait();
  co_yield value;
}

Task<std::vector<std::string>> resume_after_a_timeout(Gate *gate) {
  std::vector<std::string> seen;
  Stream<int> stream = yield_after_gate(gate, 7);
  TimeoutResult<std::optional<int>> first = co_await timeout(1ms, stream.next());
  seen.emplace_back(first.timed_out() ? "timed out" : "value");
  gate->open();
  const std::optional<int> second = co_await stream.next();
  seen.push_back(second ? std::to_string(*second) : "end");
  const std::optional<int> third = co_await stream.next();
  seen.push_back(third ? std::to_string(*third) : "end");
  co_return seen;
}

// An abandoned next() leaves the body suspended where it was; the next call
// picks it up.
TEST_P(StreamTest, ATimedOutNextLeavesTheStreamUsable) {
  Gate gate;
  EXPECT_EQ(runtime_.block_on(resume_after_a_timeout(&gate)),
            (std::vector<std::string>{"timed out", "7", "end"}));
}

Task<std::vector<std::string>> wake_while_abandoned(Gate *gate) {
  std::vector<std::string> seen;
  Stream<int> stream = yield_after_gate(gate, 8);
  auto first = co_await select(stream.next(), sleep(1ms));
  seen.emplace_back(first.index() == 1 ? "slept" : "value");
  gate->open();
  co_await sleep(1ms);
  const std::optional<int> second = co_await stream.next();
  seen.push_back(second ? std::to_string(*second) : "end");
  co_return seen;
}

TEST_P(StreamTest, AWakeUpWhileNoNextWaitsIsKept) {
  Gate gate;
  EXPECT_EQ(runtime_.block_on(wake_while_abandoned(&gate)),
            (std::vector<std::string>{"slept", "8"}));
}

Stream<int> relay(mpsc::Receiver<int> rx) {
  while (std::optional<int> received = co_await rx.recv()) {
    co_await yield_now();
    co_yield *received;
  }
}

Task<std::vector<int>> race_next_against_ticks(int count, int *losses) {
  auto [tx, rx] = mpsc::channel<int>(4);
  JoinHandle<void> producer = spawn(send_range(std::move(tx), 1, count));
  Stream<int> stream = relay(std::move(rx));
  std::vector<int> received;
  for (;;) {
    auto winner = co_await select(stream.next(), yield_now());
    if (winner.index() == 1) {
      ++*losses;
      continue;
    }
    const std::optional<int> item = std::get<0>(winner);
    if (!item)
      break;
    received.push_back(*item);
  }
  co_await producer;
  co_return received;
}

// next() keeps losing selects at random points of the body; every value
// still arrives, once and in order.
TEST_P(StreamTest, NextIsCancellationSafeInASelectLoop) {
  int losses = 0;
  const std::vector<int> received =
      runtime_.block_on(race_next_against_ticks(2000, &losses));
  EXPECT_GT(losses, 0);
  std::vector<int> expected(2000);
  for (int i = 0; i < 2000; ++i)
    expected[static_cast<std::size_t>(i)] = i + 1;
  EXPECT_EQ(received, expected);
}

Stream<int> ticks() {
  for (int i = 0;; ++i) {
    co_await sleep(1ms);
    co_yield i;
  }
}

Task<std::string> two_nexts_at_once() {
  Stream<int> stream = ticks();
  std::string seen;
  try {
    const auto both = co_await timeout(5s, join(stream.next(), stream.next()));
    seen = both.timed_out() ? "timed out" : "both";
  } catch (const std::logic_error &) {
    seen = "logic_error";
  }
  const std::optional<int> after = co_await stream.next();
  co_return seen + " then " + (after ? std::to_string(*after) : "end");
}

// The first next() runs to its value; the second throws instead of taking
// over the body's single waiting slot and losing the first one's wake-up.
TEST_P(StreamTest, ASecondPendingNextThrows) {
  EXPECT_EQ(runtime_.block_on(two_nexts_at_once()), "logic_error then 1");
}

Task<std::string> next_after_abandoned_nexts(Gate *gate) {
  Stream<int> stream = yield_after_gate(gate, 9);
  std::string seen;
  for (int i = 0; i < 3; ++i) {
    auto pending = stream.next();
    const TimeoutResult<std::optional<int>> result =
        co_await timeout(1ms, std::move(pending));
    seen += result.timed_out() ? "timed out, " : "value, ";
  }
  gate->open();
  const std::optional<int> item = co_await stream.next();
  co_return seen + (item ? std::to_string(*item) : "end");
}

TEST_P(StreamTest, AnAbandonedNextIsNoLongerPending) {
  Gate gate;
  EXPECT_EQ(runtime_.block_on(next_after_abandoned_nexts(&gate)),
            "timed out, timed out, timed out, 9");
}

/// A coroutine run directly on the calling thread, outside of any runtime.
struct Detached {
  struct promise_type {
    Detached get_return_object() const noexcept { return {}; }
    std::suspend_never initial_suspend() const noexcept { return {}; }
    std::suspend_never final_suspend() const noexcept { return {}; }
    void return_void() const noexcept {}
    void unhandled_exception() const noexcept { std::terminate(); }
  };
};

Stream<int> suspend_without_a_waker() {
  co_await std::suspend_always{};
  co_yield 1;
}

Detached await_next_outside_a_runtime(Stream<int> *stream,
                                      std::string *outcome) {
  try {
    const std::optional<int> item = co_await stream->next();
    *outcome = item ? "value" : "end";
  } catch (const std::logic_error &) {
    *outcome = "logic_error";
  }
}

// The body suspends, so next() has to wait for it, which it cannot do
// outside of a runtime: that failure reaches the caller rather than looking
// like the end of the stream.
TEST(Stream, AFailureToWaitPropagatesFromNext) {
  Stream<int> stream = suspend_without_a_waker();
  std::string outcome;
  await_next_outside_a_runtime(&stream, &outcome);
  EXPECT_EQ(outcome, "logic_error");
}

} // namespace
} // namespace corolint::rt
