#include "corolint/rt/oneshot.h"

#include "corolint/rt/cancelled.h"
#include "corolint/rt/join_handle.h"
#include "corolint/rt/runtime.h"
#include "corolint/rt/spawn.h"
#include "corolint/rt/yield_now.h"
#include "channel_test_support.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

namespace corolint::rt {
namespace {

using testing::require_sent;
using testing::Flavor;

class OneshotTest : public ::testing::TestWithParam<Flavor> {
protected:
  Runtime runtime_ = testing::build_runtime(GetParam());
};

INSTANTIATE_TEST_SUITE_P(
    AllFlavors, OneshotTest, ::testing::ValuesIn(testing::all_flavors()),
    [](const auto &info) { return testing::flavor_name(info.param); });

Task<void> reply_later(oneshot::Sender<std::string> tx, std::string value) {
  for (int i = 0; i < 3; ++i)
    co_await yield_now();
  require_sent(tx.send(std::move(value)));
}

Task<std::string> await_reply() {
  auto [tx, rx] = oneshot::channel<std::string>();
  JoinHandle<void> replier = spawn(reply_later(std::move(tx), "pong"));
  std::string reply = co_await rx;
  co_await replier;
  co_return reply;
}

TEST_P(OneshotTest, TheReceiverGetsTheValue) {
  EXPECT_EQ(runtime_.block_on(await_reply()), "pong");
}

Task<void> drop_after_yielding(oneshot::Sender<int> tx) {
  co_await yield_now();
  co_await yield_now();
  (void)tx.is_closed();
}

Task<bool> await_dropped_sender() {
  auto [tx, rx] = oneshot::channel<int>();
  JoinHandle<void> dropper = spawn(drop_after_yielding(std::move(tx)));
  bool threw = false;
  try {
    (void)co_await rx;
  } catch (const oneshot::RecvError &) {
    threw = true;
  }
  co_await dropper;
  co_return threw;
}

TEST_P(OneshotTest, ADroppedSenderFailsTheReceiverWithRecvError) {
  EXPECT_TRUE(runtime_.block_on(await_dropped_sender()));
}

TEST(Oneshot, SendingToADroppedReceiverGivesTheValueBack) {
  auto [tx, rx] = oneshot::channel<std::string>();
  EXPECT_FALSE(tx.is_closed());
  { oneshot::Receiver<std::string> dropped = std::move(rx); }
  EXPECT_TRUE(tx.is_closed());
  SendResult<std::string> result = tx.send("lost");
  EXPECT_TRUE(result.is_closed());
  EXPECT_THROW(result.unwrap(), SendError);
  EXPECT_EQ(result.take_value(), "lost");
}

TEST(Oneshot, SendUsesTheSenderUp) {
  auto [tx, rx] = oneshot::channel<int>();
  EXPECT_TRUE(tx.send(1));
  EXPECT_TRUE(tx.is_closed());
  EXPECT_THROW((void)tx.send(2), std::logic_error);
  EXPECT_EQ(rx.try_recv(), 1);
  EXPECT_EQ(rx.try_recv(), std::nullopt);
}

Task<bool> receive_twice() {
  auto [tx, rx] = oneshot::channel<int>();
  (void)tx.send(3);
  const int first = co_await rx;
  try {
    (void)co_await rx;
  } catch (const oneshot::RecvError &) {
    co_return first == 3;
  }
  co_return false;
}

TEST_P(OneshotTest, TheValueIsReceivedOnce) {
  EXPECT_TRUE(runtime_.block_on(receive_twice()));
}

Task<void> await_into(oneshot::Receiver<int> *rx, std::atomic<bool> *done) {
  (void)co_await *rx;
  done->store(true);
}

// Woken by the send, aborted before running: the value stays.
Task<bool> abort_a_woken_receiver() {
  auto [tx, rx] = oneshot::channel<int>();
  std::atomic<bool> done{false};
  JoinHandle<void> receiver = spawn(await_into(&rx, &done));
  co_await yield_now();
  co_await yield_now();
  (void)tx.send(8);
  receiver.abort();
    (void)co_await testing::was_cancelled(receiver);
  co_return !done.load() && (co_await rx) == 8;
}

TEST(Oneshot, AnAbortedReceiverLeavesTheValue) {
  Runtime rt = Runtime::Builder::current_thread().build();
  EXPECT_TRUE(rt.block_on(abort_a_woken_receiver()));
}

TEST(Oneshot, DroppingTheReceiverDestroysASentValue) {
  std::atomic<int> live{0};
  auto [tx, rx] = oneshot::channel<testing::MoveOnlyCounter>();
  (void)tx.send(testing::MoveOnlyCounter(live));
  EXPECT_EQ(live.load(), 1);
  { oneshot::Receiver<testing::MoveOnlyCounter> dropped = std::move(rx); }
  EXPECT_EQ(live.load(), 0);
}

} // namespace
} // namespace corolint::rt
