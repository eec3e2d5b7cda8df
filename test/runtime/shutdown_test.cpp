#include "corolint/rt/cancelled.h"
#include "corolint/rt/join_handle.h"
#include "corolint/rt/join_set.h"
#include "corolint/rt/runtime.h"
#include "corolint/rt/spawn.h"
#include "corolint/rt/yield_now.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <atomic>
#include <optional>
#include <vector>

namespace corolint::rt {
namespace {

using testing::Flavor;
using testing::Gate;
using testing::LiveCounter;
using testing::yield_until;

class ShutdownTest : public ::testing::TestWithParam<Flavor> {};

INSTANTIATE_TEST_SUITE_P(
    AllFlavors, ShutdownTest, ::testing::ValuesIn(testing::all_flavors()),
    [](const auto &info) { return testing::flavor_name(info.param); });

Task<int> hold_until(Gate *gate, LiveCounter counter,
                     std::atomic<int> *parked = nullptr) {
  static_cast<void>(counter);
  if (parked != nullptr)
    parked->fetch_add(1);
  co_await gate->wait();
  co_return 1;
}

Task<bool> await_cancelled(JoinHandle<int> handle) {
  try {
    co_await handle;
  } catch (const Cancelled &) {
    co_return true;
  }
  co_return false;
}

Task<bool> reached(std::atomic<int> *counter, int count) {
  co_return co_await yield_until(
      [counter, count] { return counter->load() == count; });
}

TEST_P(ShutdownTest, DestroyingTheRuntimeDestroysSuspendedTasks) {
  Gate never_opened;
  std::atomic<int> live{0};
  std::atomic<int> parked{0};
  std::vector<JoinHandle<int>> handles;
  {
    Runtime rt = testing::build_runtime(GetParam());
    for (int i = 0; i < 10; ++i)
      handles.push_back(
          rt.spawn(hold_until(&never_opened, LiveCounter(live), &parked)));
    EXPECT_TRUE(rt.block_on(reached(&parked, 10)));
  }
  EXPECT_EQ(live.load(), 0);
  Runtime other = Runtime::Builder::current_thread().build();
  for (JoinHandle<int> &handle : handles) {
    EXPECT_TRUE(handle.is_finished());
    EXPECT_TRUE(other.block_on(await_cancelled(std::move(handle))));
  }
}

TEST_P(ShutdownTest, DestroyingTheRuntimeDestroysTasksThatNeverRan) {
  Gate never_opened;
  std::atomic<int> live{0};
  {
    Runtime rt = testing::build_runtime(GetParam());
    for (int i = 0; i < 1000; ++i)
      rt.spawn(hold_until(&never_opened, LiveCounter(live)));
  }
  EXPECT_EQ(live.load(), 0);
}

Task<void> yield_forever(LiveCounter counter,
                         std::atomic<int> *running = nullptr) {
  static_cast<void>(counter);
  if (running != nullptr)
    running->fetch_add(1);
  for (;;)
    co_await yield_now();
}

TEST_P(ShutdownTest, DestroyingTheRuntimeStopsBusyTasks) {
  std::atomic<int> live{0};
  std::atomic<int> running{0};
  {
    Runtime rt = testing::build_runtime(GetParam());
    for (int i = 0; i < 8; ++i)
      rt.spawn(yield_forever(LiveCounter(live), &running));
    EXPECT_TRUE(rt.block_on(reached(&running, 8)));
  }
  EXPECT_EQ(live.load(), 0);
}

Task<void> own_a_join_set(Gate *never_opened, std::atomic<int> *live,
                          std::atomic<int> *parked) {
  JoinSet<int> members;
  for (int i = 0; i < 4; ++i)
    members.spawn(hold_until(never_opened, LiveCounter(*live), parked));
  parked->fetch_add(1);
  co_await never_opened->wait();
}

Task<void> own_handles(Gate *never_opened, std::atomic<int> *live,
                       std::atomic<int> *parked) {
  std::vector<JoinHandle<int>> handles;
  handles.reserve(4);
  for (int i = 0; i < 4; ++i)
    handles.push_back(
        spawn(hold_until(never_opened, LiveCounter(*live), parked)));
  parked->fetch_add(1);
  co_await handles.front();
}

// Destroying the frames of unfinished tasks runs destructors that abort,
// wake or drop other unfinished tasks of the same runtime.
TEST_P(ShutdownTest, TasksOwningOtherTasksAreTornDown) {
  Gate never_opened;
  std::atomic<int> live{0};
  std::atomic<int> parked{0};
  {
    Runtime rt = testing::build_runtime(GetParam());
    rt.spawn(own_a_join_set(&never_opened, &live, &parked));
    rt.spawn(own_handles(&never_opened, &live, &parked));
    EXPECT_TRUE(rt.block_on(reached(&parked, 10)));
  }
  EXPECT_EQ(live.load(), 0);
}

TEST_P(ShutdownTest, WakersMayOutliveTheRuntime) {
  Gate gate;
  std::atomic<int> live{0};
  std::atomic<int> parked{0};
  {
    Runtime rt = testing::build_runtime(GetParam());
    rt.spawn(hold_until(&gate, LiveCounter(live), &parked));
    EXPECT_TRUE(rt.block_on(reached(&parked, 1)));
  }
  gate.open();
  EXPECT_EQ(live.load(), 0);
}

class SpawnOnDestruction {
public:
  explicit SpawnOnDestruction(std::atomic<int> *live) : live_(live) {}
  SpawnOnDestruction(SpawnOnDestruction &&other) noexcept
      : live_(std::exchange(other.live_, nullptr)) {}
  SpawnOnDestruction(const SpawnOnDestruction &) = delete;
  SpawnOnDestruction &operator=(const SpawnOnDestruction &) = delete;
  SpawnOnDestruction &operator=(SpawnOnDestruction &&) = delete;
  ~SpawnOnDestruction() {
    if (live_ != nullptr)
      spawn(yield_forever(LiveCounter(*live_)));
  }

private:
  std::atomic<int> *live_;
};

Task<void> spawn_when_destroyed(Gate *never_opened, std::atomic<int> *live,
                                std::atomic<int> *parked) {
  SpawnOnDestruction spawner(live);
  parked->fetch_add(1);
  co_await never_opened->wait();
}

TEST_P(ShutdownTest, SpawningWhileShuttingDownCancelsTheNewTask) {
  Gate never_opened;
  std::atomic<int> parked{0};
  std::atomic<int> spawned_live{0};
  {
    Runtime rt = testing::build_runtime(GetParam());
    rt.spawn(spawn_when_destroyed(&never_opened, &spawned_live, &parked));
    EXPECT_TRUE(rt.block_on(reached(&parked, 1)));
  }
  EXPECT_EQ(spawned_live.load(), 0);
}

TEST(Shutdown, WakingFromAnotherThreadDuringShutdown) {
  for (int round = 0; round < 20; ++round) {
    Gate gate;
    std::atomic<int> live{0};
    std::thread opener;
    {
      Runtime rt = Runtime::Builder::multi_thread().worker_threads(2).build();
      for (int i = 0; i < 50; ++i)
        rt.spawn(hold_until(&gate, LiveCounter(live)));
      opener = std::thread([&gate] { gate.open(); });
    }
    opener.join();
    EXPECT_EQ(live.load(), 0);
  }
}

} // namespace
} // namespace corolint::rt
