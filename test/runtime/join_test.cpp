#include "corolint/rt/join.h"

#include "corolint/rt/cancelled.h"
#include "corolint/rt/join_handle.h"
#include "corolint/rt/mpsc.h"
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
#include <tuple>
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

class JoinTest : public ::testing::TestWithParam<Flavor> {
protected:
  Runtime runtime_ = testing::build_runtime(GetParam());
};

INSTANTIATE_TEST_SUITE_P(
    AllFlavors, JoinTest, ::testing::ValuesIn(testing::all_flavors()),
    [](const auto &info) { return testing::flavor_name(info.param); });

Task<int> after_yields(int value, int yields) {
  for (int i = 0; i < yields; ++i)
    co_await yield_now();
  co_return value;
}

Task<void> nothing() { co_return; }

Task<bool> join_collects_every_result() {
  auto [a, b, c] = co_await join(after_yields(1, 5), nothing(),
                                 after_yields(3, 0));
  static_assert(std::is_same_v<decltype(b), std::monostate>);
  co_return a == 1 && c == 3;
}

TEST_P(JoinTest, JoinYieldsEveryResult) {
  EXPECT_TRUE(runtime_.block_on(join_collects_every_result()));
}

Task<int> produce(mpsc::Sender<int> *tx, int count) {
  for (int i = 0; i < count; ++i)
    require_sent(co_await tx->send(i));
  co_return count;
}

Task<int> consume(mpsc::Receiver<int> *rx, int count) {
  int sum = 0;
  for (int i = 0; i < count; ++i)
    sum += (co_await rx->recv()).value_or(-1);
  co_return sum;
}

// With a capacity of 1 the producer can only finish if the consumer runs
// meanwhile: the branches really are concurrent.
Task<std::tuple<int, int>> produce_and_consume_in_one_task() {
  auto [tx, rx] = mpsc::channel<int>(1);
  co_return co_await join(produce(&tx, 100), consume(&rx, 100));
}

TEST_P(JoinTest, BranchesRunConcurrentlyInsideTheTask) {
  const auto [sent, sum] = runtime_.block_on(produce_and_consume_in_one_task());
  EXPECT_EQ(sent, 100);
  EXPECT_EQ(sum, 4950);
}

Task<int> fail_after_yields(int yields) {
  for (int i = 0; i < yields; ++i)
    co_await yield_now();
  throw std::runtime_error("failed after " + std::to_string(yields));
}

Task<int> finish_flagging(std::atomic<bool> *finished, int yields) {
  for (int i = 0; i < yields; ++i)
    co_await yield_now();
  finished->store(true);
  co_return 0;
}

Task<bool> join_waits_for_all_then_rethrows_the_first_failure() {
  std::atomic<bool> finished{false};
  try {
    (void)co_await join(fail_after_yields(10), finish_flagging(&finished, 50),
                        fail_after_yields(2));
  } catch (const std::runtime_error &error) {
    co_return std::string(error.what()) == "failed after 2" && finished.load();
  }
  co_return false;
}

TEST_P(JoinTest, JoinRunsEveryBranchThenRethrowsTheFirstFailure) {
  EXPECT_TRUE(
      runtime_.block_on(join_waits_for_all_then_rethrows_the_first_failure()));
}

Task<int> wait_forever(Gate *never_opened, std::atomic<bool> *destroyed) {
  const SetOnDestruction guard(*destroyed);
  co_await never_opened->wait();
  co_return -1;
}

Task<bool> try_join_cancels_the_rest() {
  Gate never_opened;
  std::atomic<bool> destroyed{false};
  try {
    (void)co_await try_join(wait_forever(&never_opened, &destroyed),
                            fail_after_yields(3));
  } catch (const std::runtime_error &) {
    co_return destroyed.load();
  }
  co_return false;
}

TEST_P(JoinTest, TryJoinStopsAtTheFirstExceptionAndCancelsTheRest) {
  EXPECT_TRUE(runtime_.block_on(try_join_cancels_the_rest()));
}

Task<bool> try_join_succeeds() {
  auto [a, b] = co_await try_join(after_yields(1, 3), after_yields(2, 1));
  co_return a == 1 && b == 2;
}

TEST_P(JoinTest, TryJoinYieldsEveryResultWhenNothingThrows) {
  EXPECT_TRUE(runtime_.block_on(try_join_succeeds()));
}

Task<void> join_forever(Gate *gate, std::atomic<bool> *first,
                        std::atomic<bool> *second, std::atomic<int> *started) {
  started->fetch_add(1);
  (void)co_await join(wait_forever(gate, first), wait_forever(gate, second));
}

Task<bool> abort_during_join() {
  Gate never_opened;
  std::atomic<bool> first{false};
  std::atomic<bool> second{false};
  std::atomic<int> started{0};
  JoinHandle<void> handle =
      spawn(join_forever(&never_opened, &first, &second, &started));
  co_await yield_until([&] { return started.load() == 1; });
  for (int i = 0; i < 10; ++i)
    co_await yield_now();
  handle.abort();
  const bool cancelled = co_await testing::was_cancelled(handle);
  co_return cancelled && first.load() && second.load();
}

TEST_P(JoinTest, AbortingATaskInJoinDestroysEveryBranch) {
  EXPECT_TRUE(runtime_.block_on(abort_during_join()));
}

} // namespace
} // namespace corolint::rt
