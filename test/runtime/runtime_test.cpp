#include "corolint/rt/runtime.h"

#include "corolint/rt/spawn.h"
#include "corolint/rt/yield_now.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <latch>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace corolint::rt {
namespace {

using testing::Flavor;

class RuntimeTest : public ::testing::TestWithParam<Flavor> {
protected:
  Runtime runtime_ = testing::build_runtime(GetParam());
};

INSTANTIATE_TEST_SUITE_P(
    AllFlavors, RuntimeTest, ::testing::ValuesIn(testing::all_flavors()),
    [](const auto &info) { return testing::flavor_name(info.param); });

Task<int> yield_then_return(int value) {
  co_await yield_now();
  co_return value;
}

TEST_P(RuntimeTest, BlockOnReturnsTheTaskValue) {
  EXPECT_EQ(runtime_.block_on(yield_then_return(7)), 7);
}

Task<void> yield_then_throw() {
  co_await yield_now();
  throw std::out_of_range("from task");
}

TEST_P(RuntimeTest, BlockOnRethrowsTheTaskException) {
  EXPECT_THROW(runtime_.block_on(yield_then_throw()), std::out_of_range);
}

TEST_P(RuntimeTest, BlockOnCanBeCalledRepeatedly) {
  for (int i = 0; i < 100; ++i)
    ASSERT_EQ(runtime_.block_on(yield_then_return(i)), i);
}

Task<std::string> block_on_from_task(Runtime *target) {
  try {
    // Calling it here is the point: block_on must refuse.
    target->block_on(yield_then_return(1)); // NOLINT(coro-blocking-call)
  } catch (const std::logic_error &error) {
    co_return error.what();
  }
  co_return "no exception";
}

TEST_P(RuntimeTest, BlockOnInsideATaskOfTheSameRuntimeThrows) {
  const std::string message = runtime_.block_on(block_on_from_task(&runtime_));
  EXPECT_NE(message.find("block_on"), std::string::npos) << message;
  EXPECT_NE(message.find("runtime thread"), std::string::npos) << message;
}

TEST_P(RuntimeTest, BlockOnInsideATaskOfAnotherRuntimeThrows) {
  Runtime other = Runtime::Builder::current_thread().build();
  const std::string message = runtime_.block_on(block_on_from_task(&other));
  EXPECT_NE(message.find("block_on"), std::string::npos) << message;
  // The other runtime still works from a plain thread.
  EXPECT_EQ(other.block_on(yield_then_return(3)), 3);
}

Task<int> spawn_and_await(int value) {
  co_return co_await spawn(yield_then_return(value));
}

TEST_P(RuntimeTest, FreeSpawnUsesTheCurrentRuntime) {
  EXPECT_EQ(runtime_.block_on(spawn_and_await(11)), 11);
}

TEST(Runtime, FreeSpawnOutsideOfARuntimeThrows) {
  EXPECT_THROW(static_cast<void>(spawn(yield_then_return(1))),
               std::logic_error);
}

Task<int> await_handle(JoinHandle<int> handle) { co_return co_await handle; }

TEST_P(RuntimeTest, SpawnFromOutsideTheRuntime) {
  JoinHandle<int> handle = runtime_.spawn(yield_then_return(5));
  EXPECT_EQ(runtime_.block_on(await_handle(std::move(handle))), 5);
}

TEST_P(RuntimeTest, SpawnFromAnotherThread) {
  std::atomic<bool> spawned{false};
  std::thread spawner([&] {
    runtime_.spawn(yield_then_return(1));
    spawned = true;
  });
  spawner.join();
  EXPECT_TRUE(spawned);
  EXPECT_EQ(runtime_.block_on(yield_then_return(2)), 2);
}

Task<std::shared_ptr<int>> hand_back(std::shared_ptr<int> value) {
  co_return value;
}

// Spawns a task that returns a shared value, waits until it finished, drops
// its handle, and reports whether the value is gone, without ever letting
// the runtime idle.
Task<bool> drop_the_handle_of_a_finished_task() {
  auto value = std::make_shared<int>(7);
  const std::weak_ptr<int> watched = value;
  {
    JoinHandle<std::shared_ptr<int>> handle =
        spawn(hand_back(std::move(value)));
    co_await testing::yield_until([&handle] { return handle.is_finished(); });
  }
  co_return co_await testing::yield_until(
      [&watched] { return watched.expired(); });
}

TEST_P(RuntimeTest, AResultNobodyCanTakeIsDestroyedOnceTheHandleIsDropped) {
  EXPECT_TRUE(runtime_.block_on(drop_the_handle_of_a_finished_task()));
}

Task<std::shared_ptr<int>> yield_then_hand_back(std::shared_ptr<int> value) {
  for (int i = 0; i < 10; ++i)
    co_await yield_now();
  co_return value;
}

Task<bool> detach_a_task_returning_a_value() {
  auto value = std::make_shared<int>(7);
  const std::weak_ptr<int> watched = value;
  spawn(yield_then_hand_back(std::move(value)));
  co_return co_await testing::yield_until(
      [&watched] { return watched.expired(); });
}

TEST_P(RuntimeTest, AResultNobodyCanTakeIsDestroyedWhenTheTaskFinishes) {
  EXPECT_TRUE(runtime_.block_on(detach_a_task_returning_a_value()));
}

Task<std::thread::id> thread_of_task() { co_return std::this_thread::get_id(); }

TEST(Runtime, CurrentThreadRunsTasksOnTheCallingThread) {
  Runtime rt = Runtime::Builder::current_thread().build();
  EXPECT_EQ(rt.block_on(thread_of_task()), std::this_thread::get_id());
}

TEST(Runtime, MultiThreadRunsTasksOnWorkers) {
  Runtime rt = Runtime::Builder::multi_thread().worker_threads(2).build();
  EXPECT_NE(rt.block_on(thread_of_task()), std::this_thread::get_id());
}

Task<void> await_void_handle(JoinHandle<void> handle) { co_await handle; }

Task<void> arrive_and_wait(std::latch *all_running) {
  // Blocking is the point: it occupies every worker at the same time.
  all_running->arrive_and_wait(); // NOLINT(coro-blocking-call)
  co_return;
}

// Each task blocks its worker until all of them run at once, which only
// works if the runtime has that many workers and wakes all of them.
TEST(Runtime, HasTheConfiguredNumberOfWorkers) {
  constexpr int kWorkers = 4;
  Runtime rt = Runtime::Builder::multi_thread().worker_threads(kWorkers).build();
  std::latch all_running(kWorkers);
  std::vector<JoinHandle<void>> handles;
  handles.reserve(kWorkers);
  for (int i = 0; i < kWorkers; ++i)
    handles.push_back(rt.spawn(arrive_and_wait(&all_running)));
  for (JoinHandle<void> &handle : handles)
    rt.block_on(await_void_handle(std::move(handle)));
}

TEST(Runtime, DefaultRuntimeIsMultiThreaded) {
  Runtime rt;
  EXPECT_NE(rt.block_on(thread_of_task()), std::this_thread::get_id());
}

TEST(Runtime, CanBeMoved) {
  Runtime first = Runtime::Builder::multi_thread().worker_threads(1).build();
  Runtime second = std::move(first);
  EXPECT_EQ(second.block_on(yield_then_return(9)), 9);
  Runtime third = Runtime::Builder::current_thread().build();
  third = std::move(second);
  EXPECT_EQ(third.block_on(yield_then_return(10)), 10);
}

TEST(RuntimeBuilder, RejectsZeroWorkers) {
  EXPECT_THROW(Runtime::Builder::multi_thread().worker_threads(0),
               std::invalid_argument);
}

TEST(RuntimeBuilder, WorkerCountDoesNotApplyToCurrentThread) {
  EXPECT_THROW(Runtime::Builder::current_thread().worker_threads(2),
               std::logic_error);
}

Task<int> count_after_yield(std::atomic<int> *counter) {
  co_await yield_now();
  co_return counter->fetch_add(1) + 1;
}

TEST(Runtime, CurrentThreadRunsSpawnedTasksOnlyWhileBlocking) {
  Runtime rt = Runtime::Builder::current_thread().build();
  std::atomic<int> counter{0};
  JoinHandle<int> handle = rt.spawn(count_after_yield(&counter));
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_EQ(counter.load(), 0);
  EXPECT_EQ(rt.block_on(await_handle(std::move(handle))), 1);
}

TEST(Runtime, ConcurrentBlockOnOfACurrentThreadRuntime) {
  Runtime rt = Runtime::Builder::current_thread().build();
  std::atomic<int> total{0};
  std::vector<std::thread> callers;
  for (int i = 1; i <= 4; ++i)
    callers.emplace_back([&rt, &total, i] {
      for (int round = 0; round < 50; ++round)
        total += rt.block_on(yield_then_return(i));
    });
  for (std::thread &caller : callers)
    caller.join();
  EXPECT_EQ(total.load(), 50 * (1 + 2 + 3 + 4));
}

TEST(Runtime, ConcurrentBlockOnOfAMultiThreadRuntime) {
  Runtime rt = Runtime::Builder::multi_thread().worker_threads(2).build();
  std::atomic<int> total{0};
  std::vector<std::thread> callers;
  for (int i = 1; i <= 4; ++i)
    callers.emplace_back([&rt, &total, i] {
      for (int round = 0; round < 50; ++round)
        total += rt.block_on(yield_then_return(i));
    });
  for (std::thread &caller : callers)
    caller.join();
  EXPECT_EQ(total.load(), 50 * (1 + 2 + 3 + 4));
}

} // namespace
} // namespace corolint::rt
