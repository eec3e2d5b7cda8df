#include "corolint/rt/mutex.h"

#include "corolint/rt/cancelled.h"
#include "corolint/rt/join_handle.h"
#include "corolint/rt/runtime.h"
#include "corolint/rt/sleep.h"
#include "corolint/rt/spawn.h"
#include "corolint/rt/timeout.h"
#include "corolint/rt/yield_now.h"
#include "present.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace corolint::rt {
namespace {

using namespace std::chrono_literals;
using testing::Flavor;
using testing::present;
using testing::yield_until;

class MutexTest : public ::testing::TestWithParam<Flavor> {
protected:
  Runtime runtime_ = testing::build_runtime(GetParam());
};

INSTANTIATE_TEST_SUITE_P(
    AllFlavors, MutexTest, ::testing::ValuesIn(testing::all_flavors()),
    [](const auto &info) { return testing::flavor_name(info.param); });

/// Flavours where a spawned task is queued on the mutex before the spawner
/// observes its flag, so queue order is known.
class MutexOrderTest : public MutexTest {};

INSTANTIATE_TEST_SUITE_P(
    Sequential, MutexOrderTest,
    ::testing::Values(Flavor::current_thread, Flavor::one_worker),
    [](const auto &info) { return testing::flavor_name(info.param); });

TEST(Mutex, TryLockGivesAccessToTheValue) {
  Mutex<std::string> mutex("a");
  {
    std::optional<MutexGuard<std::string>> guard = mutex.try_lock();
    ASSERT_TRUE(guard);
    *present(guard) += "b";
    EXPECT_FALSE(mutex.try_lock());
    MutexGuard<std::string> moved = std::move(present(guard));
    EXPECT_FALSE(present(guard).owns_lock());
    EXPECT_EQ(moved->size(), 2U);
    moved.unlock();
    EXPECT_FALSE(moved.owns_lock());
    EXPECT_TRUE(mutex.try_lock());
  }
  EXPECT_EQ(*present(mutex.try_lock()), "ab");
}

Task<void> append_across_sleep(Mutex<std::vector<int>> *mutex, int value) {
  MutexGuard<std::vector<int>> guard = co_await mutex->lock();
  (*guard).push_back(value);
  // Held across a suspension: nobody else gets in meanwhile.
  co_await sleep(1ms);
  guard->push_back(value);
}

Task<bool> guard_held_across_suspension() {
  Mutex<std::vector<int>> mutex;
  std::vector<JoinHandle<void>> handles;
  handles.reserve(8);
  for (int i = 0; i < 8; ++i)
    handles.push_back(spawn(append_across_sleep(&mutex, i)));
  for (JoinHandle<void> &handle : handles)
    co_await handle;
  MutexGuard<std::vector<int>> guard = co_await mutex.lock();
  bool paired = guard->size() == 16;
  for (std::size_t i = 0; paired && i < guard->size(); i += 2)
    paired = (*guard)[i] == (*guard)[i + 1];
  co_return paired;
}

TEST_P(MutexTest, AGuardCanBeHeldAcrossCoAwait) {
  EXPECT_TRUE(runtime_.block_on(guard_held_across_suspension()));
}

struct Contenders {
  Mutex<std::vector<int>> mutex;
  std::atomic<int> queued{0};
  std::vector<JoinHandle<void>> handles;
  int cancelled = 0;

  static Task<void> enter(Contenders *self, int id) {
    self->queued.fetch_add(1);
    MutexGuard<std::vector<int>> guard = co_await self->mutex.lock();
    guard->push_back(id);
  }

  Task<void> spawn_queued(int count) {
    for (int id = 0; id < count; ++id) {
      handles.push_back(spawn(enter(this, id)));
      co_await yield_until([this, id] { return queued.load() == id + 1; });
    }
  }

  Task<void> join_all() {
    for (JoinHandle<void> &handle : handles) {
      try {
        co_await handle;
      } catch (const Cancelled &) {
        ++cancelled;
      }
    }
  }
};

Task<std::vector<int>> fifo_order(bool abort_middle) {
  Contenders contenders;
  std::optional<MutexGuard<std::vector<int>>> held =
      contenders.mutex.try_lock();
  co_await contenders.spawn_queued(5);
  if (abort_middle)
    contenders.handles[2].abort();
  co_await yield_now();
  held.reset();
  co_await contenders.join_all();
  co_return std::vector<int>(*present(contenders.mutex.try_lock()));
}

TEST_P(MutexOrderTest, TheLockGoesToWaitersInFifoOrder) {
  EXPECT_EQ(runtime_.block_on(fifo_order(false)),
            (std::vector<int>{0, 1, 2, 3, 4}));
}

TEST_P(MutexOrderTest, AnAbortedWaiterInTheMiddleNeverGetsTheLock) {
  EXPECT_EQ(runtime_.block_on(fifo_order(true)),
            (std::vector<int>{0, 1, 3, 4}));
}

Task<std::vector<int>> abort_after_handover() {
  Contenders contenders;
  std::optional<MutexGuard<std::vector<int>>> held =
      contenders.mutex.try_lock();
  co_await contenders.spawn_queued(3);
  // The lock is handed to waiter 0, which is aborted before it resumes: it
  // must pass the lock on to waiter 1.
  held.reset();
  contenders.handles[0].abort();
  co_await contenders.join_all();
  co_return std::vector<int>(*present(contenders.mutex.try_lock()));
}

TEST(Mutex, AWaiterAbortedAfterTheHandoverPassesTheLockOn) {
  Runtime rt = Runtime::Builder::current_thread().build();
  EXPECT_EQ(rt.block_on(abort_after_handover()), (std::vector<int>{1, 2}));
}

Task<bool> lock_with_timeout() {
  Mutex<int> mutex(0);
  std::optional<MutexGuard<int>> held = mutex.try_lock();
  TimeoutResult<MutexGuard<int>> late = co_await timeout(10ms, mutex.lock());
  held.reset();
  TimeoutResult<MutexGuard<int>> free = co_await timeout(1s, mutex.lock());
  co_return late.timed_out() && free.has_value() && **free == 0;
}

TEST_P(MutexTest, ATimedOutLockLeavesTheQueue) {
  EXPECT_TRUE(runtime_.block_on(lock_with_timeout()));
}

} // namespace
} // namespace corolint::rt
