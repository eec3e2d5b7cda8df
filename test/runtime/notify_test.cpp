#include "corolint/rt/notify.h"

#include "corolint/rt/cancelled.h"
#include "corolint/rt/join_handle.h"
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
#include <cstddef>
#include <thread>
#include <utility>
#include <vector>

namespace corolint::rt {
namespace {

using namespace std::chrono_literals;
using testing::Flavor;
using testing::yield_until;

class NotifyTest : public ::testing::TestWithParam<Flavor> {
protected:
  Runtime runtime_ = testing::build_runtime(GetParam());
};

INSTANTIATE_TEST_SUITE_P(
    AllFlavors, NotifyTest, ::testing::ValuesIn(testing::all_flavors()),
    [](const auto &info) { return testing::flavor_name(info.param); });

class NotifyOrderTest : public NotifyTest {};

INSTANTIATE_TEST_SUITE_P(
    Sequential, NotifyOrderTest,
    ::testing::Values(Flavor::current_thread, Flavor::one_worker),
    [](const auto &info) { return testing::flavor_name(info.param); });

Task<bool> stores_one_permit() {
  Notify notify;
  notify.notify_one();
  notify.notify_one();
  co_await notify.notified(); // takes the stored permit
  TimeoutResult<void> second = co_await timeout(10ms, notify.notified());
  co_return second.timed_out();
}

TEST_P(NotifyTest, NotifyOneWithoutWaiterStoresASinglePermit) {
  EXPECT_TRUE(runtime_.block_on(stores_one_permit()));
}

struct Waiters {
  Notify notify;
  std::vector<int> woken;
  std::atomic<int> queued{0};
  std::vector<JoinHandle<void>> handles;
  int cancelled = 0;

  static Task<void> wait(Waiters *self, int id) {
    self->queued.fetch_add(1);
    co_await self->notify.notified();
    self->woken.push_back(id);
  }

