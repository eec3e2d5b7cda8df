#include "corolint/rt/cancellation_token.h"

#include "corolint/rt/cancelled.h"

#include "corolint/rt/detail/context.h"
#include "corolint/rt/detail/scheduler.h"
#include "corolint/rt/join_handle.h"
#include "corolint/rt/runtime.h"
#include "corolint/rt/select.h"
#include "corolint/rt/sleep.h"
#include "corolint/rt/spawn.h"
#include "corolint/rt/timeout.h"
#include "corolint/rt/yield_now.h"
#include "channel_test_support.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace corolint::rt {
namespace {

using namespace std::chrono_literals;
using testing::Flavor;
using testing::Gate;
using testing::SetOnDestruction;
using testing::was_cancelled;
using testing::yield_until;

class CancellationTokenTest : public ::testing::TestWithParam<Flavor> {
protected:
  Runtime runtime_ = testing::build_runtime(GetParam());
};

INSTANTIATE_TEST_SUITE_P(
    AllFlavors, CancellationTokenTest,
    ::testing::ValuesIn(testing::all_flavors()),
    [](const auto &info) { return testing::flavor_name(info.param); });

std::size_t armed_timers() {
  return detail::current_scheduler()->timers().size();
}

Task<void> await_cancelled(CancellationToken token, std::atomic<int> *started,
                           std::atomic<int> *woken) {
  started->fetch_add(1);
  co_await token.cancelled();
  woken->fetch_add(1);
}

Task<void> join_all(std::vector<JoinHandle<void>> handles) {
  for (JoinHandle<void> &handle : handles)
    co_await handle;
}

// --- cancel() and cancelled() ---

TEST(CancellationToken, CancelIsStickyAndShared) {
  const CancellationToken token;
  // NOLINTNEXTLINE(performance-unnecessary-copy-initialization): two handles
  const CancellationToken copy = token;
  EXPECT_FALSE(token.is_cancelled());
  copy.cancel();
  copy.cancel();
  EXPECT_TRUE(token.is_cancelled());
  EXPECT_TRUE(copy.is_cancelled());
}

Task<bool> cancelled_before_await() {
  const CancellationToken token;
  token.cancel();
  co_await token.cancelled();
  co_await token.cancelled();
  co_return token.is_cancelled();
}

TEST_P(CancellationTokenTest, CancelledBeforeTheAwaitCompletesAtOnce) {
  EXPECT_TRUE(runtime_.block_on(cancelled_before_await()));
}

Task<bool> cancel_after_await() {
  const CancellationToken token;
  std::atomic<int> started{0};
  std::atomic<int> woken{0};
  JoinHandle<void> waiter = spawn(await_cancelled(token, &started, &woken));
  co_await yield_until([&] { return started.load() == 1; });
  for (int i = 0; i < 10; ++i)
    co_await yield_now();
  const bool still_waiting = woken.load() == 0;
  token.cancel();
  co_await waiter;
  co_return still_waiting && woken.load() == 1;
}

TEST_P(CancellationTokenTest, CancelAfterTheAwaitWakesTheWaiter) {
  EXPECT_TRUE(runtime_.block_on(cancel_after_await()));
}

Task<int> many_waiters(int count) {
  const CancellationToken token;
  std::atomic<int> started{0};
  std::atomic<int> woken{0};
  std::vector<JoinHandle<void>> handles;
  handles.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i)
    handles.push_back(spawn(await_cancelled(token, &started, &woken)));
  co_await yield_until([&] { return started.load() == count; });
  co_await yield_now();
  token.cancel();
  co_await join_all(std::move(handles));
  co_return woken.load();
}

TEST_P(CancellationTokenTest, EveryWaiterWakes) {
  EXPECT_EQ(runtime_.block_on(many_waiters(200)), 200);
}

Task<bool> await_then_check(CancellationToken token) {
  co_await token.cancelled();
  co_return token.is_cancelled();
}

TEST_P(CancellationTokenTest, CancelFromAThreadOutsideTheRuntime) {
  const CancellationToken token;
  std::thread canceller([token] {
    std::this_thread::sleep_for(5ms);
    token.cancel();
  });
  EXPECT_TRUE(runtime_.block_on(await_then_check(token)));
  canceller.join();
}

