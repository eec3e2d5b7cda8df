#include "corolint/rt/mpsc.h"

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
#include <vector>

namespace corolint::rt {
namespace {

using testing::require_sent;
using testing::Flavor;
using testing::yield_until;

class MpscTest : public ::testing::TestWithParam<Flavor> {
protected:
  Runtime runtime_ = testing::build_runtime(GetParam());
};

INSTANTIATE_TEST_SUITE_P(
    AllFlavors, MpscTest, ::testing::ValuesIn(testing::all_flavors()),
    [](const auto &info) { return testing::flavor_name(info.param); });

TEST(Mpsc, ACapacityOfZeroIsRejected) {
  EXPECT_THROW((void)mpsc::channel<int>(0), std::invalid_argument);
}

TEST(Mpsc, TrySendTellsFullFromClosedAndGivesTheValueBack) {
  auto [tx, rx] = mpsc::channel<std::string>(1);
  EXPECT_TRUE(tx.try_send("first"));
  TrySendResult<std::string> full = tx.try_send("second");
  EXPECT_FALSE(full);
  EXPECT_TRUE(full.is_full());
  EXPECT_FALSE(full.is_closed());
  EXPECT_THROW(full.unwrap(), TrySendError);
  EXPECT_EQ(full.take_value(), "second");
  EXPECT_THROW((void)full.take_value(), std::logic_error);

  rx.close();
  TrySendResult<std::string> closed = tx.try_send("third");
  EXPECT_TRUE(closed.is_closed());
  EXPECT_FALSE(closed.is_full());
  EXPECT_EQ(closed.take_value(), "third");
  try {
    closed.unwrap();
    ADD_FAILURE() << "unwrap did not throw";
  } catch (const TrySendError &error) {
    EXPECT_TRUE(error.is_closed());
  }
  // What was buffered before close() is still received.
  EXPECT_EQ(rx.try_recv(), "first");
  EXPECT_EQ(rx.try_recv(), std::nullopt);
  EXPECT_TRUE(rx.is_closed());
}

TEST(Mpsc, ASuccessfulSendResultHasNoValue) {
  auto [tx, rx] = mpsc::channel<int>(1);
  TrySendResult<int> sent = tx.try_send(1);
  EXPECT_TRUE(sent);
  EXPECT_NO_THROW(sent.unwrap());
  EXPECT_THROW((void)sent.take_value(), std::logic_error);
}

Task<std::vector<int>> send_then_receive(int count) {
  auto [tx, rx] = mpsc::channel<int>(4);
  std::vector<int> received;
  received.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    // Alternate so that the buffer never fills.
    require_sent(co_await tx.send(i));
    received.push_back((co_await rx.recv()).value_or(-1));
  }
  co_return received;
}

TEST_P(MpscTest, ValuesArriveInOrder) {
  const std::vector<int> received = runtime_.block_on(send_then_receive(5));
  EXPECT_EQ(received, (std::vector<int>{0, 1, 2, 3, 4}));
}

Task<void> send_after_a_yield(mpsc::Sender<int> tx, int value) {
  co_await yield_now();
  require_sent(tx.try_send(value));
}

// A recv() awaiter awaited again, as a select awaits its branches in
// place, must not hand out the value it took the first time.
Task<std::vector<int>> await_one_recv_twice() {
  auto [tx, rx] = mpsc::channel<int>(4);
  auto receive = rx.recv();
  require_sent(tx.try_send(1));
  std::vector<int> received{(co_await receive).value_or(-1)};
  JoinHandle<void> later = spawn(send_after_a_yield(tx, 2));
  received.push_back((co_await receive).value_or(-1));
  co_await later;
  co_return received;
}

TEST_P(MpscTest, ARecvAwaitedTwiceYieldsTwoValues) {
  EXPECT_EQ(runtime_.block_on(await_one_recv_twice()),
            (std::vector<int>{1, 2}));
}

Task<void> produce(mpsc::Sender<int> tx, int first, int count) {
  for (int i = first; i < first + count; ++i)
    require_sent(co_await tx.send(i));
}

Task<std::vector<int>> produce_into_small_buffer(int count) {
  auto [tx, rx] = mpsc::channel<int>(1);
  JoinHandle<void> producer = spawn(produce(std::move(tx), 0, count));
  std::vector<int> received;
  received.reserve(static_cast<std::size_t>(count));
  while (std::optional<int> value = co_await rx.recv())
    received.push_back(*value);
  co_await producer;
  co_return received;
}

TEST_P(MpscTest, ASenderWaitsWhileFullAndTheReceiverEndsWithTheLastSender) {
  const std::vector<int> received =
      runtime_.block_on(produce_into_small_buffer(50));
  ASSERT_EQ(received.size(), 50U);
  for (int i = 0; i < 50; ++i)
    EXPECT_EQ(received[static_cast<std::size_t>(i)], i);
}

Task<int> count_until_all_senders_gone() {
  auto [tx, rx] = mpsc::channel<int>(8);
  mpsc::Sender<int> clone = tx;
  mpsc::Sender<int> assigned = clone;
  JoinHandle<void> first = spawn(produce(std::move(tx), 0, 10));
  JoinHandle<void> second = spawn(produce(std::move(clone), 10, 10));
  JoinHandle<void> third = spawn(produce(std::move(assigned), 20, 10));
  int count = 0;
  while (co_await rx.recv())
    ++count;
  co_await first;
  co_await second;
  co_await third;
  co_return count;
}

TEST_P(MpscTest, ClonedSendersKeepTheChannelOpen) {
  EXPECT_EQ(runtime_.block_on(count_until_all_senders_gone()), 30);
}

struct SendOutcome {
  bool sent = true;
  std::optional<std::string> returned;
};

Task<void> send_recording(mpsc::Sender<std::string> *tx, std::string value,
                          SendOutcome *outcome, std::atomic<int> *started) {
  started->fetch_add(1);
  SendResult<std::string> result = co_await tx->send(std::move(value));
  outcome->sent = static_cast<bool>(result);
  if (result.is_closed())
    outcome->returned = result.take_value();
}

Task<bool> close_while_a_sender_waits() {
  auto [tx, rx] = mpsc::channel<std::string>(1);
  require_sent(co_await tx.send("buffered"));
  SendOutcome outcome;
  std::atomic<int> started{0};
  JoinHandle<void> sender =
      spawn(send_recording(&tx, "waiting", &outcome, &started));
  co_await yield_until([&] { return started.load() == 1; });
  for (int i = 0; i < 10; ++i)
    co_await yield_now();
  rx.close();
  co_await sender;
  const std::optional<std::string> buffered = co_await rx.recv();
  const std::optional<std::string> end = co_await rx.recv();
  co_return !outcome.sent && outcome.returned == "waiting" &&
      buffered == "buffered" && !end && tx.is_closed();
}

TEST_P(MpscTest, CloseFailsAWaitingSenderAndGivesItsValueBack) {
  EXPECT_TRUE(runtime_.block_on(close_while_a_sender_waits()));
}

Task<bool> drop_receiver_while_senders_wait() {
  auto [tx, rx] = mpsc::channel<std::string>(1);
  auto receiver = std::make_unique<mpsc::Receiver<std::string>>(std::move(rx));
  require_sent(co_await tx.send("buffered"));
  std::vector<SendOutcome> outcomes(3);
  std::atomic<int> started{0};
  std::vector<JoinHandle<void>> senders;
  senders.reserve(outcomes.size());
  for (std::size_t i = 0; i < outcomes.size(); ++i)
    senders.push_back(spawn(send_recording(&tx, "value" + std::to_string(i),
                                           &outcomes[i], &started)));
  co_await yield_until([&] { return started.load() == 3; });
  for (int i = 0; i < 10; ++i)
    co_await yield_now();
  receiver.reset();
  for (JoinHandle<void> &sender : senders)
    co_await sender;
  bool all_returned = true;
  for (std::size_t i = 0; i < outcomes.size(); ++i)
    all_returned = all_returned && !outcomes[i].sent &&
                   outcomes[i].returned == "value" + std::to_string(i);
  const SendResult<std::string> later = co_await tx.send("later");
  co_return all_returned && later.is_closed();
}

TEST_P(MpscTest, DroppingTheReceiverFailsEveryWaitingSender) {
  EXPECT_TRUE(runtime_.block_on(drop_receiver_while_senders_wait()));
}

Task<void> receive_into(mpsc::Receiver<int> *rx, std::optional<int> *out,
                        std::atomic<bool> *done) {
  *out = co_await rx->recv();
  done->store(true);
}

Task<bool> drop_last_sender_while_receiver_waits() {
  auto [tx, rx] = mpsc::channel<int>(1);
  auto sender = std::make_unique<mpsc::Sender<int>>(std::move(tx));
  std::optional<int> received = 7;
  std::atomic<bool> done{false};
  JoinHandle<void> receiver = spawn(receive_into(&rx, &received, &done));
  for (int i = 0; i < 10; ++i)
    co_await yield_now();
  const bool waited = !done.load();
  sender.reset();
  co_await receiver;
  co_return waited && !received.has_value() && rx.is_closed();
}

TEST_P(MpscTest, DroppingTheLastSenderEndsAWaitingReceive) {
  EXPECT_TRUE(runtime_.block_on(drop_last_sender_while_receiver_waits()));
}

Task<void> send_forever_blocked(mpsc::Sender<int> *tx, int value,
                                std::atomic<int> *started) {
  started->fetch_add(1);
  (void)co_await tx->send(value);
}

Task<std::vector<int>> abort_a_waiting_sender() {
  auto [tx, rx] = mpsc::channel<int>(1);
  require_sent(co_await tx.send(0));
  std::atomic<int> started{0};
  JoinHandle<void> aborted = spawn(send_forever_blocked(&tx, 1, &started));
  co_await yield_until([&] { return started.load() == 1; });
  for (int i = 0; i < 10; ++i)
    co_await yield_now();
  JoinHandle<void> waiting = spawn(send_forever_blocked(&tx, 2, &started));
  co_await yield_until([&] { return started.load() == 2; });
  for (int i = 0; i < 10; ++i)
    co_await yield_now();
  aborted.abort();
    (void)co_await testing::was_cancelled(aborted);
  std::vector<int> received;
  received.push_back((co_await rx.recv()).value_or(-1));
  received.push_back((co_await rx.recv()).value_or(-1));
  co_await waiting;
  if (std::optional<int> extra = rx.try_recv())
    received.push_back(*extra);
  co_return received;
}

TEST_P(MpscTest, AnAbortedWaitingSendDoesNotEnqueue) {
  EXPECT_EQ(runtime_.block_on(abort_a_waiting_sender()),
            (std::vector<int>{0, 2}));
}

// On a current-thread runtime the test controls exactly when each task
// runs, so the slot freed by recv() is granted to a sender that is then
// aborted before it can use it.
Task<std::vector<int>> abort_a_sender_granted_a_slot() {
  auto [tx, rx] = mpsc::channel<int>(1);
  require_sent(co_await tx.send(0));
  std::atomic<int> started{0};
  JoinHandle<void> granted = spawn(send_forever_blocked(&tx, 1, &started));
  JoinHandle<void> next = spawn(send_forever_blocked(&tx, 2, &started));
  co_await yield_until([&] { return started.load() == 2; });
  co_await yield_now();
  std::vector<int> received;
  received.push_back(rx.try_recv().value_or(-1)); // grants the slot to `granted`
  granted.abort();                    // before it runs again
    (void)co_await testing::was_cancelled(granted);
  received.push_back((co_await rx.recv()).value_or(-1)); // the slot went on to `next`
  co_await next;
  if (std::optional<int> extra = rx.try_recv())
    received.push_back(*extra);
  co_return received;
}

TEST(Mpsc, ASlotGrantedToAnAbortedSenderPassesToTheNext) {
  Runtime rt = Runtime::Builder::current_thread().build();
  EXPECT_EQ(rt.block_on(abort_a_sender_granted_a_slot()),
            (std::vector<int>{0, 2}));
}

// The receiving task is woken by a send and aborted before it runs: the
// value must still be in the channel.
Task<bool> abort_a_woken_receiver() {
  auto [tx, rx] = mpsc::channel<int>(1);
  std::optional<int> received;
  std::atomic<bool> done{false};
  JoinHandle<void> receiver = spawn(receive_into(&rx, &received, &done));
  co_await yield_now();
  co_await yield_now();
  require_sent(co_await tx.send(42)); // wakes the receiver
  receiver.abort();                // before it runs
    (void)co_await testing::was_cancelled(receiver);
  co_return !done.load() && rx.try_recv() == 42;
}

TEST(Mpsc, AReceiverAbortedAfterItsWakeUpLosesNoValue) {
  Runtime rt = Runtime::Builder::current_thread().build();
  EXPECT_TRUE(rt.block_on(abort_a_woken_receiver()));
}

Task<bool> abort_a_waiting_receiver() {
  auto [tx, rx] = mpsc::channel<int>(1);
  std::optional<int> received;
  std::atomic<bool> done{false};
  JoinHandle<void> receiver = spawn(receive_into(&rx, &received, &done));
  for (int i = 0; i < 10; ++i)
    co_await yield_now();
  receiver.abort();
    (void)co_await testing::was_cancelled(receiver);
  require_sent(co_await tx.send(5));
  co_return !done.load() && (co_await rx.recv()) == 5;
}

TEST_P(MpscTest, AnAbortedReceiveLeavesLaterValuesToTheNextOne) {
  EXPECT_TRUE(runtime_.block_on(abort_a_waiting_receiver()));
}

Task<bool> send_to_a_dropped_receiver() {
  auto [tx, rx] = mpsc::channel<int>(1);
  { mpsc::Receiver<int> dropped = std::move(rx); }
  SendResult<int> result = co_await tx.send(9);
  if (result)
    co_return false;
  bool threw = false;
  try {
    result.unwrap();
  } catch (const SendError &) {
    threw = true;
  }
  co_return result.is_closed() && threw && result.take_value() == 9;
}

TEST_P(MpscTest, SendToADroppedReceiverFailsWithTheValueBack) {
  EXPECT_TRUE(runtime_.block_on(send_to_a_dropped_receiver()));
}

TEST(MpscUnbounded, SendNeverWaitsAndFailsOnceTheReceiverIsGone) {
  // NOLINTNEXTLINE(coro-unbounded-channel): the unbounded channel under test
  // NOLINTNEXTLINE(coro-unbounded-channel): the unbounded channel under test
  auto [tx, rx] = mpsc::unbounded_channel<int>();
  for (int i = 0; i < 1000; ++i)
    ASSERT_TRUE(tx.send(i));
  for (int i = 0; i < 1000; ++i)
    ASSERT_EQ(rx.try_recv(), i);
  EXPECT_EQ(rx.try_recv(), std::nullopt);
  EXPECT_FALSE(rx.is_closed());
  rx.close();
  EXPECT_TRUE(tx.is_closed());
  SendResult<int> refused = tx.send(5);
  EXPECT_TRUE(refused.is_closed());
  EXPECT_EQ(refused.take_value(), 5);
}

Task<int> unbounded_until_senders_gone() {
  // NOLINTNEXTLINE(coro-unbounded-channel): the unbounded channel under test
  // NOLINTNEXTLINE(coro-unbounded-channel): the unbounded channel under test
  auto [tx, rx] = mpsc::unbounded_channel<int>();
  {
    mpsc::UnboundedSender<int> clone = tx;
    (void)clone.send(1);
  }
  (void)tx.send(2);
  { mpsc::UnboundedSender<int> last = std::move(tx); }
  int sum = 0;
  while (std::optional<int> value = co_await rx.recv())
    sum += *value;
  co_return sum;
}

TEST_P(MpscTest, UnboundedReceiverEndsWithTheLastSender) {
  EXPECT_EQ(runtime_.block_on(unbounded_until_senders_gone()), 3);
}

TEST(Mpsc, DroppingTheReceiverDestroysBufferedValues) {
  std::atomic<int> live{0};
  auto [tx, rx] = mpsc::channel<testing::MoveOnlyCounter>(4);
  ASSERT_TRUE(tx.try_send(testing::MoveOnlyCounter(live)));
  ASSERT_TRUE(tx.try_send(testing::MoveOnlyCounter(live)));
  EXPECT_EQ(live.load(), 2);
  { mpsc::Receiver<testing::MoveOnlyCounter> dropped = std::move(rx); }
  EXPECT_EQ(live.load(), 0);
}

} // namespace
} // namespace corolint::rt
