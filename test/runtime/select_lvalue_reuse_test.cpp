// An lvalue branch of select() is awaited in place, so when it loses it is
// not destroyed: it may still be registered when it is awaited again.

#include "corolint/rt/mpsc.h"
#include "corolint/rt/mutex.h"
#include "corolint/rt/oneshot.h"
#include "corolint/rt/runtime.h"
#include "corolint/rt/select.h"
#include "corolint/rt/semaphore.h"
#include "corolint/rt/sleep.h"
#include "corolint/rt/watch.h"
#include "corolint/rt/yield_now.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstddef>
#include <optional>
#include <utility>
#include <variant>
#include <vector>

namespace corolint::rt {
namespace {

using namespace std::chrono_literals;
using testing::Flavor;
using testing::kHangTimeout;

class SelectLvalueReuseTest : public ::testing::TestWithParam<Flavor> {
protected:
  Runtime runtime_ = testing::build_runtime(GetParam());
};

INSTANTIATE_TEST_SUITE_P(
    AllFlavors, SelectLvalueReuseTest,
    ::testing::ValuesIn(testing::all_flavors()),
    [](const auto &info) { return testing::flavor_name(info.param); });

constexpr int kLosses = 3;

/// Lets `branch` lose kLosses selects while it is still waiting.
template <class Branch> Task<bool> lose_selects(Branch &branch) {
  for (int i = 0; i < kLosses; ++i)
    if ((co_await select_biased(branch, yield_now())).index() != 1)
      co_return false;
  co_return true;
}

/// Nothing when the nap was over before it had lost its selects: the
/// machine was too busy for the test to tell.
Task<std::optional<bool>> sleep_reused(Clock::duration length) {
  const Instant start = Clock::now();
  Sleep nap = sleep(length);
  const bool lost = co_await lose_selects(nap);
  if (!lost && Clock::now() >= start + length)
    co_return std::nullopt;
  auto won = co_await select(nap, sleep(kHangTimeout));
  co_return lost && won.index() == 0;
}

TEST_P(SelectLvalueReuseTest, Sleep) {
  const auto attempt = [this](Clock::duration length) {
    return runtime_.block_on(sleep_reused(length));
  };
  EXPECT_EQ(testing::with_widening_window(50ms, attempt), true);
}

Task<bool> oneshot_receiver_reused() {
  auto [tx, rx] = oneshot::channel<int>();
  const bool lost = co_await lose_selects(rx);
  (void)tx.send(7);
  auto won = co_await select(rx, sleep(kHangTimeout));
  co_return lost && won.index() == 0 && std::get<0>(won) == 7;
}

TEST_P(SelectLvalueReuseTest, OneshotReceiver) {
  EXPECT_TRUE(runtime_.block_on(oneshot_receiver_reused()));
}

Task<bool> lose_selects_then_drop(watch::Receiver<int> &rx) {
  auto change = rx.changed();
  co_return co_await lose_selects(change);
}

Task<bool> watch_changed_reused() {
  auto [tx, rx] = watch::channel<int>(0);
  const bool dropped_lost = co_await lose_selects_then_drop(rx);
  auto change = rx.changed();
  const bool lost = co_await lose_selects(change);
  (void)tx.send(1);
  auto won = co_await select(change, sleep(kHangTimeout));
  co_return dropped_lost && lost && won.index() == 0 && std::get<0>(won);
}

TEST_P(SelectLvalueReuseTest, WatchChanged) {
  EXPECT_TRUE(runtime_.block_on(watch_changed_reused()));
}

Task<bool> mpsc_recv_reused() {
  auto [tx, rx] = mpsc::channel<int>(1);
  auto receive = rx.recv();
  const bool lost = co_await lose_selects(receive);
  (void)tx.try_send(3);
  auto won = co_await select(receive, sleep(kHangTimeout));
  co_return lost && won.index() == 0 && std::get<0>(won) == 3;
}

TEST_P(SelectLvalueReuseTest, MpscRecv) {
  EXPECT_TRUE(runtime_.block_on(mpsc_recv_reused()));
}

Task<bool> mpsc_send_reused() {
  auto [tx, rx] = mpsc::channel<int>(1);
  (void)tx.try_send(1);
  std::vector<int> received;
  bool lost = false;
  bool sent = false;
  {
    auto send = tx.send(2);
    lost = co_await lose_selects(send);
    received.push_back(rx.try_recv().value_or(0));
    auto won = co_await select(send, sleep(kHangTimeout));
    sent = won.index() == 0 && static_cast<bool>(std::get<0>(won));
  }
  received.push_back(rx.try_recv().value_or(0));
  // The slot the send waited for is free again.
  const bool room = static_cast<bool>(tx.try_send(3));
  co_return lost && sent && received == std::vector<int>{1, 2} && room;
}

TEST_P(SelectLvalueReuseTest, MpscSend) {
  EXPECT_TRUE(runtime_.block_on(mpsc_send_reused()));
}

Task<bool> semaphore_acquire_reused() {
  Semaphore semaphore(0);
  bool lost = false;
  bool acquired = false;
  {
    auto acquire = semaphore.acquire();
    lost = co_await lose_selects(acquire);
    semaphore.add_permits(1);
    auto won = co_await select(acquire, sleep(kHangTimeout));
    acquired = won.index() == 0 && std::get<0>(won).num_permits() == 1;
  }
  co_return lost && acquired && semaphore.available_permits() == 1;
}

TEST_P(SelectLvalueReuseTest, SemaphoreAcquire) {
  EXPECT_TRUE(runtime_.block_on(semaphore_acquire_reused()));
}

Task<bool> mutex_lock_reused() {
  Mutex<int> mutex(0);
  std::optional<MutexGuard<int>> held = mutex.try_lock();
  bool lost = false;
  bool locked = false;
  {
    auto lock = mutex.lock();
    lost = co_await lose_selects(lock);
    held.reset();
    auto won = co_await select(lock, sleep(kHangTimeout));
    locked = won.index() == 0 && std::get<0>(won).owns_lock();
  }
  co_return lost && locked && mutex.try_lock().has_value();
}

TEST_P(SelectLvalueReuseTest, MutexLock) {
  EXPECT_TRUE(runtime_.block_on(mutex_lock_reused()));
}

} // namespace
} // namespace corolint::rt