TEST(CancellationToken, ConcurrentCancelsFromPlainThreads) {
  for (int round = 0; round < 50; ++round) {
    const CancellationToken token;
    const CancellationToken child = token.child_token();
    std::vector<std::thread> threads;
    threads.reserve(4);
    for (int i = 0; i < 4; ++i)
      threads.emplace_back([&token, &child, i] {
        (i % 2 == 0 ? token : child).cancel();
      });
    for (std::thread &thread : threads)
      thread.join();
    ASSERT_TRUE(token.is_cancelled());
    ASSERT_TRUE(child.is_cancelled());
  }
}

// --- child tokens ---

Task<int> grandchildren_wake_with_the_root() {
  const CancellationToken root;
  const CancellationToken child = root.child_token();
  const CancellationToken grandchild = child.child_token();
  std::atomic<int> started{0};
  std::atomic<int> woken{0};
  std::vector<JoinHandle<void>> handles;
  for (const CancellationToken &token : {root, child, grandchild})
    handles.push_back(spawn(await_cancelled(token, &started, &woken)));
  co_await yield_until([&] { return started.load() == 3; });
  co_await yield_now();
  root.cancel();
  co_await join_all(std::move(handles));
  co_return woken.load();
}

TEST_P(CancellationTokenTest, CancellingTheRootWakesChildrenAndGrandchildren) {
  EXPECT_EQ(runtime_.block_on(grandchildren_wake_with_the_root()), 3);
}

TEST(CancellationToken, AChildOfACancelledTokenStartsCancelled) {
  const CancellationToken root;
  const CancellationToken child = root.child_token();
  root.cancel();
  const CancellationToken late_child = root.child_token();
  const CancellationToken late_grandchild = child.child_token();
  EXPECT_TRUE(late_child.is_cancelled());
  EXPECT_TRUE(late_grandchild.is_cancelled());
  EXPECT_TRUE(late_grandchild.child_token().is_cancelled());
}

TEST(CancellationToken, CancellingAChildLeavesItsParentAndSiblings) {
  const CancellationToken root;
  const CancellationToken child = root.child_token();
  const CancellationToken sibling = root.child_token();
  const CancellationToken grandchild = child.child_token();
  child.cancel();
  EXPECT_TRUE(child.is_cancelled());
  EXPECT_TRUE(grandchild.is_cancelled());
  EXPECT_FALSE(root.is_cancelled());
  EXPECT_FALSE(sibling.is_cancelled());
  root.cancel();
  EXPECT_TRUE(sibling.is_cancelled());
}

TEST(CancellationToken, DroppedChildrenLeaveTheirParent) {
  const CancellationToken root;
  const CancellationToken kept = root.child_token();
  for (int i = 0; i < 100'000; ++i) {
    const CancellationToken child = root.child_token();
    const CancellationToken grandchild = child.child_token();
    ASSERT_EQ(detail::child_count(child), 1U);
  }
  EXPECT_EQ(detail::child_count(root), 1U);
  root.cancel();
  EXPECT_TRUE(kept.is_cancelled());
}

TEST(CancellationToken, AGrandchildKeepsItsDroppedParentListed) {
  const CancellationToken root;
  std::optional<CancellationToken> grandchild;
  {
    const CancellationToken child = root.child_token();
    grandchild = child.child_token();
  }
  EXPECT_EQ(detail::child_count(root), 1U);
  root.cancel();
  EXPECT_TRUE(grandchild->is_cancelled());
  grandchild.reset();
  EXPECT_EQ(detail::child_count(root), 0U);
}

TEST(CancellationToken, ChildrenCreatedAfterCancellationAreNotListed) {
  const CancellationToken root;
  root.cancel();
  std::vector<CancellationToken> children;
  children.reserve(10);
  for (int i = 0; i < 10; ++i)
    children.push_back(root.child_token());
  EXPECT_EQ(detail::child_count(root), 0U);
}

// --- drop guard ---

TEST(CancellationToken, ADropGuardCancelsWhenDestroyed) {
  const CancellationToken token;
  {
    const CancellationDropGuard guard = token.drop_guard();
    EXPECT_FALSE(token.is_cancelled());
  }
  EXPECT_TRUE(token.is_cancelled());
}

