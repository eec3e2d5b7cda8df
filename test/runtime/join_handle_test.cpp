#include "corolint/rt/join_handle.h"

#include "corolint/rt/cancelled.h"
#include "corolint/rt/runtime.h"
#include "corolint/rt/spawn.h"
#include "corolint/rt/yield_now.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <vector>

namespace corolint::rt {
namespace {

using testing::Flavor;
using testing::Gate;
using testing::SetOnDestruction;
using testing::yield_until;

class JoinHandleTest : public ::testing::TestWithParam<Flavor> {
protected:
  Runtime runtime_ = testing::build_runtime(GetParam());
};

INSTANTIATE_TEST_SUITE_P(
    AllFlavors, JoinHandleTest, ::testing::ValuesIn(testing::all_flavors()),
    [](const auto &info) { return testing::flavor_name(info.param); });

Task<long> tiny(long value) { co_return value; }

Task<long> spawn_many_and_sum(long count) {
  std::vector<JoinHandle<long>> handles;
  handles.reserve(static_cast<std::size_t>(count));
  for (long i = 1; i <= count; ++i)
    handles.push_back(spawn(tiny(i)));
  long sum = 0;
  for (JoinHandle<long> &handle : handles)
    sum += co_await handle;
  co_return sum;
}

TEST_P(JoinHandleTest, HundredThousandTinyTasksAreAllJoined) {
  constexpr long kCount = 100'000;
  EXPECT_EQ(runtime_.block_on(spawn_many_and_sum(kCount)),
            kCount * (kCount + 1) / 2);
}

Task<int> wait_then_return(Gate *gate, int value) {
  co_await gate->wait();
  co_return value;
}

Task<std::vector<bool>> observe_finishing(Gate *gate) {
  JoinHandle<int> handle = spawn(wait_then_return(gate, 3));
  std::vector<bool> finished;
  co_await yield_now();
  finished.push_back(handle.is_finished());
  gate->open();
  co_await yield_until([&handle] { return handle.is_finished(); });
  finished.push_back(handle.is_finished());
  co_await handle;
  co_return finished;
}

TEST_P(JoinHandleTest, IsFinishedOnceTheTaskCompletes) {
  Gate gate;
  EXPECT_EQ(runtime_.block_on(observe_finishing(&gate)),
            (std::vector<bool>{false, true}));
}

Task<int> throw_after_yield() {
  co_await yield_now();
  throw std::runtime_error("spawned failure");
}

Task<std::string> await_failing_task() {
  JoinHandle<int> handle = spawn(throw_after_yield());
  try {
    co_await handle;
  } catch (const std::runtime_error &error) {
    co_return error.what();
  }
  co_return "no exception";
}

TEST_P(JoinHandleTest, AwaitingRethrowsTheTaskException) {
  EXPECT_EQ(runtime_.block_on(await_failing_task()), "spawned failure");
}

Task<void> open_when_done(Gate *done, std::atomic<bool> *ran) {
  co_await yield_now();
  ran->store(true);
  done->open();
}

Task<void> detach_and_wait(Gate *done, std::atomic<bool> *ran) {
  {
    JoinHandle<void> dropped = spawn(open_when_done(done, ran));
  }
  co_await done->wait();
}

TEST_P(JoinHandleTest, DroppingTheHandleDetachesTheTask) {
  Gate done;
  std::atomic<bool> ran{false};
  runtime_.block_on(detach_and_wait(&done, &ran));
  EXPECT_TRUE(ran);
}

Task<void> loop_yielding(std::atomic<bool> *destroyed,
                         std::atomic<int> *iterations) {
  SetOnDestruction guard(*destroyed);
  for (;;) {
    iterations->fetch_add(1);
    co_await yield_now();
  }
}

Task<bool> abort_yielding_task(std::atomic<bool> *destroyed) {
  std::atomic<int> iterations{0};
  JoinHandle<void> handle = spawn(loop_yielding(destroyed, &iterations));
  co_await yield_until([&iterations] { return iterations.load() >= 3; });
  handle.abort();
  try {
    co_await handle;
  } catch (const Cancelled &) {
    co_return true;
  }
  co_return false;
}

TEST_P(JoinHandleTest, AbortStopsAYieldingTaskAndRunsItsDestructors) {
  std::atomic<bool> destroyed{false};
  EXPECT_TRUE(runtime_.block_on(abort_yielding_task(&destroyed)));
  EXPECT_TRUE(destroyed);
}

struct NestedFlags {
  std::atomic<bool> outer_destroyed{false};
  std::atomic<bool> inner_destroyed{false};
  std::atomic<bool> parked{false};
};

Task<int> wait_in_inner_frame(Gate *gate, NestedFlags *flags) {
  SetOnDestruction inner_guard(flags->inner_destroyed);
  flags->parked.store(true);
  co_await gate->wait();
  co_return 1;
}

Task<int> wait_in_nested_frames(Gate *gate, NestedFlags *flags) {
  SetOnDestruction outer_guard(flags->outer_destroyed);
  co_return co_await wait_in_inner_frame(gate, flags);
}

Task<bool> abort_sleeping_task(Gate *never_opened, NestedFlags *flags) {
  JoinHandle<int> handle = spawn(wait_in_nested_frames(never_opened, flags));
  co_await yield_until([flags] { return flags->parked.load(); });
  handle.abort();
  try {
    co_await handle;
  } catch (const Cancelled &) {
    co_return true;
  }
  co_return false;
}

TEST_P(JoinHandleTest, AbortDestroysEveryFrameOfASleepingTask) {
  Gate never_opened;
  NestedFlags flags;
  EXPECT_TRUE(runtime_.block_on(abort_sleeping_task(&never_opened, &flags)));
  EXPECT_TRUE(flags.outer_destroyed);
  EXPECT_TRUE(flags.inner_destroyed);
}

Task<void> set_flag(std::atomic<bool> *flag) {
  flag->store(true);
  co_return;
}

Task<bool> abort_before_first_poll(std::atomic<bool> *ran) {
  JoinHandle<void> handle = spawn(set_flag(ran));
  handle.abort();
  try {
    co_await handle;
  } catch (const Cancelled &) {
    co_return true;
  }
  co_return false;
}

TEST(JoinHandle, AbortBeforeTheFirstPollMeansTheBodyNeverRuns) {
  // Only the current-thread flavour guarantees the abort comes first.
  Runtime rt = Runtime::Builder::current_thread().build();
  std::atomic<bool> ran{false};
  EXPECT_TRUE(rt.block_on(abort_before_first_poll(&ran)));
  EXPECT_FALSE(ran);
}

Task<int> abort_after_completion() {
  JoinHandle<long> handle = spawn(tiny(5));
  co_await yield_until([&handle] { return handle.is_finished(); });
  handle.abort();
  co_return static_cast<int>(co_await handle);
}

TEST_P(JoinHandleTest, AbortAfterCompletionKeepsTheResult) {
  EXPECT_EQ(runtime_.block_on(abort_after_completion()), 5);
}

Task<void> spin_then_yield(std::atomic<bool> *started, std::atomic<bool> *go,
                           std::atomic<bool> *resumed_after_yield) {
  started->store(true);
  while (!go->load())
    std::this_thread::yield();
  co_await yield_now();
  resumed_after_yield->store(true);
}

Task<bool> await_cancelled(JoinHandle<void> handle) {
  try {
    co_await handle;
  } catch (const Cancelled &) {
    co_return true;
  }
  co_return false;
}

TEST(JoinHandle, AbortWhileRunningStopsAtTheNextSuspension) {
  Runtime rt = Runtime::Builder::multi_thread().worker_threads(2).build();
  std::atomic<bool> started{false};
  std::atomic<bool> go{false};
  std::atomic<bool> resumed{false};
  JoinHandle<void> handle = rt.spawn(spin_then_yield(&started, &go, &resumed));
  while (!started)
    std::this_thread::yield();
  handle.abort();
  go = true;
  EXPECT_TRUE(rt.block_on(await_cancelled(std::move(handle))));
  EXPECT_FALSE(resumed);
}

Task<std::vector<int>> interleave() {
  std::vector<int> order;
  auto record = [](std::vector<int> *out, int id) -> Task<void> {
    for (int i = 0; i < 3; ++i) {
      out->push_back(id);
      co_await yield_now();
    }
  };
  JoinHandle<void> first = spawn(record(&order, 1));
  JoinHandle<void> second = spawn(record(&order, 2));
  co_await first;
  co_await second;
  co_return order;
}

TEST(YieldNow, LetsOtherTasksRunInBetween) {
  Runtime rt = Runtime::Builder::current_thread().build();
  EXPECT_EQ(rt.block_on(interleave()), (std::vector<int>{1, 2, 1, 2, 1, 2}));
}

TEST(JoinHandle, ResultCanOnlyBeTakenOnce) {
  Runtime rt = Runtime::Builder::current_thread().build();
  EXPECT_THROW(rt.block_on([](JoinHandle<long> handle) -> Task<void> {
                 co_await handle;
                 co_await handle;
               }(rt.spawn(tiny(1)))),
               std::logic_error);
}

} // namespace
} // namespace corolint::rt
