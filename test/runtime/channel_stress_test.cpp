// Many producers and one consumer on a four-worker runtime: every message
// arrives exactly once and in its producer's order, including when sends
// and receives are cancelled part-way.
#include "corolint/rt/cancelled.h"
#include "corolint/rt/join_handle.h"
#include "corolint/rt/mpsc.h"
#include "corolint/rt/runtime.h"
#include "corolint/rt/select.h"
#include "corolint/rt/spawn.h"
#include "corolint/rt/yield_now.h"
#include "channel_test_support.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace corolint::rt {
namespace {

using testing::require_sent;
using testing::yield_until;

constexpr int kProducers = 8;
constexpr int kMessages = 2000;

struct Message {
  int producer;
  int seq;
};

/// What the consumer saw: per producer, the next expected sequence number,
/// and whether anything arrived out of order or twice.
struct Tally {
  std::vector<int> next = std::vector<int>(kProducers, 0);
  bool in_order = true;

  void record(const Message &message) {
    int &expected = next[static_cast<std::size_t>(message.producer)];
    if (message.seq != expected)
      in_order = false;
    expected = message.seq + 1;
  }
};

template <class Receiver> Task<Tally> consume_all(Receiver rx) {
  Tally tally;
  while (std::optional<Message> message = co_await rx.recv())
    tally.record(*message);
  co_return tally;
}

Task<void> produce_bounded(mpsc::Sender<Message> tx, int producer) {
  for (int seq = 0; seq < kMessages; ++seq)
    require_sent(co_await tx.send(Message{producer, seq}));
}

Task<Tally> bounded_fan_in() {
  auto [tx, rx] = mpsc::channel<Message>(16);
  JoinHandle<Tally> consumer = spawn(consume_all(std::move(rx)));
  std::vector<JoinHandle<void>> producers;
  producers.reserve(kProducers);
  for (int p = 0; p < kProducers; ++p)
    producers.push_back(spawn(produce_bounded(tx, p)));
  { mpsc::Sender<Message> last = std::move(tx); }
  for (JoinHandle<void> &producer : producers)
    co_await producer;
  co_return co_await consumer;
}

TEST(ChannelStress, BoundedManyProducersLoseAndDuplicateNothing) {
  Runtime rt = testing::build_runtime(testing::Flavor::four_workers);
  const Tally tally = rt.block_on(bounded_fan_in());
  EXPECT_TRUE(tally.in_order);
  for (const int received : tally.next)
    EXPECT_EQ(received, kMessages);
}

Task<void> produce_unbounded(mpsc::UnboundedSender<Message> tx, int producer) {
  for (int seq = 0; seq < kMessages; ++seq) {
    require_sent(tx.send(Message{producer, seq}));
    if (seq % 64 == 0)
      co_await yield_now();
  }
}

Task<Tally> unbounded_fan_in() {
  // NOLINTNEXTLINE(coro-unbounded-channel): the unbounded channel under test
  auto [tx, rx] = mpsc::unbounded_channel<Message>();
  JoinHandle<Tally> consumer = spawn(consume_all(std::move(rx)));
  std::vector<JoinHandle<void>> producers;
  producers.reserve(kProducers);
  for (int p = 0; p < kProducers; ++p)
    producers.push_back(spawn(produce_unbounded(tx, p)));
  { mpsc::UnboundedSender<Message> last = std::move(tx); }
  for (JoinHandle<void> &producer : producers)
    co_await producer;
  co_return co_await consumer;
}

TEST(ChannelStress, UnboundedManyProducersLoseAndDuplicateNothing) {
  Runtime rt = testing::build_runtime(testing::Flavor::four_workers);
  const Tally tally = rt.block_on(unbounded_fan_in());
  EXPECT_TRUE(tally.in_order);
  for (const int received : tally.next)
    EXPECT_EQ(received, kMessages);
}

// Each send races a yield in a select; a send that loses is cancelled and
// retried with the same sequence number, so a cancelled send that still
// enqueued would show up as a duplicate.
Task<void> produce_through_select(mpsc::Sender<Message> tx, int producer) {
  int seq = 0;
  while (seq < kMessages) {
    auto winner = co_await select(tx.send(Message{producer, seq}), yield_now());
    if (winner.index() == 0) {
      require_sent(std::get<0>(winner));
      ++seq;
    }
  }
}

Task<Tally> select_fan_in() {
  auto [tx, rx] = mpsc::channel<Message>(4);
  JoinHandle<Tally> consumer = spawn(consume_all(std::move(rx)));
  std::vector<JoinHandle<void>> producers;
  producers.reserve(kProducers);
  for (int p = 0; p < kProducers; ++p)
    producers.push_back(spawn(produce_through_select(tx, p)));
  { mpsc::Sender<Message> last = std::move(tx); }
  for (JoinHandle<void> &producer : producers)
    co_await producer;
  co_return co_await consumer;
}

TEST(ChannelStress, SendsCancelledBySelectNeverEnqueue) {
  Runtime rt = testing::build_runtime(testing::Flavor::four_workers);
  const Tally tally = rt.block_on(select_fan_in());
  EXPECT_TRUE(tally.in_order);
  for (const int received : tally.next)
    EXPECT_EQ(received, kMessages);
}

// Producers send until they are aborted, counting the sends that completed;
// the consumer must receive exactly those.
Task<void> produce_until_aborted(mpsc::Sender<Message> tx, int producer,
                                 std::atomic<int> *completed) {
  for (int seq = 0;; ++seq) {
    require_sent(co_await tx.send(Message{producer, seq}));
    // No suspension between the send completing and the count: an abort
    // cannot fall in between.
    completed->store(seq + 1);
  }
}

Task<bool> abort_producers_midway() {
  auto [tx, rx] = mpsc::channel<Message>(2);
  JoinHandle<Tally> consumer = spawn(consume_all(std::move(rx)));
  auto completed = std::make_unique<std::atomic<int>[]>(kProducers);
  std::vector<JoinHandle<void>> producers;
  producers.reserve(kProducers);
  for (int p = 0; p < kProducers; ++p)
    producers.push_back(spawn(produce_until_aborted(
        tx, p, &completed[static_cast<std::size_t>(p)])));
  { mpsc::Sender<Message> last = std::move(tx); }
  for (int p = 0; p < kProducers; ++p) {
    std::atomic<int> &count = completed[static_cast<std::size_t>(p)];
    co_await yield_until([&count, p] { return count.load() > 100 * (p + 1); });
    producers[static_cast<std::size_t>(p)].abort();
  }
  for (JoinHandle<void> &producer : producers) {
        (void)co_await testing::was_cancelled(producer);
  }
  const Tally tally = co_await consumer;
  bool exact = tally.in_order;
  for (int p = 0; p < kProducers; ++p)
    exact = exact && tally.next[static_cast<std::size_t>(p)] ==
                         completed[static_cast<std::size_t>(p)].load();
  co_return exact;
}

TEST(ChannelStress, AbortedProducersDeliverExactlyTheirCompletedSends) {
  Runtime rt = testing::build_runtime(testing::Flavor::four_workers);
  EXPECT_TRUE(rt.block_on(abort_producers_midway()));
}

} // namespace
} // namespace corolint::rt