TEST(CancellationToken, ADisarmedDropGuardDoesNotCancel) {
  const CancellationToken token;
  std::optional<CancellationToken> returned;
  {
    CancellationDropGuard guard = token.drop_guard();
    returned = guard.disarm();
  }
  EXPECT_FALSE(token.is_cancelled());
  returned->cancel();
  EXPECT_TRUE(token.is_cancelled());
}

TEST(CancellationToken, AMovedDropGuardCancelsOnceItsLastOwnerGoes) {
  const CancellationToken first;
  const CancellationToken second;
  std::optional<CancellationDropGuard> outer;
  {
    CancellationDropGuard guard = first.drop_guard();
    outer.emplace(std::move(guard));
  }
  EXPECT_FALSE(first.is_cancelled());
  CancellationDropGuard other = second.drop_guard();
  *outer = std::move(other); // the guard of `first` is replaced, so it cancels
  EXPECT_TRUE(first.is_cancelled());
  EXPECT_FALSE(second.is_cancelled());
  outer.reset();
  EXPECT_TRUE(second.is_cancelled());
}

Task<void> hold_guard_forever(CancellationDropGuard guard, Gate *never_opened,
                              std::atomic<int> *started) {
  const CancellationDropGuard held = std::move(guard);
  started->fetch_add(1);
  co_await never_opened->wait();
}

Task<bool> aborting_the_guard_holder_cancels() {
  const CancellationToken token;
  Gate never_opened;
  std::atomic<int> started{0};
  JoinHandle<void> holder =
      spawn(hold_guard_forever(token.drop_guard(), &never_opened, &started));
  co_await yield_until([&] { return started.load() == 1; });
  const bool before = token.is_cancelled();
  holder.abort();
  const bool aborted = co_await was_cancelled(holder);
  co_return !before && aborted && token.is_cancelled();
}

TEST_P(CancellationTokenTest, AbortingATaskHoldingADropGuardCancels) {
  EXPECT_TRUE(runtime_.block_on(aborting_the_guard_holder_cancels()));
}

// --- select, timeout, abort ---

Task<void> cancel_after_yields(CancellationToken token, int yields) {
  for (int i = 0; i < yields; ++i)
    co_await yield_now();
  token.cancel();
}

Task<bool> cancelled_wins_over_sleep() {
  const CancellationToken token;
  JoinHandle<void> canceller = spawn(cancel_after_yields(token, 5));
  auto winner = co_await select(token.cancelled(), sleep(10s));
  co_await canceller;
  co_return winner.index() == 0 && armed_timers() == 0;
}

TEST_P(CancellationTokenTest, SelectCancelledAgainstASleepThatLoses) {
  EXPECT_TRUE(runtime_.block_on(cancelled_wins_over_sleep()));
}

Task<bool> sleep_wins_over_cancelled() {
  const CancellationToken token;
  auto winner = co_await select(token.cancelled(), sleep(5ms));
  auto biased = co_await select_biased(token.cancelled(), sleep(1ms));
  const bool waiting = !token.is_cancelled();
  // The losing waiters are gone: cancelling must not touch them.
  token.cancel();
  co_return winner.index() == 1 && biased.index() == 1 && waiting;
}

TEST_P(CancellationTokenTest, SelectCancelledAgainstASleepThatWins) {
  EXPECT_TRUE(runtime_.block_on(sleep_wins_over_cancelled()));
}

Task<bool> biased_prefers_cancellation() {
  const CancellationToken token;
  token.cancel();
  auto winner = co_await select_biased(token.cancelled(), yield_now());
  co_return winner.index() == 0;
}

TEST_P(CancellationTokenTest, ABiasedSelectSeesACancelledTokenFirst) {
  EXPECT_TRUE(runtime_.block_on(biased_prefers_cancellation()));
}

Task<bool> cancelled_reused_across_selects() {
  const CancellationToken token;
  std::vector<std::size_t> winners;
  {
    CancellationToken::WaitForCancellation shutdown = token.cancelled();
    for (int i = 0; i < 3; ++i)
      winners.push_back((co_await select(shutdown, sleep(1ms))).index());
    JoinHandle<void> canceller = spawn(cancel_after_yields(token, 5));
    winners.push_back((co_await select(shutdown, sleep(10s))).index());
    co_await canceller;
  }
  co_return winners == std::vector<std::size_t>{1, 1, 1, 0} &&
      armed_timers() == 0;
}

