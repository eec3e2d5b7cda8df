#include "corolint/rt/join_set.h"

#include "corolint/rt/cancelled.h"
#include "corolint/rt/runtime.h"
#include "corolint/rt/yield_now.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace corolint::rt {
namespace {

using testing::Flavor;
using testing::Gate;
using testing::LiveCounter;
using testing::yield_until;

class JoinSetTest : public ::testing::TestWithParam<Flavor> {
protected:
  Runtime runtime_ = testing::build_runtime(GetParam());
};

INSTANTIATE_TEST_SUITE_P(
    AllFlavors, JoinSetTest, ::testing::ValuesIn(testing::all_flavors()),
    [](const auto &info) { return testing::flavor_name(info.param); });

Task<bool> join_empty_set() {
  JoinSet<int> set;
  const std::optional<int> next = co_await set.join_next();
  co_return !next.has_value();
}

TEST_P(JoinSetTest, AnEmptySetYieldsNothing) {
  EXPECT_TRUE(runtime_.block_on(join_empty_set()));
}

Task<int> yield_then_return(int value) {
  co_await yield_now();
  co_return value;
}

Task<long> sum_through_set(int count) {
  JoinSet<int> set;
  for (int i = 1; i <= count; ++i)
    set.spawn(yield_then_return(i));
  long sum = 0;
  int joined = 0;
  while (std::optional<int> value = co_await set.join_next()) {
    sum += *value;
    ++joined;
    if (set.size() != static_cast<std::size_t>(count - joined))
      co_return -1;
  }
  co_return sum;
}

TEST_P(JoinSetTest, JoinsEveryTask) {
  EXPECT_EQ(runtime_.block_on(sum_through_set(1000)), 1000L * 1001 / 2);
}

Task<int> wait_then_return(Gate *gate, int value) {
  co_await gate->wait();
  co_return value;
}

Task<std::vector<int>> join_in_completion_order() {
  std::array<Gate, 4> gates;
  JoinSet<int> set;
  for (int i = 0; i < 4; ++i)
    set.spawn(wait_then_return(&gates[static_cast<std::size_t>(i)], i));
  for (const int i : {2, 0, 3, 1}) {
    gates[static_cast<std::size_t>(i)].open();
    // Lets the opened task finish before the next gate opens.
    for (int round = 0; round < 3; ++round)
      co_await yield_now();
  }
  std::vector<int> order;
  while (std::optional<int> value = co_await set.join_next())
    order.push_back(*value);
  co_return order;
}

TEST(JoinSet, YieldsResultsInCompletionOrder) {
  Runtime rt = Runtime::Builder::current_thread().build();
  EXPECT_EQ(rt.block_on(join_in_completion_order()),
            (std::vector<int>{2, 0, 3, 1}));
}

Task<std::vector<int>> join_while_completing(std::array<Gate, 3> *gates) {
  JoinSet<int> set;
  for (int i = 0; i < 3; ++i)
    set.spawn(wait_then_return(&(*gates)[static_cast<std::size_t>(i)], i));
  std::vector<int> order;
  for (const int i : {1, 2, 0}) {
    (*gates)[static_cast<std::size_t>(i)].open();
    const std::optional<int> value = co_await set.join_next();
    order.push_back(value.value_or(-1));
  }
  co_return order;
}

TEST_P(JoinSetTest, WaitsForTheNextCompletion) {
  std::array<Gate, 3> gates;
  EXPECT_EQ(runtime_.block_on(join_while_completing(&gates)),
            (std::vector<int>{1, 2, 0}));
}

Task<int> fail_after_yield() {
  co_await yield_now();
  throw std::runtime_error("member failed");
}

Task<std::vector<std::string>> join_with_failure() {
  JoinSet<int> set;
  set.spawn(yield_then_return(1));
  set.spawn(fail_after_yield());
  set.spawn(yield_then_return(2));
  std::vector<std::string> outcomes;
  for (;;) {
    try {
      std::optional<int> value = co_await set.join_next();
      if (!value)
        break;
      outcomes.push_back(std::to_string(*value));
    } catch (const std::runtime_error &error) {
      outcomes.push_back(error.what());
    }
  }
  std::sort(outcomes.begin(), outcomes.end());
  co_return outcomes;
}

TEST_P(JoinSetTest, RethrowsAMemberFailureAndGoesOn) {
  EXPECT_EQ(runtime_.block_on(join_with_failure()),
            (std::vector<std::string>{"1", "2", "member failed"}));
}

Task<int> hold_counter_until(Gate *gate, LiveCounter counter,
                             std::atomic<int> *parked = nullptr) {
  static_cast<void>(counter);
  if (parked != nullptr)
    parked->fetch_add(1);
  co_await gate->wait();
  co_return 0;
}

Task<int> abort_all_members(std::atomic<int> *live) {
  Gate never_opened;
  JoinSet<int> set;
  for (int i = 0; i < 5; ++i)
    set.spawn(hold_counter_until(&never_opened, LiveCounter(*live)));
  co_await yield_now();
  set.abort_all();
  int cancelled = 0;
  for (;;) {
    try {
      if (!co_await set.join_next())
        break;
    } catch (const Cancelled &) {
      ++cancelled;
    }
  }
  co_return cancelled;
}

TEST_P(JoinSetTest, AbortAllCancelsEveryMember) {
  std::atomic<int> live{0};
  EXPECT_EQ(runtime_.block_on(abort_all_members(&live)), 5);
  EXPECT_EQ(live.load(), 0);
}

Task<bool> drop_set_with_running_members(Gate *never_opened,
                                         std::atomic<int> *live) {
  {
    std::atomic<int> parked{0};
    JoinSet<int> set;
    for (int i = 0; i < 5; ++i)
      set.spawn(hold_counter_until(never_opened, LiveCounter(*live), &parked));
    co_await yield_until([&parked] { return parked.load() == 5; });
  }
  co_return co_await yield_until([live] { return live->load() == 0; });
}

TEST_P(JoinSetTest, DestroyingTheSetAbortsItsTasks) {
  Gate never_opened;
  std::atomic<int> live{0};
  EXPECT_TRUE(runtime_.block_on(
      drop_set_with_running_members(&never_opened, &live)));
  EXPECT_EQ(live.load(), 0);
}

Task<void> count_up(std::atomic<int> *counter) {
  co_await yield_now();
  counter->fetch_add(1);
}

Task<int> join_void_members(std::atomic<int> *counter) {
  JoinSet<void> set;
  for (int i = 0; i < 10; ++i)
    set.spawn(count_up(counter));
  int joined = 0;
  while (co_await set.join_next())
    ++joined;
  co_return joined;
}

TEST_P(JoinSetTest, VoidMembers) {
  std::atomic<int> counter{0};
  EXPECT_EQ(runtime_.block_on(join_void_members(&counter)), 10);
  EXPECT_EQ(counter.load(), 10);
}

Task<int> sum_set(JoinSet<int> set) {
  int sum = 0;
  while (std::optional<int> value = co_await set.join_next())
    sum += *value;
  co_return sum;
}

TEST_P(JoinSetTest, SpawnOnFromOutsideTheRuntime) {
  JoinSet<int> set;
  for (int i = 1; i <= 4; ++i)
    set.spawn_on(runtime_, yield_then_return(i));
  EXPECT_EQ(set.size(), 4U);
  EXPECT_EQ(runtime_.block_on(sum_set(std::move(set))), 10);
}

TEST(JoinSet, SpawnOutsideOfARuntimeThrows) {
  JoinSet<int> set;
  EXPECT_THROW(set.spawn(yield_then_return(1)), std::logic_error);
  EXPECT_TRUE(set.empty());
}

TEST(JoinSet, MoveAssignmentAbortsTheOverwrittenTasks) {
  Runtime rt = Runtime::Builder::current_thread().build();
  Gate never_opened;
  std::atomic<int> live{0};
  JoinSet<int> first;
  first.spawn_on(rt, hold_counter_until(&never_opened, LiveCounter(live)));
  JoinSet<int> second;
  second.spawn_on(rt, yield_then_return(7));
  first = std::move(second);
  EXPECT_EQ(rt.block_on(sum_set(std::move(first))), 7);
  EXPECT_EQ(live.load(), 0);
}

} // namespace
} // namespace corolint::rt