  Task<void> spawn_queued(int count) {
    for (int id = 0; id < count; ++id) {
      handles.push_back(spawn(wait(this, id)));
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

Task<std::vector<int>> notify_one_in_order() {
  Waiters waiters;
  co_await waiters.spawn_queued(3);
  waiters.handles[1].abort();
  co_await yield_now();
  for (int i = 0; i < 2; ++i) {
    waiters.notify.notify_one();
    co_await yield_until([&waiters, i] {
      return waiters.woken.size() == static_cast<std::size_t>(i) + 1;
    });
  }
  co_await waiters.join_all();
  co_return waiters.woken;
}

TEST_P(NotifyOrderTest, NotifyOneWakesTheLongestWaiting) {
  EXPECT_EQ(runtime_.block_on(notify_one_in_order()), (std::vector<int>{0, 2}));
}

Task<bool> notify_waiters_wakes_all() {
  Waiters waiters;
  co_await waiters.spawn_queued(4);
  Notify::Notified early = waiters.notify.notified();
  waiters.notify.notify_waiters();
  co_await waiters.join_all();
  // A Notified created before the call is notified too; no permit is left.
  co_await early;
  TimeoutResult<void> later = co_await timeout(10ms, waiters.notify.notified());
  co_return waiters.woken.size() == 4 && later.timed_out();
}

TEST_P(NotifyOrderTest, NotifyWaitersWakesEveryWaiter) {
  EXPECT_TRUE(runtime_.block_on(notify_waiters_wakes_all()));
}

Task<std::vector<int>> picked_waiter_aborted() {
  Waiters waiters;
  co_await waiters.spawn_queued(2);
  // Waiter 0 is picked, then aborted before it resumes: waiter 1 gets the
  // notification instead.
  waiters.notify.notify_one();
  waiters.handles[0].abort();
  co_await waiters.join_all();
  co_return waiters.woken;
}

TEST(Notify, APickedWaiterThatIsAbortedPassesTheNotificationOn) {
  Runtime rt = Runtime::Builder::current_thread().build();
  EXPECT_EQ(rt.block_on(picked_waiter_aborted()), (std::vector<int>{1}));
}

Task<int> count_notifications(Notify *notify, std::atomic<bool> *stop) {
  co_await notify->notified();
  int count = 1;
  while (!stop->load()) {
    TimeoutResult<void> got = co_await timeout(5ms, notify->notified());
    if (got)
      ++count;
  }
  co_return count;
}

TEST_P(NotifyTest, NotifyOneFromAnotherThread) {
  Notify notify;
  std::atomic<bool> stop{false};
  JoinHandle<int> counter = runtime_.spawn(count_notifications(&notify, &stop));
  std::thread notifier([&] {
    for (int i = 0; i < 20; ++i) {
      notify.notify_one();
      std::this_thread::sleep_for(1ms);
    }
    stop.store(true);
  });
  notifier.join();
  const int count = runtime_.block_on(
      [](JoinHandle<int> handle) -> Task<int> { co_return co_await handle; }(
          std::move(counter)));
  EXPECT_GT(count, 0);
  EXPECT_LE(count, 20);
}

// --- a Notified lvalue awaited again after losing a select ---

Task<bool> notified_reused_across_selects() {
  Notify notify;
  std::vector<std::size_t> winners;
  {
    Notify::Notified notified = notify.notified();
    for (int i = 0; i < 3; ++i)
      winners.push_back((co_await select_biased(notified, yield_now())).index());
    notify.notify_one();
    winners.push_back((co_await select(notified, sleep(10s))).index());
  }
  // The one notification was taken: nothing is left over.
  const TimeoutResult<void> next = co_await timeout(10ms, notify.notified());
  co_return winners == std::vector<std::size_t>{1, 1, 1, 0} &&
      next.timed_out();
}

TEST_P(NotifyTest, ANotifiedLvalueCanBeAwaitedAgainAfterLosingASelect) {
  EXPECT_TRUE(runtime_.block_on(notified_reused_across_selects()));
}

Task<bool> notified_dropped_after_losing(Notify *notify) {
  {
    Notify::Notified notified = notify->notified();
    for (int i = 0; i < 3; ++i)
      (void)co_await select_biased(notified, yield_now());
  }
  // The dropped waiter left the queue: this one is the only one.
  Notify::Notified second = notify->notified();
  auto winner = co_await select_biased(second, yield_now());
  notify->notify_one();
  co_await second;
  co_return winner.index() == 1;
}

TEST_P(NotifyTest, ANotifiedLvalueDroppedAfterLosingSelectsLeavesTheQueue) {
  Notify notify;
  EXPECT_TRUE(runtime_.block_on(notified_dropped_after_losing(&notify)));
}

Task<void> notify_one_now(Notify *notify) {
  notify->notify_one();
  co_return;
}

// The notification arrives during the select, but the other branch wins.
Task<bool> notified_picked_while_losing() {
  Notify notify;
  Notify::Notified notified = notify.notified();
  auto first = co_await select_biased(notified, notify_one_now(&notify));
  auto second = co_await select(notified, sleep(1s));
  co_return first.index() == 1 && second.index() == 0;
}

TEST_P(NotifyTest, ANotifiedLvaluePickedWhileLosingASelectKeepsTheNotification) {
  EXPECT_TRUE(runtime_.block_on(notified_picked_while_losing()));
}

Task<bool> notified_moved_after_losing() {
  Notify notify;
  Notify::Notified first = notify.notified();
  auto lost = co_await select_biased(first, yield_now());
  Notify::Notified second = std::move(first);
  notify.notify_one();
  auto won = co_await select(second, sleep(1s));
  co_return lost.index() == 1 && won.index() == 0;
}

TEST_P(NotifyTest, ANotifiedMovedAfterLosingASelectTakesItsPlace) {
  EXPECT_TRUE(runtime_.block_on(notified_moved_after_losing()));
}

} // namespace
} // namespace corolint::rt