TEST_P(CancellationTokenTest, ACancelledLvalueCanBeAwaitedAgainAfterLosing) {
  EXPECT_TRUE(runtime_.block_on(cancelled_reused_across_selects()));
}

Task<int> cancelled_dropped_after_losing(CancellationToken token) {
  std::atomic<int> started{0};
  std::atomic<int> woken{0};
  {
    CancellationToken::WaitForCancellation shutdown = token.cancelled();
    for (int i = 0; i < 3; ++i)
      (void)co_await select_biased(shutdown, yield_now());
  }
  JoinHandle<void> other = spawn(await_cancelled(token, &started, &woken));
  co_await yield_until([&] { return started.load() == 1; });
  co_await yield_now();
  token.cancel(); // must not reach the dropped waiter
  co_await other;
  co_return woken.load();
}

TEST_P(CancellationTokenTest, ACancelledLvalueDroppedAfterLosingIsUnlisted) {
  const CancellationToken token;
  EXPECT_EQ(runtime_.block_on(cancelled_dropped_after_losing(token)), 1);
}

Task<bool> cancelled_moved_after_losing() {
  const CancellationToken token;
  CancellationToken::WaitForCancellation first = token.cancelled();
  auto lost = co_await select_biased(first, yield_now());
  CancellationToken::WaitForCancellation second = std::move(first);
  auto lost_again = co_await select_biased(second, yield_now());
  JoinHandle<void> canceller = spawn(cancel_after_yields(token, 5));
  auto won = co_await select(second, sleep(10s));
  co_await canceller;
  co_return lost.index() == 1 && lost_again.index() == 1 && won.index() == 0;
}

TEST_P(CancellationTokenTest, ACancelledMovedAfterLosingASelectStillWorks) {
  EXPECT_TRUE(runtime_.block_on(cancelled_moved_after_losing()));
}

Task<bool> cancelled_inside_timeout() {
  const CancellationToken token;
  const TimeoutResult<void> expired = co_await timeout(5ms, token.cancelled());
  token.cancel(); // the expired waiter is gone
  const TimeoutResult<void> done = co_await timeout(10s, token.cancelled());
  co_return expired.timed_out() && done.has_value() && armed_timers() == 0;
}

TEST_P(CancellationTokenTest, CancelledInsideTimeout) {
  EXPECT_TRUE(runtime_.block_on(cancelled_inside_timeout()));
}

Task<void> wait_for_cancel(CancellationToken token, std::atomic<int> *started,
                           std::atomic<bool> *destroyed) {
  const SetOnDestruction guard(*destroyed);
  started->fetch_add(1);
  co_await token.cancelled();
}

Task<bool> abort_a_waiter() {
  const CancellationToken token;
  std::atomic<int> started{0};
  std::atomic<bool> destroyed{false};
  JoinHandle<void> waiter = spawn(wait_for_cancel(token, &started, &destroyed));
  co_await yield_until([&] { return started.load() == 1; });
  co_await yield_now();
  waiter.abort();
  const bool aborted = co_await was_cancelled(waiter);
  token.cancel(); // the aborted waiter is gone
  co_return aborted && destroyed.load();
}

TEST_P(CancellationTokenTest, AbortingATaskWaitingOnCancelled) {
  EXPECT_TRUE(runtime_.block_on(abort_a_waiter()));
}

struct WokenAndAborted {
  int finished = 0;
  int cancelled = 0;
  int inconsistent = 0;
};

Task<void> wait_then_finish(CancellationToken token, std::atomic<int> *started,
                            std::atomic<bool> *finished,
                            std::atomic<bool> *destroyed) {
  const SetOnDestruction guard(*destroyed);
  started->fetch_add(1);
  co_await token.cancelled();
  finished->store(true);
}

