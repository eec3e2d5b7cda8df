#include "corolint/rt/semaphore.h"

#include "corolint/rt/cancelled.h"
#include "corolint/rt/join_handle.h"
#include "corolint/rt/owned_semaphore_permit.h"
#include "corolint/rt/runtime.h"
#include "corolint/rt/spawn.h"
#include "corolint/rt/timeout.h"
#include "corolint/rt/yield_now.h"
#include "present.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <stdexcept>
#include <utility>
#include <vector>

namespace corolint::rt {
namespace {

using namespace std::chrono_literals;
using testing::Flavor;
using testing::present;
using testing::yield_until;

/// Flavours on which a task that is spawned runs up to its first suspension
/// before the spawner's next step is observed, so queue order is known.
const std::vector<Flavor> &sequential_flavors() {
  static const std::vector<Flavor> flavors = {Flavor::current_thread,
                                              Flavor::one_worker};
  return flavors;
}

class SemaphoreTest : public ::testing::TestWithParam<Flavor> {
protected:
  Runtime runtime_ = testing::build_runtime(GetParam());
};

INSTANTIATE_TEST_SUITE_P(
    Sequential, SemaphoreTest, ::testing::ValuesIn(sequential_flavors()),
    [](const auto &info) { return testing::flavor_name(info.param); });

TEST(Semaphore, TryAcquireCountsPermits) {
  Semaphore semaphore(3);
  std::optional<SemaphorePermit> two = semaphore.try_acquire_many(2);
  ASSERT_TRUE(two);
  EXPECT_EQ(present(two).num_permits(), 2U);
  EXPECT_EQ(semaphore.available_permits(), 1U);
  EXPECT_FALSE(semaphore.try_acquire_many(2));
  {
    std::optional<SemaphorePermit> one = semaphore.try_acquire();
    ASSERT_TRUE(one);
    EXPECT_EQ(semaphore.available_permits(), 0U);
    SemaphorePermit moved = std::move(present(one));
    EXPECT_EQ(semaphore.available_permits(), 0U);
  }
  EXPECT_EQ(semaphore.available_permits(), 1U);
  present(two).forget();
  two.reset();
  EXPECT_EQ(semaphore.available_permits(), 1U);
  semaphore.add_permits(4);
  EXPECT_EQ(semaphore.available_permits(), 5U);
}

TEST(Semaphore, RejectsTooManyPermits) {
  EXPECT_THROW(Semaphore(Semaphore::max_permits + 1), std::length_error);
  Semaphore semaphore(Semaphore::max_permits);
  EXPECT_THROW(semaphore.add_permits(1), std::length_error);
  EXPECT_THROW(
      static_cast<void>(semaphore.acquire_many(Semaphore::max_permits + 1)),
      std::invalid_argument);
}

/// Takes `count` permits, records `id`, holds them until `release` is set.
Task<void> take(Semaphore *semaphore, std::size_t count, int id,
                std::vector<int> *order, std::atomic<int> *queued,
                const std::atomic<bool> *release) {
  queued->fetch_add(1);
  SemaphorePermit permit = co_await semaphore->acquire_many(count);
  order->push_back(id);
  co_await yield_until([release] { return release->load(); });
}

struct Waiters {
  std::vector<int> order;
  std::atomic<int> queued{0};
  std::atomic<bool> release{true};
  std::vector<JoinHandle<void>> handles;
  int cancelled = 0;

