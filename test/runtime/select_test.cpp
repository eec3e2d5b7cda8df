#include "corolint/rt/select.h"

#include "corolint/rt/cancelled.h"
#include "corolint/rt/join_handle.h"
#include "corolint/rt/mpsc.h"
#include "corolint/rt/oneshot.h"
#include "corolint/rt/runtime.h"
#include "corolint/rt/spawn.h"
#include "corolint/rt/yield_now.h"
#include "channel_test_support.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <atomic>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace corolint::rt {
namespace {

using testing::require_sent;
using testing::Flavor;
using testing::Gate;
using testing::SetOnDestruction;
using testing::yield_until;

class SelectTest : public ::testing::TestWithParam<Flavor> {
protected:
  Runtime runtime_ = testing::build_runtime(GetParam());
};

INSTANTIATE_TEST_SUITE_P(
    AllFlavors, SelectTest, ::testing::ValuesIn(testing::all_flavors()),
    [](const auto &info) { return testing::flavor_name(info.param); });

Task<int> ready(int value) { co_return value; }

Task<int> after_yields(int value, int yields) {
  for (int i = 0; i < yields; ++i)
    co_await yield_now();
  co_return value;
}

Task<int> wait_forever(Gate *never_opened, std::atomic<bool> *destroyed) {
  const SetOnDestruction guard(*destroyed);
  co_await never_opened->wait();
  co_return -1;
}

Task<bool> the_first_to_finish_wins() {
  Gate never_opened;
  std::atomic<bool> destroyed{false};
  auto winner =
      co_await select(wait_forever(&never_opened, &destroyed), after_yields(7, 3));
  // The loser's frame is gone before select returns.
  co_return winner.index() == 1 && std::get<1>(winner) == 7 && destroyed.load();
}

TEST_P(SelectTest, TheFirstToFinishWinsAndTheLoserIsDestroyed) {
  EXPECT_TRUE(runtime_.block_on(the_first_to_finish_wins()));
}

Task<bool> biased_prefers_the_first() {
  for (int i = 0; i < 50; ++i) {
    auto winner = co_await select_biased(ready(1), ready(2), ready(3));
    if (winner.index() != 0 || std::get<0>(winner) != 1)
      co_return false;
  }
  co_return true;
}

TEST_P(SelectTest, BiasedSelectPollsInOrder) {
  EXPECT_TRUE(runtime_.block_on(biased_prefers_the_first()));
}

Task<std::vector<int>> fair_select_counts() {
  std::vector<int> wins(3, 0);
  for (int i = 0; i < 300; ++i) {
    auto winner = co_await select(ready(0), ready(1), ready(2));
    ++wins[winner.index()];
  }
  co_return wins;
}

TEST_P(SelectTest, FairSelectStartsAtARandomBranch) {
  const std::vector<int> wins = runtime_.block_on(fair_select_counts());
  for (const int count : wins)
    EXPECT_GT(count, 30);
}

Task<int> throw_after_yield() {
  co_await yield_now();
  throw std::runtime_error("branch failed");
}

Task<bool> a_throwing_winner_rethrows() {
  Gate never_opened;
  std::atomic<bool> destroyed{false};
  try {
    (void)co_await select(wait_forever(&never_opened, &destroyed),
                          throw_after_yield());
  } catch (const std::runtime_error &error) {
    co_return std::string(error.what()) == "branch failed" && destroyed.load();
  }
  co_return false;
}

TEST_P(SelectTest, AnExceptionOfTheWinnerIsRethrownAfterCancellingTheRest) {
  EXPECT_TRUE(runtime_.block_on(a_throwing_winner_rethrows()));
}

Task<bool> a_losing_recv_takes_nothing() {
  auto [tx, rx] = mpsc::channel<int>(4);
  Gate gate;
  JoinHandle<void> opener = spawn([](Gate *g) -> Task<void> {
    for (int i = 0; i < 5; ++i)
      co_await yield_now();
    g->open();
  }(&gate));
  auto winner = co_await select(rx.recv(), gate.wait());
  co_await opener;
  require_sent(co_await tx.send(11));
  const std::optional<int> next = co_await rx.recv();
  co_return winner.index() == 1 && next == 11;
}

TEST_P(SelectTest, ALosingReceiveTakesNoValue) {
  EXPECT_TRUE(runtime_.block_on(a_losing_recv_takes_nothing()));
}

Task<bool> a_losing_send_sends_nothing() {
  auto [tx, rx] = mpsc::channel<int>(1);
  require_sent(co_await tx.send(1));
  auto winner = co_await select(tx.send(2), after_yields(0, 5));
  const std::optional<int> first = co_await rx.recv();
  // That made room, which the cancelled send must not have claimed.
  const TrySendResult<int> third = tx.try_send(3);
  const std::optional<int> second = co_await rx.recv();
  co_return winner.index() == 1 && static_cast<bool>(third) && first == 1 &&
      second == 3 && !rx.try_recv().has_value();
}

TEST_P(SelectTest, ALosingSendSendsNothing) {
  EXPECT_TRUE(runtime_.block_on(a_losing_send_sends_nothing()));
}

Task<int> wait_for_gate(Gate *gate) {
  co_await gate->wait();
  co_return 1;
}

Task<bool> select_over_handles_and_oneshots() {
  auto [tx, rx] = oneshot::channel<std::string>();
  Gate gate;
  JoinHandle<int> slow = spawn(wait_for_gate(&gate));
  JoinHandle<void> replier =
      spawn([](oneshot::Sender<std::string> sender) -> Task<void> {
        co_await yield_now();
        (void)sender.send("reply");
      }(std::move(tx)));
  Gate never_opened;
  auto winner = co_await select(slow, rx, wait_for_gate(&never_opened));
  co_await replier;
  gate.open();
  // The JoinHandle was awaited in place and can still be awaited.
  const int slow_result = co_await slow;
  co_return winner.index() == 1 && std::get<1>(winner) == "reply" &&
      slow_result == 1;
}

TEST_P(SelectTest, BranchesCanBeHandlesOneshotsAndTasks) {
  EXPECT_TRUE(runtime_.block_on(select_over_handles_and_oneshots()));
}

Task<bool> void_branches_yield_monostate() {
  Gate never_opened;
  auto winner = co_await select(never_opened.wait(), yield_now());
  static_assert(std::is_same_v<decltype(winner),
                               std::variant<std::monostate, std::monostate>>);
  co_return winner.index() == 1;
}

TEST_P(SelectTest, VoidBranchesYieldMonostate) {
  EXPECT_TRUE(runtime_.block_on(void_branches_yield_monostate()));
}

Task<int> nested_select() {
  Gate never_opened;
  std::atomic<bool> destroyed{false};
  auto inner = [](Gate *gate, std::atomic<bool> *flag) -> Task<int> {
    auto winner = co_await select(wait_forever(gate, flag), after_yields(5, 4));
    co_return std::get<1>(winner);
  };
  auto outer = co_await select(inner(&never_opened, &destroyed),
                               after_yields(9, 1000));
  co_return outer.index() == 0 && destroyed.load() ? std::get<0>(outer) : -1;
}

TEST_P(SelectTest, SelectsNest) {
  EXPECT_EQ(runtime_.block_on(nested_select()), 5);
}

Task<void> select_two_receivers(mpsc::Receiver<int> *a, mpsc::Receiver<int> *b,
                                std::atomic<int> *started,
                                std::atomic<bool> *destroyed) {
  const SetOnDestruction guard(*destroyed);
  started->fetch_add(1);
  (void)co_await select(a->recv(), b->recv());
}

Task<bool> abort_during_select() {
  auto [tx_a, rx_a] = mpsc::channel<int>(2);
  auto [tx_b, rx_b] = mpsc::channel<int>(2);
  std::atomic<int> started{0};
  std::atomic<bool> destroyed{false};
  JoinHandle<void> selecting =
      spawn(select_two_receivers(&rx_a, &rx_b, &started, &destroyed));
  co_await yield_until([&] { return started.load() == 1; });
  for (int i = 0; i < 10; ++i)
    co_await yield_now();
  selecting.abort();
    (void)co_await testing::was_cancelled(selecting);
  require_sent(co_await tx_a.send(1));
  require_sent(co_await tx_b.send(2));
  const std::optional<int> a = co_await rx_a.recv();
  const std::optional<int> b = co_await rx_b.recv();
  co_return destroyed.load() && a == 1 && b == 2;
}

TEST_P(SelectTest, AbortingATaskInSelectCancelsEveryBranch) {
  EXPECT_TRUE(runtime_.block_on(abort_during_select()));
}

// Woken by a send and aborted before running: nothing is lost.
Task<bool> abort_a_woken_select() {
  auto [tx_a, rx_a] = mpsc::channel<int>(2);
  auto [tx_b, rx_b] = mpsc::channel<int>(2);
  std::atomic<int> started{0};
  std::atomic<bool> destroyed{false};
  JoinHandle<void> selecting =
      spawn(select_two_receivers(&rx_a, &rx_b, &started, &destroyed));
  co_await yield_until([&] { return started.load() == 1; });
  co_await yield_now();
  require_sent(co_await tx_a.send(1));
  selecting.abort();
    (void)co_await testing::was_cancelled(selecting);
  co_return destroyed.load() && rx_a.try_recv() == 1;
}

TEST(Select, ATaskAbortedAfterABranchWokeLosesNoValue) {
  Runtime rt = Runtime::Builder::current_thread().build();
  EXPECT_TRUE(rt.block_on(abort_a_woken_select()));
}

Task<void> produce(mpsc::Sender<int> tx, int first, int count) {
  for (int i = first; i < first + count; ++i)
    require_sent(co_await tx.send(i));
}

// Two channels with several producers each, drained through select until
// both are finished: every value exactly once.
Task<std::vector<int>> drain_two_channels(int producers, int per_producer) {
  auto [tx_a, rx_a] = mpsc::channel<int>(4);
  auto [tx_b, rx_b] = mpsc::channel<int>(4);
  std::vector<JoinHandle<void>> handles;
  handles.reserve(2 * static_cast<std::size_t>(producers));
  for (int p = 0; p < producers; ++p) {
    handles.push_back(spawn(produce(tx_a, 2 * p * per_producer, per_producer)));
    handles.push_back(
        spawn(produce(tx_b, (2 * p + 1) * per_producer, per_producer)));
  }
  { auto drop_a = std::move(tx_a); }
  { auto drop_b = std::move(tx_b); }
  std::vector<int> counts(2 * static_cast<std::size_t>(producers) *
                              static_cast<std::size_t>(per_producer),
                          0);
  bool a_open = true;
  bool b_open = true;
  while (a_open || b_open) {
    std::optional<int> value;
    if (a_open && b_open) {
      auto winner = co_await select(rx_a.recv(), rx_b.recv());
      if (winner.index() == 0) {
        value = std::get<0>(winner);
        a_open = value.has_value();
      } else {
        value = std::get<1>(winner);
        b_open = value.has_value();
      }
    } else if (a_open) {
      value = co_await rx_a.recv();
      a_open = value.has_value();
    } else {
      value = co_await rx_b.recv();
      b_open = value.has_value();
    }
    if (value)
      ++counts[static_cast<std::size_t>(*value)];
  }
  for (JoinHandle<void> &handle : handles)
    co_await handle;
  co_return counts;
}

TEST_P(SelectTest, SelectingOverBusyChannelsLosesAndDuplicatesNothing) {
  const std::vector<int> counts = runtime_.block_on(drain_two_channels(4, 500));
  for (std::size_t i = 0; i < counts.size(); ++i)
    ASSERT_EQ(counts[i], 1) << "value " << i;
}

Task<bool> yielding_branch_does_not_starve_the_runtime() {
  std::atomic<bool> flag{false};
  JoinHandle<void> setter = spawn([](std::atomic<bool> *f) -> Task<void> {
    f->store(true);
    co_return;
  }(&flag));
  Gate never_opened;
  // The first branch yields until another task runs: on a current-thread
  // runtime that only happens if select gives the thread back.
  auto winner = co_await select(yield_until([&] { return flag.load(); }),
                                never_opened.wait());
  co_await setter;
  co_return winner.index() == 0 && std::get<0>(winner);
}

TEST_P(SelectTest, AYieldingBranchLetsOtherTasksRun) {
  EXPECT_TRUE(runtime_.block_on(yielding_branch_does_not_starve_the_runtime()));
}

} // namespace
} // namespace corolint::rt