// Cancelled and aborted at once: the wake-up and the abort race. The task
// either finishes (woken first) or is cancelled (aborted first), never
// both nor neither, and its frame is gone either way.
Task<WokenAndAborted> abort_woken_waiters(int rounds) {
  WokenAndAborted counts;
  for (int round = 0; round < rounds; ++round) {
    const CancellationToken token;
    std::atomic<int> started{0};
    std::atomic<bool> finished{false};
    std::atomic<bool> destroyed{false};
    JoinHandle<void> waiter =
        spawn(wait_then_finish(token, &started, &finished, &destroyed));
    co_await yield_until([&] { return started.load() == 1; });
    co_await yield_now();
    token.cancel();
    waiter.abort();
    bool threw_cancelled = false;
    bool threw_other = false;
    try {
      co_await waiter;
    } catch (const Cancelled &) {
      threw_cancelled = true;
    } catch (...) {
      threw_other = true;
    }
    if (threw_other || !destroyed.load() ||
        finished.load() == threw_cancelled)
      ++counts.inconsistent;
    else if (threw_cancelled)
      ++counts.cancelled;
    else
      ++counts.finished;
  }
  co_return counts;
}

TEST_P(CancellationTokenTest, AbortingAWaiterThatWasJustWoken) {
  constexpr int kRounds = 50;
  const WokenAndAborted counts =
      runtime_.block_on(abort_woken_waiters(kRounds));
  EXPECT_EQ(counts.inconsistent, 0);
  EXPECT_EQ(counts.finished + counts.cancelled, kRounds);
}

// --- run_until_cancelled ---

Task<int> value_after_yields(int value, int yields) {
  for (int i = 0; i < yields; ++i)
    co_await yield_now();
  co_return value;
}

Task<bool> run_until_cancelled_finishes() {
  const CancellationToken token;
  const std::optional<int> value =
      co_await token.run_until_cancelled(value_after_yields(7, 3));
  co_return value == 7 && !token.is_cancelled();
}

TEST_P(CancellationTokenTest, RunUntilCancelledYieldsTheValue) {
  EXPECT_TRUE(runtime_.block_on(run_until_cancelled_finishes()));
}

// The guard is a parameter, so that it lives in the frame even if the body
// never runs.
Task<int> wait_forever(Gate *never_opened, SetOnDestruction /*guard*/) {
  co_await never_opened->wait();
  co_return -1;
}

Task<bool> run_until_cancelled_is_cancelled() {
  const CancellationToken token;
  Gate never_opened;
  std::atomic<bool> destroyed{false};
  JoinHandle<void> canceller = spawn(cancel_after_yields(token, 5));
  const std::optional<int> value = co_await token.run_until_cancelled(
      wait_forever(&never_opened, SetOnDestruction(destroyed)));
  co_await canceller;
  co_return !value.has_value() && destroyed.load();
}

TEST_P(CancellationTokenTest, RunUntilCancelledDestroysTheOperation) {
  EXPECT_TRUE(runtime_.block_on(run_until_cancelled_is_cancelled()));
}

Task<int> note_start(std::atomic<bool> *started, SetOnDestruction /*guard*/) {
  started->store(true);
  co_return 1;
}

Task<bool> run_until_already_cancelled() {
  const CancellationToken token;
  token.cancel();
  std::atomic<bool> started{false};
  std::atomic<bool> destroyed{false};
  const std::optional<int> value =
      co_await token.run_until_cancelled(
          note_start(&started, SetOnDestruction(destroyed)));
  co_return !value.has_value() && !started.load() && destroyed.load();
}

TEST_P(CancellationTokenTest, RunUntilCancelledOnACancelledTokenRunsNothing) {
  EXPECT_TRUE(runtime_.block_on(run_until_already_cancelled()));
}

Task<bool> run_until_cancelled_void() {
  const CancellationToken token;
  const bool finished = co_await token.run_until_cancelled(yield_now());
  token.cancel();
  Gate never_opened;
  const bool unfinished =
      co_await token.run_until_cancelled(never_opened.wait());
  co_return finished && !unfinished;
}

TEST_P(CancellationTokenTest, RunUntilCancelledOnAVoidOperation) {
  EXPECT_TRUE(runtime_.block_on(run_until_cancelled_void()));
}

Task<int> throw_after_yield() {
  co_await yield_now();
  throw std::runtime_error("operation failed");
}

Task<std::string> run_until_cancelled_rethrows() {
  const CancellationToken token;
  try {
    (void)co_await token.run_until_cancelled(throw_after_yield());
  } catch (const std::runtime_error &error) {
    co_return error.what();
  }
  co_return "";
}

TEST_P(CancellationTokenTest, RunUntilCancelledRethrows) {
  EXPECT_EQ(runtime_.block_on(run_until_cancelled_rethrows()),
            "operation failed");
}