  /// Spawns waiters with the given permit counts, one after the other, each
  /// queued before the next starts.
  Task<void> spawn_all(Semaphore &semaphore, std::vector<std::size_t> counts) {
    for (std::size_t i = 0; i < counts.size(); ++i) {
      handles.push_back(spawn(take(&semaphore, counts[i], static_cast<int>(i),
                                   &order, &queued, &release)));
      const int expected = static_cast<int>(i) + 1;
      co_await yield_until(
          [this, expected] { return queued.load() == expected; });
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

Task<std::vector<int>> fifo_with_a_large_request() {
  Semaphore semaphore(0);
  Waiters waiters;
  waiters.release.store(false);
  co_await waiters.spawn_all(semaphore, {1, 3, 1});
  semaphore.add_permits(2);
  co_await yield_now();
  // The first waiter got its permit; the second needs 3 and holds back the
  // third although one permit is free.
  const bool held_back = waiters.order == std::vector<int>{0} &&
                         semaphore.available_permits() == 1;
  waiters.release.store(true);
  semaphore.add_permits(3);
  co_await waiters.join_all();
  if (!held_back || semaphore.available_permits() != 5)
    co_return {};
  co_return waiters.order;
}

TEST_P(SemaphoreTest, WaitersAreServedInStrictFifoOrder) {
  EXPECT_EQ(runtime_.block_on(fifo_with_a_large_request()),
            (std::vector<int>{0, 1, 2}));
}

Task<bool> abort_middle_waiter() {
  Semaphore semaphore(1);
  std::optional<SemaphorePermit> held = semaphore.try_acquire();
  Waiters waiters;
  co_await waiters.spawn_all(semaphore, {1, 1, 1});
  waiters.handles[1].abort();
  co_await yield_now();
  held.reset();
  co_await waiters.join_all();
  co_return waiters.order == std::vector<int>{0, 2} &&
      semaphore.available_permits() == 1;
}

TEST_P(SemaphoreTest, AnAbortedWaiterInTheMiddleLeavesTheQueue) {
  EXPECT_TRUE(runtime_.block_on(abort_middle_waiter()));
}

Task<bool> abort_blocking_front_waiter() {
  Semaphore semaphore(0);
  Waiters waiters;
  co_await waiters.spawn_all(semaphore, {2, 1});
  semaphore.add_permits(1);
  co_await yield_now();
  const bool both_wait = waiters.order.empty();
  // The front waiter leaves: the permit it held back goes to the next one.
  waiters.handles[0].abort();
  co_await waiters.join_all();
  co_return both_wait && waiters.order == std::vector<int>{1} &&
      semaphore.available_permits() == 1;
}

TEST_P(SemaphoreTest, AbortingTheFrontWaiterLetsTheNextOnesGo) {
  EXPECT_TRUE(runtime_.block_on(abort_blocking_front_waiter()));
}

Task<bool> abort_after_grant() {
  Semaphore semaphore(1);
  std::optional<SemaphorePermit> held = semaphore.try_acquire();
  Waiters waiters;
  co_await waiters.spawn_all(semaphore, {1, 1});
  // Hands the permit to waiter 0, then aborts it before it can run: the
  // permit must reach waiter 1 rather than vanish.
  held.reset();
  waiters.handles[0].abort();
  co_await waiters.join_all();
  co_return waiters.order == std::vector<int>{1} &&
      semaphore.available_permits() == 1;
}

TEST(Semaphore, AWaiterAbortedAfterBeingGrantedGivesThePermitsBack) {
  // Deterministic only where the releasing task keeps the thread.
  Runtime rt = Runtime::Builder::current_thread().build();
  EXPECT_TRUE(rt.block_on(abort_after_grant()));
}

Task<int> close_wakes_waiters() {
  Semaphore semaphore(0);
  int errors = 0;
  auto wait = [](Semaphore *sem, int *count) -> Task<void> {
    try {
      SemaphorePermit permit = co_await sem->acquire();
    } catch (const AcquireError &) {
      ++*count;
    }
  };
  JoinHandle<void> first = spawn(wait(&semaphore, &errors));
  JoinHandle<void> second = spawn(wait(&semaphore, &errors));
  co_await yield_now();
  co_await yield_now();
  semaphore.close();
  co_await first;
  co_await second;
  semaphore.add_permits(1);
  if (semaphore.try_acquire() || !semaphore.is_closed())
    co_return -1;
  try {
    SemaphorePermit permit = co_await semaphore.acquire();
  } catch (const AcquireError &) {
    ++errors;
  }
  co_return errors;
}

TEST_P(SemaphoreTest, CloseFailsWaitingAndLaterAcquisitions) {
  EXPECT_EQ(runtime_.block_on(close_wakes_waiters()), 3);
}

Task<bool> owned_permit_moves_into_a_task() {
  auto semaphore = std::make_shared<Semaphore>(1);
  std::weak_ptr<Semaphore> weak = semaphore;
  OwnedSemaphorePermit permit = co_await acquire_owned(semaphore);
  const bool taken = !try_acquire_owned(semaphore).has_value();
  semaphore.reset();
  JoinHandle<std::size_t> worker = spawn(
      [](OwnedSemaphorePermit held) -> Task<std::size_t> {
        co_await yield_now();
        co_return held.semaphore()->available_permits();
      }(std::move(permit)));
  const std::size_t inside = co_await worker;
  co_return taken && inside == 0 && weak.expired();
}

TEST_P(SemaphoreTest, OwnedPermitsKeepTheSemaphoreAlive) {
  EXPECT_TRUE(runtime_.block_on(owned_permit_moves_into_a_task()));
}

Task<bool> timed_out_acquire_takes_nothing() {
  Semaphore semaphore(1);
  std::optional<SemaphorePermit> held = semaphore.try_acquire();
  TimeoutResult<SemaphorePermit> late =
      co_await timeout(10ms, semaphore.acquire());
  held.reset();
  co_return late.timed_out() && semaphore.available_permits() == 1;
}

TEST_P(SemaphoreTest, ATimedOutAcquireLeavesTheQueue) {
  EXPECT_TRUE(runtime_.block_on(timed_out_acquire_takes_nothing()));
}

} // namespace
} // namespace corolint::rt
