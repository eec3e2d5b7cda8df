#include "corolint/rt/cancellation_token.h"

#include "corolint/rt/detail/context.h"
#include "corolint/rt/detail/wake_target.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <coroutine>
#include <cstddef>
#include <cstdint>
#include <future>
#include <memory>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace corolint::rt {
namespace {

using namespace std::chrono_literals;

// A wake target that is not reference counted and never changes
// generation; what it does when woken is up to the derived class.
class TestWakeTarget : public detail::WakeTarget {
public:
  TestWakeTarget() = default;
  TestWakeTarget(const TestWakeTarget &) = delete;
  TestWakeTarget &operator=(const TestWakeTarget &) = delete;
  ~TestWakeTarget() = default;

  void retain_target() noexcept final {}
  void release_target() noexcept final {}
  std::uint64_t
  begin_suspension_at(std::coroutine_handle<> /*resume_at*/) noexcept final {
    return 1;
  }
};

// --- a cancel() racing another ---

// A wake target whose wake-up blocks until it is let go (or a few seconds
// pass), so that whoever wakes it stands still meanwhile.
class PauseOnWake final : public TestWakeTarget {
public:
  void wake_target(std::uint64_t /*generation*/) noexcept override {
    woken_.store(true);
    const auto give_up = std::chrono::steady_clock::now() + 5s;
    while (!let_go_.load() && std::chrono::steady_clock::now() < give_up)
      std::this_thread::yield();
  }

  void wait_until_woken() const noexcept {
    while (!woken_.load())
      std::this_thread::yield();
  }
  void let_go() noexcept { let_go_.store(true); }

private:
  std::atomic<bool> woken_{false};
  std::atomic<bool> let_go_{false};
};

TEST(CancellationTree, ACancelThatFindsTheTokenCancelledWaitsForTheSubtree) {
  const CancellationToken root;
  // Children are listed newest first: `paused` is reached before `oldest`.
  const CancellationToken oldest = root.child_token();
  const CancellationToken paused = root.child_token();
  PauseOnWake target;
  CancellationToken::WaitForCancellation waiting = paused.cancelled();
  {
    const detail::WakeTargetScope scope(&target);
    ASSERT_TRUE(waiting.await_suspend(std::noop_coroutine()));
  }
  std::thread first_canceller([&root] { root.cancel(); });
  target.wait_until_woken(); // the first cancel() stands inside the walk
  root.cancel();
  const bool oldest_cancelled = oldest.is_cancelled();
  target.let_go();
  first_canceller.join();
  waiting.await_resume();
  EXPECT_TRUE(oldest_cancelled);
}

TEST(CancellationTree, RacingCancelsOfATokenWithManyChildren) {
  constexpr int kRounds = 10;
  constexpr int kChildren = 50'000;
  int rounds_with_a_live_child = 0;
  for (int round = 0; round < kRounds; ++round) {
    const CancellationToken root;
    const CancellationToken oldest = root.child_token();
    std::vector<CancellationToken> others;
    others.reserve(kChildren);
    for (int i = 0; i < kChildren; ++i)
      others.push_back(root.child_token());
    std::thread first_canceller([&root] { root.cancel(); });
    while (!root.is_cancelled())
      std::this_thread::yield();
    root.cancel();
    if (!oldest.is_cancelled())
      ++rounds_with_a_live_child;
    first_canceller.join();
  }
  EXPECT_EQ(rounds_with_a_live_child, 0);
}

// --- long chains of children ---

constexpr int kChainLength = 1'000'000;

CancellationToken chain_below(const CancellationToken &root, int length) {
  CancellationToken leaf = root;
  for (int i = 0; i < length; ++i)
    leaf = leaf.child_token();
  return leaf;
}

TEST(CancellationTree, AMillionNestedChildrenAreCancelledAndDropped) {
  const CancellationToken root;
  std::optional<CancellationToken> leaf = chain_below(root, kChainLength);
  root.cancel();
  EXPECT_TRUE(leaf->is_cancelled());
  leaf.reset();
  EXPECT_EQ(detail::child_count(root), 0U);
}

TEST(CancellationTree, AMillionNestedChildrenAreDroppedUncancelled) {
  const CancellationToken root;
  std::optional<CancellationToken> leaf = chain_below(root, kChainLength);
  EXPECT_FALSE(leaf->is_cancelled());
  leaf.reset();
  EXPECT_EQ(detail::child_count(root), 0U);
  EXPECT_FALSE(root.is_cancelled());
}

TEST(CancellationTree, CancellingTheMiddleOfAMillionNestedChildren) {
  const CancellationToken root;
  const CancellationToken middle = chain_below(root, kChainLength / 2);
  const CancellationToken leaf = chain_below(middle, kChainLength / 2);
  leaf.cancel();
  middle.cancel();
  EXPECT_TRUE(leaf.is_cancelled());
  EXPECT_FALSE(root.is_cancelled());
  root.cancel();
}

// --- wake-ups that drop tokens ---

// A wake target that drops a token when it is woken, as a task whose frame
// is destroyed by its wake-up would.
class DropTokenOnWake final : public TestWakeTarget {
public:
  explicit DropTokenOnWake(CancellationToken token) : token_(std::move(token)) {}
  void wake_target(std::uint64_t /*generation*/) noexcept override {
    token_.reset();
  }

  bool dropped() const noexcept { return !token_.has_value(); }

private:
  std::optional<CancellationToken> token_;
};

// What a cancel() on a thread of its own needs; shared with that thread,
// which is left behind if it blocks.
struct WakeDropsToken {
  explicit WakeDropsToken(const CancellationToken &cancelled,
                          CancellationToken dropped)
      : token(cancelled), target(std::move(dropped)),
        waiting(token.cancelled()) {}

  CancellationToken token;
  DropTokenOnWake target;
  CancellationToken::WaitForCancellation waiting;
};

// Suspends `state.waiting` on `state.target`, cancels `cancelled` on a
// thread of its own and reports whether that returned (within the time that
// tells a hang).
bool cancel_returns(const std::shared_ptr<WakeDropsToken> &state,
                    const CancellationToken &cancelled) {
  {
    const detail::WakeTargetScope scope(&state->target);
    if (!state->waiting.await_suspend(std::noop_coroutine()))
      return false;
  }
  std::promise<void> returned;
  std::future<void> cancel_returned = returned.get_future();
  std::thread([state, cancelled, returned = std::move(returned)]() mutable {
    cancelled.cancel();
    returned.set_value();
  }).detach();
  if (cancel_returned.wait_for(testing::kHangTimeout) !=
      std::future_status::ready)
    return false;
  state->waiting.await_resume();
  return state->target.dropped();
}

TEST(CancellationTree, AWakeUpMayDropTheLastHandleOfAChild) {
  const CancellationToken root;
  auto state = std::make_shared<WakeDropsToken>(root, root.child_token());
  ASSERT_TRUE(cancel_returns(state, root));
  EXPECT_EQ(detail::child_count(root), 0U);
}

TEST(CancellationTree, AWakeUpMayDropTheLastHandleOfAGrandchild) {
  const CancellationToken root;
  const CancellationToken child = root.child_token();
  auto state = std::make_shared<WakeDropsToken>(child, child.child_token());
  ASSERT_TRUE(cancel_returns(state, root));
  EXPECT_EQ(detail::child_count(child), 0U);
}

} // namespace
} // namespace corolint::rt