Task<bool> run_until_cancelled_on_a_handle() {
  const CancellationToken token;
  Gate gate;
  std::atomic<bool> destroyed{false};
  JoinHandle<int> handle =
      spawn(wait_forever(&gate, SetOnDestruction(destroyed)));
  JoinHandle<void> canceller = spawn(cancel_after_yields(token, 3));
  const std::optional<int> value = co_await token.run_until_cancelled(handle);
  co_await canceller;
  // The handle was awaited in place; its task still runs.
  const bool running = !destroyed.load();
  handle.abort();
  const bool aborted = co_await was_cancelled(handle);
  co_return !value.has_value() && running && aborted;
}

TEST_P(CancellationTokenTest, RunUntilCancelledAwaitsAnLvalueInPlace) {
  EXPECT_TRUE(runtime_.block_on(run_until_cancelled_on_a_handle()));
}

// --- stress ---

struct StressCounts {
  std::atomic<int> started{0};
  std::atomic<int> woken{0};
  std::atomic<int> timed_out{0};
};

// Waits on a fresh child of `group`, in one of several ways, until it is
// cancelled; the short waits come and go meanwhile.
Task<void> stress_waiter(CancellationToken group, int id,
                         StressCounts *counts) {
  const CancellationToken mine = group.child_token();
  counts->started.fetch_add(1);
  switch (id % 4) {
  case 0:
    co_await mine.cancelled();
    break;
  case 1:
    while (!(co_await timeout(std::chrono::microseconds(100 + id % 500),
                              mine.cancelled())))
      counts->timed_out.fetch_add(1);
    break;
  case 2:
    while ((co_await select(mine.cancelled(), yield_now())).index() != 0)
      ;
    break;
  default: {
    Gate never_opened;
    std::atomic<bool> destroyed{false};
    (void)co_await mine.run_until_cancelled(
        wait_forever(&never_opened, SetOnDestruction(destroyed)));
    break;
  }
  }
  counts->woken.fetch_add(1);
}

TEST_P(CancellationTokenTest, ManyTasksAndThreadsCancelAndAwaitConcurrently) {
  constexpr std::size_t kGroups = 8;
  constexpr int kPerGroup = 64;
  constexpr int kTasks = static_cast<int>(kGroups) * kPerGroup;
  const CancellationToken root;
  std::vector<CancellationToken> groups;
  groups.reserve(kGroups);
  for (std::size_t g = 0; g < kGroups; ++g)
    groups.push_back(root.child_token());
  StressCounts counts;
  std::vector<JoinHandle<void>> handles;
  handles.reserve(static_cast<std::size_t>(kTasks));
  for (const CancellationToken &group : groups)
    for (int i = 0; i < kPerGroup; ++i)
      handles.push_back(runtime_.spawn(stress_waiter(group, i, &counts)));

  std::atomic<bool> stop_churn{false};
  std::vector<std::thread> threads;
  threads.reserve(6);
  // Children made and dropped while their parents are being cancelled.
  for (int t = 0; t < 2; ++t)
    threads.emplace_back([&groups, &stop_churn] {
      while (!stop_churn.load())
        for (const CancellationToken &group : groups)
          (void)group.child_token().child_token().is_cancelled();
    });
  // The odd groups are each cancelled by four threads at once; the even
  // ones only through the root.
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&groups, &counts, t] {
      while (counts.started.load() < kTasks)
        std::this_thread::yield();
      for (std::size_t g = 1; g < kGroups; g += 2) {
        std::this_thread::sleep_for(std::chrono::microseconds(200 * (t + 1)));
        groups[g].cancel();
      }
    });
  std::thread root_canceller([&root, &counts] {
    while (counts.woken.load() < kTasks / 2)
      std::this_thread::yield();
    root.cancel();
  });

  runtime_.block_on(join_all(std::move(handles)));
  root_canceller.join();
  stop_churn.store(true);
  for (std::thread &thread : threads)
    thread.join();
  EXPECT_EQ(counts.woken.load(), kTasks);
  for (const CancellationToken &group : groups)
    EXPECT_EQ(detail::child_count(group), 0U);
  EXPECT_EQ(detail::child_count(root), kGroups);
}

} // namespace
} // namespace corolint::rt
