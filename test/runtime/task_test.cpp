#include "corolint/rt/task.h"

#include "corolint/rt/runtime.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <stdexcept>
#include <string>

namespace corolint::rt {
namespace {

using testing::SetOnDestruction;

Runtime single_thread() { return Runtime::Builder::current_thread().build(); }

Task<int> answer() { co_return 42; }

Task<int> add(int a, int b) { co_return a + b; }

Task<int> add_nested(int a, int b) {
  const int first = co_await add(a, 0);
  const int second = co_await add(0, b);
  co_return first + second;
}

TEST(Task, ReturnsItsValueWhenAwaited) {
  Runtime rt = single_thread();
  EXPECT_EQ(rt.block_on(answer()), 42);
  EXPECT_EQ(rt.block_on(add_nested(20, 22)), 42);
}

Task<void> set_flag(bool *flag) {
  *flag = true;
  co_return;
}

Task<void> set_flag_through_void_task(bool *flag) {
  co_await set_flag(flag);
}

TEST(Task, VoidTaskRunsItsBody) {
  Runtime rt = single_thread();
  bool flag = false;
  rt.block_on(set_flag_through_void_task(&flag));
  EXPECT_TRUE(flag);
}

TEST(Task, IsLazy) {
  bool flag = false;
  {
    Task<void> task = set_flag(&flag);
    EXPECT_FALSE(flag);
  }
  EXPECT_FALSE(flag);
}

Task<int> hold(SetOnDestruction guard) {
  static_cast<void>(guard);
  co_return 1;
}

TEST(Task, DestroyingAnUnawaitedTaskDestroysItsFrame) {
  std::atomic<bool> destroyed{false};
  {
    Task<int> task = hold(SetOnDestruction(destroyed));
    EXPECT_FALSE(destroyed);
  }
  EXPECT_TRUE(destroyed);
}

TEST(Task, MoveTransfersOwnershipOfTheFrame) {
  std::atomic<bool> destroyed{false};
  Task<int> first = hold(SetOnDestruction(destroyed));
  {
    Task<int> second = std::move(first);
    EXPECT_FALSE(destroyed);
  }
  EXPECT_TRUE(destroyed);
}

TEST(Task, MoveAssignmentDestroysTheOverwrittenFrame) {
  std::atomic<bool> first_destroyed{false};
  std::atomic<bool> second_destroyed{false};
  Task<int> first = hold(SetOnDestruction(first_destroyed));
  Task<int> second = hold(SetOnDestruction(second_destroyed));
  first = std::move(second);
  EXPECT_TRUE(first_destroyed);
  EXPECT_FALSE(second_destroyed);
}

Task<std::unique_ptr<std::string>> make_unique_string() {
  co_return std::make_unique<std::string>("moved");
}

Task<std::string> unwrap_unique_string() {
  std::unique_ptr<std::string> value = co_await make_unique_string();
  co_return *value;
}

TEST(Task, SupportsMoveOnlyResults) {
  Runtime rt = single_thread();
  EXPECT_EQ(rt.block_on(unwrap_unique_string()), "moved");
}

Task<int> throw_runtime_error() {
  throw std::runtime_error("deep failure");
  co_return 0;
}

Task<int> await_thrower() { co_return co_await throw_runtime_error() + 1; }

Task<std::string> catch_from_two_levels_down() {
  try {
    co_await await_thrower();
  } catch (const std::runtime_error &error) {
    co_return std::string("caught: ") + error.what();
  }
  co_return "not thrown";
}

TEST(Task, ExceptionsPropagateToTheAwaiter) {
  Runtime rt = single_thread();
  EXPECT_EQ(rt.block_on(catch_from_two_levels_down()), "caught: deep failure");
}

TEST(Task, ExceptionsPropagateOutOfBlockOn) {
  Runtime rt = single_thread();
  EXPECT_THROW(rt.block_on(await_thrower()), std::runtime_error);
}

Task<void> throw_from_void() {
  throw std::logic_error("void failure");
  co_return;
}

TEST(Task, VoidTaskExceptionsPropagate) {
  Runtime rt = single_thread();
  EXPECT_THROW(rt.block_on(throw_from_void()), std::logic_error);
}

Task<int> one() { co_return 1; }

Task<long> sum_of_ones(int count) {
  long sum = 0;
  for (int i = 0; i < count; ++i)
    sum += co_await one();
  co_return sum;
}

// Each awaited task finishes synchronously; symmetric transfer keeps the
// stack flat however many of them run in a row.
TEST(Task, LongSynchronousChainsDoNotGrowTheStack) {
  Runtime rt = single_thread();
  EXPECT_EQ(rt.block_on(sum_of_ones(1'000'000)), 1'000'000);
}

Task<int> recurse(int depth) {
  if (depth == 0)
    co_return 0;
  co_return 1 + co_await recurse(depth - 1);
}

TEST(Task, DeepRecursionOfAwaits) {
  Runtime rt = single_thread();
  EXPECT_EQ(rt.block_on(recurse(10'000)), 10'000);
}

} // namespace
} // namespace corolint::rt
