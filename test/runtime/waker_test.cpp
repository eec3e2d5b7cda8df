#include "corolint/rt/waker.h"

#include "corolint/rt/runtime.h"
#include "corolint/rt/spawn.h"
#include "corolint/rt/yield_now.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <atomic>
#include <coroutine>
#include <stdexcept>
#include <thread>
#include <vector>

namespace corolint::rt {
namespace {

using testing::Gate;
using testing::yield_until;

/// Where a task hands out its waker to the test, which decides when to wake.
struct WakerDrop {
  Waker waker;
  std::atomic<bool> filled{false};
};

/// Suspends, leaving the waker in a WakerDrop.
class HandOutWaker {
public:
  explicit HandOutWaker(WakerDrop *drop) noexcept : drop_(drop) {}
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> awaiting) const {
    drop_->waker = current_waker(awaiting);
    drop_->filled.store(true);
  }
  void await_resume() const noexcept {}

private:
  WakerDrop *drop_;
};

Task<void> suspend_twice(WakerDrop *first, Gate *second,
                         std::atomic<int> *progress) {
  co_await HandOutWaker(first);
  progress->store(1);
  co_await second->wait();
  progress->store(2);
}

Task<bool> wake_stale(WakerDrop *first, Gate *second,
                      std::atomic<int> *progress) {
  JoinHandle<void> handle = spawn(suspend_twice(first, second, progress));
  co_await yield_until([first] { return first->filled.load(); });
  first->waker.wake();
  co_await yield_until([progress] { return progress->load() == 1; });
  // The task now waits on the gate; the waker of its first suspension must
  // not resume it a second time.
  first->waker.wake();
  first->waker.wake();
  for (int i = 0; i < 20; ++i)
    co_await yield_now();
  const bool stayed_suspended = progress->load() == 1;
  second->open();
  co_await handle;
  co_return stayed_suspended && progress->load() == 2;
}

TEST(Waker, AStaleWakerDoesNotResumeALaterSuspension) {
  for (const testing::Flavor flavor : testing::all_flavors()) {
    Runtime rt = testing::build_runtime(flavor);
    WakerDrop first;
    Gate second;
    std::atomic<int> progress{0};
    EXPECT_TRUE(rt.block_on(wake_stale(&first, &second, &progress)));
  }
}

Task<int> wait_for_gate(Gate *gate) {
  co_await gate->wait();
  co_return 1;
}

TEST(Waker, WakesFromAForeignThread) {
  Runtime rt = Runtime::Builder::multi_thread().worker_threads(2).build();
  for (int i = 0; i < 100; ++i) {
    Gate gate;
    std::thread opener([&gate] { gate.open(); });
    EXPECT_EQ(rt.block_on(wait_for_gate(&gate)), 1);
    opener.join();
  }
}

TEST(Waker, CurrentWakerOutsideOfATaskThrows) {
  EXPECT_THROW(static_cast<void>(current_waker(std::noop_coroutine())),
               std::logic_error);
}

TEST(Waker, AnEmptyWakerDoesNothing) {
  const Waker empty;
  EXPECT_FALSE(empty);
  empty.wake();
}

TEST(Waker, ConcurrentWakesResumeOnce) {
  Runtime rt = Runtime::Builder::multi_thread().worker_threads(2).build();
  for (int i = 0; i < 100; ++i) {
    Gate gate;
    std::vector<std::thread> openers;
    openers.reserve(4);
    for (int j = 0; j < 4; ++j)
      openers.emplace_back([&gate] { gate.open(); });
    EXPECT_EQ(rt.block_on(wait_for_gate(&gate)), 1);
    for (std::thread &opener : openers)
      opener.join();
  }
}

} // namespace
} // namespace corolint::rt
