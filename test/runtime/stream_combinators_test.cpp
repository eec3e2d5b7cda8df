#include "corolint/rt/stream.h"

#include "corolint/rt/runtime.h"
#include "corolint/rt/yield_now.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <optional>
#include <ranges>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace corolint::rt {
namespace {

using testing::SetOnDestruction;

Runtime single_thread() { return Runtime::Builder::current_thread().build(); }

Stream<int> count_to(int last) {
  for (int i = 1; i <= last; ++i)
    co_yield i;
}

TEST(StreamCombinators, IterMovesTheElementsOfAnOwnedContainer) {
  Runtime rt = single_thread();
  std::vector<std::unique_ptr<int>> boxes;
  boxes.push_back(std::make_unique<int>(1));
  boxes.push_back(std::make_unique<int>(2));
  const std::vector<std::unique_ptr<int>> out =
      rt.block_on(iter(std::move(boxes)).collect());
  ASSERT_EQ(out.size(), 2U);
  EXPECT_EQ(*out[0], 1);
  EXPECT_EQ(*out[1], 2);
}

TEST(StreamCombinators, IterCopiesThroughAView) {
  Runtime rt = single_thread();
  const std::vector<std::string> words = {"a", "b"};
  EXPECT_EQ(rt.block_on(iter(std::views::all(words)).collect()), words);
  EXPECT_EQ(words, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(rt.block_on(iter(std::views::iota(0, 4)).collect()),
            (std::vector<int>{0, 1, 2, 3}));
}

TEST(StreamCombinators, MapTransformsEachValue) {
  Runtime rt = single_thread();
  EXPECT_EQ(rt.block_on(count_to(3)
                            .map([](int i) { return std::to_string(i * 10); })
                            .collect()),
            (std::vector<std::string>{"10", "20", "30"}));
}

TEST(StreamCombinators, FilterKeepsMatchingValues) {
  Runtime rt = single_thread();
  EXPECT_EQ(
      rt.block_on(count_to(10).filter([](int i) { return i % 3 == 0; }).collect()),
      (std::vector<int>{3, 6, 9}));
}

TEST(StreamCombinators, CombinatorsChainOnANamedStream) {
  Runtime rt = single_thread();
  Stream<int> numbers = count_to(6);
  Stream<int> odd_squares = std::move(numbers)
                                .filter([](int i) { return i % 2 == 1; })
                                .map([](int i) { return i * i; });
  EXPECT_EQ(rt.block_on(std::move(odd_squares).collect()),
            (std::vector<int>{1, 9, 25}));
}

Stream<int> count_with_guard(std::atomic<int> *pulled,
                             std::atomic<bool> *destroyed) {
  const SetOnDestruction guard(*destroyed);
  for (int i = 1;; ++i) {
    pulled->fetch_add(1);
    co_yield i;
  }
}

Task<bool> take_three_then_check(std::atomic<int> *pulled,
                                 std::atomic<bool> *destroyed) {
  {
    Stream<int> first = count_with_guard(pulled, destroyed).take(3);
    std::vector<int> got;
    got.reserve(3);
    for (int i = 0; i < 3; ++i)
      got.push_back((co_await first.next()).value_or(-1));
    const bool ended = !(co_await first.next()).has_value();
    // The source goes with the take stream, not before.
    if (got != std::vector<int>{1, 2, 3} || !ended || destroyed->load())
      co_return false;
  }
  co_return destroyed->load() && pulled->load() == 3;
}

TEST(StreamCombinators, TakeNeverAsksTheSourceForMore) {
  Runtime rt = single_thread();
  std::atomic<int> pulled{0};
  std::atomic<bool> destroyed{false};
  EXPECT_TRUE(rt.block_on(take_three_then_check(&pulled, &destroyed)));
}

Task<bool> closure_alive_after_a_yield(const std::atomic<bool> *closure_destroyed) {
  co_await yield_now();
  co_return !closure_destroyed->load();
}

/// Tasks made by a closure that owns a guard; each tells whether the
/// closure still existed when it finished.
Stream<Task<bool>> tasks_checking_their_closure(std::atomic<bool> *destroyed) {
  return count_to(3).map(
      [guard = SetOnDestruction(*destroyed), destroyed](int) {
        return closure_alive_after_a_yield(destroyed);
      });
}

Task<bool> await_the_last_task_taken(std::atomic<bool> *destroyed) {
  Stream<Task<bool>> first_two = tasks_checking_their_closure(destroyed).take(2);
  co_await first_two.next();
  std::optional<Task<bool>> last = co_await first_two.next();
  co_return last && co_await std::move(*last);
}

TEST(StreamCombinators, TakeKeepsItsSourceWhileTheLastTaskRuns) {
  Runtime rt = single_thread();
  std::atomic<bool> destroyed{false};
  EXPECT_TRUE(rt.block_on(await_the_last_task_taken(&destroyed)));
}

Stream<int> count_holding(SetOnDestruction guard, std::atomic<int> *pulled) {
  static_cast<void>(guard);
  for (int i = 1;; ++i) {
    pulled->fetch_add(1);
    co_yield i;
  }
}

TEST(StreamCombinators, TakeZeroNeverStartsTheSource) {
  Runtime rt = single_thread();
  std::atomic<int> pulled{0};
  std::atomic<bool> destroyed{false};
  EXPECT_TRUE(rt.block_on(count_holding(SetOnDestruction(destroyed), &pulled)
                              .take(0)
                              .collect())
                  .empty());
  EXPECT_EQ(pulled, 0);
  EXPECT_TRUE(destroyed);
}

TEST(StreamCombinators, TakeMoreThanThereIs) {
  Runtime rt = single_thread();
  EXPECT_EQ(rt.block_on(count_to(2).take(5).collect()),
            (std::vector<int>{1, 2}));
}

TEST(StreamCombinators, ChunksLeavesAShorterLastBatch) {
  Runtime rt = single_thread();
  EXPECT_EQ(rt.block_on(count_to(7).chunks(3).collect()),
            (std::vector<std::vector<int>>{{1, 2, 3}, {4, 5, 6}, {7}}));
}

TEST(StreamCombinators, ChunksOfAnExactMultipleAreAllFull) {
  Runtime rt = single_thread();
  EXPECT_EQ(rt.block_on(count_to(6).chunks(2).collect()),
            (std::vector<std::vector<int>>{{1, 2}, {3, 4}, {5, 6}}));
  EXPECT_TRUE(rt.block_on(count_to(0).chunks(2).collect()).empty());
}

Task<std::vector<std::string>> batch_outcomes(Stream<std::vector<int>> batches,
                                              int calls) {
  std::vector<std::string> outcomes;
  for (int i = 0; i < calls; ++i) {
    try {
      const std::optional<std::vector<int>> batch = co_await batches.next();
      if (!batch) {
        outcomes.emplace_back("end");
        continue;
      }
      std::string joined;
      for (const int value : *batch)
        joined += std::to_string(value);
      outcomes.push_back(joined);
    } catch (const std::runtime_error &error) {
      outcomes.emplace_back(error.what());
    }
  }
  co_return outcomes;
}

Stream<int> throw_after(int count) {
  for (int i = 1; i <= count; ++i)
    co_yield i;
  throw std::runtime_error("source failed");
}

TEST(StreamCombinators, ChunksYieldsThePartialBatchBeforeASourceException) {
  Runtime rt = single_thread();
  EXPECT_EQ(rt.block_on(batch_outcomes(throw_after(3).chunks(2), 4)),
            (std::vector<std::string>{"12", "3", "source failed", "end"}));
  EXPECT_EQ(rt.block_on(batch_outcomes(throw_after(4).chunks(2), 4)),
            (std::vector<std::string>{"12", "34", "source failed", "end"}));
}

TEST(StreamCombinators, ChunksOfZeroIsRejected) {
  EXPECT_THROW(static_cast<void>(count_to(3).chunks(0)), std::invalid_argument);
}

Task<bool> chunks_pull_lazily(std::atomic<int> *pulled) {
  std::atomic<bool> destroyed{false};
  Stream<std::vector<int>> batches = count_with_guard(pulled, &destroyed).chunks(4);
  const std::optional<std::vector<int>> first = co_await batches.next();
  co_return first == std::vector<int>{1, 2, 3, 4} && pulled->load() == 4;
}

TEST(StreamCombinators, ChunksPullsOneBatchAtATime) {
  Runtime rt = single_thread();
  std::atomic<int> pulled{0};
  EXPECT_TRUE(rt.block_on(chunks_pull_lazily(&pulled)));
}

Task<std::string> describe_later(int value) {
  co_await yield_now();
  co_return "#" + std::to_string(value);
}

TEST(StreamCombinators, ThenAwaitsEachTaskInOrder) {
  Runtime rt = single_thread();
  EXPECT_EQ(rt.block_on(count_to(3).then(describe_later).collect()),
            (std::vector<std::string>{"#1", "#2", "#3"}));
}

Task<int> fail_on_two(int value) {
  co_await yield_now();
  if (value == 2)
    throw std::runtime_error("two");
  co_return value;
}

Task<std::string> first_failure(Stream<int> stream) {
  std::string seen;
  try {
    while (std::optional<int> item = co_await stream.next())
      seen += std::to_string(*item);
  } catch (const std::runtime_error &error) {
    seen += error.what();
  }
  co_return seen;
}

TEST(StreamCombinators, ThenPropagatesATaskException) {
  Runtime rt = single_thread();
  EXPECT_EQ(rt.block_on(first_failure(count_to(3).then(fail_on_two))), "1two");
}

TEST(StreamCombinators, ForEachCallsAPlainFunction) {
  Runtime rt = single_thread();
  int sum = 0;
  rt.block_on(count_to(4).for_each([&sum](int i) { sum += i; }));
  EXPECT_EQ(sum, 10);
}

Task<void> append_later(std::vector<int> *out, int value) {
  co_await yield_now();
  out->push_back(value);
}

TEST(StreamCombinators, ForEachAwaitsATaskPerValue) {
  Runtime rt = single_thread();
  std::vector<int> out;
  rt.block_on(count_to(3).for_each(
      [&out](int i) { return append_later(&out, i); }));
  EXPECT_EQ(out, (std::vector<int>{1, 2, 3}));
}

TEST(StreamCombinators, ASourceExceptionPassesThroughEveryCombinator) {
  Runtime rt = single_thread();
  EXPECT_EQ(rt.block_on(first_failure(
                throw_after(2).map([](int i) { return i; }).filter([](int) {
                  return true;
                }))),
            "12source failed");
  EXPECT_THROW(rt.block_on(throw_after(3).chunks(2).collect()),
               std::runtime_error);
}

// Each layer runs its source's body and returns, so a long chain does not
// grow the stack either.
TEST(StreamCombinators, AMillionValuesThroughAChain) {
  Runtime rt = single_thread();
  long sum = 0;
  rt.block_on(count_to(1'000'000)
                  .map([](int i) { return long{i}; })
                  .filter([](long i) { return i % 2 == 0; })
                  .chunks(1000)
                  .for_each([&sum](const std::vector<long> &batch) {
                    for (const long value : batch)
                      sum += value;
                  }));
  EXPECT_EQ(sum, 250'000'500'000L);
}

} // namespace
} // namespace corolint::rt
