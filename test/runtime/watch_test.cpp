#include "corolint/rt/watch.h"

#include "corolint/rt/cancelled.h"
#include "corolint/rt/join_handle.h"
#include "corolint/rt/runtime.h"
#include "corolint/rt/spawn.h"
#include "corolint/rt/yield_now.h"
#include "channel_test_support.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <utility>
#include <vector>

namespace corolint::rt {
namespace {

using testing::require_sent;
using testing::Flavor;
using testing::yield_until;

class WatchTest : public ::testing::TestWithParam<Flavor> {
protected:
  Runtime runtime_ = testing::build_runtime(GetParam());
};

INSTANTIATE_TEST_SUITE_P(
    AllFlavors, WatchTest, ::testing::ValuesIn(testing::all_flavors()),
    [](const auto &info) { return testing::flavor_name(info.param); });

TEST(Watch, BorrowSeesTheLatestValue) {
  auto [tx, rx] = watch::channel<std::string>("initial");
  EXPECT_EQ(*rx.borrow(), "initial");
  EXPECT_FALSE(rx.has_changed());
  EXPECT_TRUE(tx.send("second"));
  EXPECT_TRUE(rx.has_changed());
  EXPECT_TRUE(rx.borrow().has_changed());
  {
    const watch::Ref<std::string> seen = rx.borrow_and_update();
    EXPECT_EQ(*seen, "second");
    EXPECT_EQ(seen->size(), 6U);
    EXPECT_TRUE(seen.has_changed());
  }
  EXPECT_FALSE(rx.has_changed());
  EXPECT_EQ(*tx.borrow(), "second");
}

TEST(Watch, SendFailsOnceEveryReceiverIsGone) {
  auto [tx, rx] = watch::channel<int>(1);
  {
    watch::Receiver<int> clone = rx;
    EXPECT_EQ(tx.receiver_count(), 2U);
    { watch::Receiver<int> dropped = std::move(rx); }
    EXPECT_FALSE(tx.is_closed());
    EXPECT_TRUE(tx.send(2));
    EXPECT_EQ(*clone.borrow(), 2);
  }
  EXPECT_TRUE(tx.is_closed());
  SendResult<int> refused = tx.send(3);
  EXPECT_TRUE(refused.is_closed());
  EXPECT_EQ(refused.take_value(), 3);
  EXPECT_EQ(*tx.borrow(), 2);
  // send_replace stores regardless.
  EXPECT_EQ(tx.send_replace(4), 2);
  EXPECT_EQ(*tx.borrow(), 4);
  watch::Receiver<int> late = tx.subscribe();
  EXPECT_FALSE(late.has_changed());
  EXPECT_EQ(*late.borrow(), 4);
}

TEST(Watch, SendIfModifiedNotifiesOnlyWhenAsked) {
  auto [tx, rx] = watch::channel<int>(1);
  tx.send_if_modified([](int &value) {
    value = 1;
    return false;
  });
  EXPECT_FALSE(rx.has_changed());
  tx.send_if_modified([](int &value) {
    value = 5;
    return true;
  });
  EXPECT_TRUE(rx.has_changed());
  EXPECT_EQ(*rx.borrow(), 5);
}

Task<void> publish(watch::Sender<int> tx, int last) {
  for (int i = 1; i <= last; ++i) {
    require_sent(tx.send(i));
    co_await yield_now();
  }
}

Task<std::vector<int>> follow(watch::Receiver<int> rx) {
  std::vector<int> seen;
  while (co_await rx.changed())
    seen.push_back(*rx.borrow_and_update());
  co_return seen;
}

Task<bool> follow_until_sender_gone() {
  auto [tx, rx] = watch::channel<int>(0);
  JoinHandle<std::vector<int>> first = spawn(follow(rx));
  JoinHandle<std::vector<int>> second = spawn(follow(std::move(rx)));
  JoinHandle<void> publisher = spawn(publish(std::move(tx), 100));
  co_await publisher;
  const std::vector<int> a = co_await first;
  const std::vector<int> b = co_await second;
  // Values may be skipped, but what is seen increases and ends at the last.
  const auto increasing_to_last = [](const std::vector<int> &seen) {
    for (std::size_t i = 1; i < seen.size(); ++i)
      if (seen[i] <= seen[i - 1])
        return false;
    return !seen.empty() && seen.back() == 100;
  };
  co_return increasing_to_last(a) && increasing_to_last(b);
}

TEST_P(WatchTest, ReceiversFollowChangesUntilTheSenderIsGone) {
  EXPECT_TRUE(runtime_.block_on(follow_until_sender_gone()));
}

Task<bool> final_value_then_end() {
  auto [tx, rx] = watch::channel<int>(0);
  (void)tx.send(9);
  { watch::Sender<int> dropped = std::move(tx); }
  const bool first = co_await rx.changed();
  const int value = *rx.borrow();
  const bool second = co_await rx.changed();
  co_return first && value == 9 && !second;
}

TEST_P(WatchTest, AnUnseenValueIsReportedBeforeTheEnd) {
  EXPECT_TRUE(runtime_.block_on(final_value_then_end()));
}

Task<void> wait_changed(watch::Receiver<int> *rx, std::atomic<int> *started,
                        std::atomic<bool> *done) {
  started->fetch_add(1);
  (void)co_await rx->changed();
  done->store(true);
}

Task<bool> abort_a_waiting_changed() {
  auto [tx, rx] = watch::channel<int>(0);
  std::atomic<int> started{0};
  std::atomic<bool> done{false};
  JoinHandle<void> waiter = spawn(wait_changed(&rx, &started, &done));
  co_await yield_until([&] { return started.load() == 1; });
  for (int i = 0; i < 10; ++i)
    co_await yield_now();
  waiter.abort();
    (void)co_await testing::was_cancelled(waiter);
  (void)tx.send(1);
  // The aborted wait marked nothing seen.
  co_return !done.load() && rx.has_changed() && (co_await rx.changed());
}

TEST_P(WatchTest, AnAbortedChangedMarksNothingSeen) {
  EXPECT_TRUE(runtime_.block_on(abort_a_waiting_changed()));
}

} // namespace
} // namespace corolint::rt
