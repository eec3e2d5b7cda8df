#include "corolint/rt/detail/task_state.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace corolint::rt::detail {
namespace {

using PollStart = TaskState::PollStart;

/// A task that has been polled once and is now suspended in suspension
/// `generation`.
struct SuspendedTask {
  TaskState state;
  std::uint64_t generation = 0;

  SuspendedTask() {
    EXPECT_EQ(state.begin_poll(), PollStart::run);
    generation = state.begin_suspension();
    EXPECT_FALSE(state.end_poll());
  }
};

TEST(TaskState, ANewTaskIsQueuedForItsFirstPoll) {
  TaskState state;
  EXPECT_FALSE(state.wake(0));
  EXPECT_EQ(state.begin_poll(), PollStart::run);
}

TEST(TaskState, WakingASuspendedTaskQueuesItOnce) {
  SuspendedTask task;
  EXPECT_TRUE(task.state.wake(task.generation));
  EXPECT_FALSE(task.state.wake(task.generation));
  EXPECT_EQ(task.state.begin_poll(), PollStart::run);
}

TEST(TaskState, AWakerOfAnEarlierSuspensionIsIgnored) {
  SuspendedTask task;
  const std::uint64_t stale = task.generation;
  ASSERT_TRUE(task.state.wake(stale));
  ASSERT_EQ(task.state.begin_poll(), PollStart::run);
  // Woken while running, before the next suspension starts.
  EXPECT_FALSE(task.state.wake(stale));
  const std::uint64_t current = task.state.begin_suspension();
  EXPECT_NE(current, stale);
  EXPECT_FALSE(task.state.end_poll());
  EXPECT_FALSE(task.state.wake(stale));
  EXPECT_TRUE(task.state.wake(current));
}

TEST(TaskState, AWakeDuringThePollReschedulesAfterIt) {
  TaskState state;
  ASSERT_EQ(state.begin_poll(), PollStart::run);
  const std::uint64_t generation = state.begin_suspension();
  EXPECT_FALSE(state.wake(generation));
  EXPECT_TRUE(state.end_poll());
  EXPECT_EQ(state.begin_poll(), PollStart::run);
}

TEST(TaskState, CancellingASuspendedTaskQueuesItForCancellation) {
  SuspendedTask task;
  EXPECT_TRUE(task.state.request_cancel());
  EXPECT_FALSE(task.state.request_cancel());
  EXPECT_FALSE(task.state.wake(task.generation));
  EXPECT_EQ(task.state.begin_poll(), PollStart::cancel);
}

TEST(TaskState, CancellingAQueuedTaskDoesNotQueueItTwice) {
  TaskState state;
  EXPECT_FALSE(state.request_cancel());
  EXPECT_EQ(state.begin_poll(), PollStart::cancel);
}

TEST(TaskState, CancellingARunningTaskTakesEffectAfterItSuspends) {
  TaskState state;
  ASSERT_EQ(state.begin_poll(), PollStart::run);
  EXPECT_FALSE(state.request_cancel());
  // Starting a suspension must not forget the pending cancellation.
  state.begin_suspension();
  EXPECT_TRUE(state.end_poll());
  EXPECT_EQ(state.begin_poll(), PollStart::cancel);
}

TEST(TaskState, CompletionReportsWhetherAHandleWasAttached) {
  TaskState attached;
  ASSERT_EQ(attached.begin_poll(), PollStart::run);
  EXPECT_TRUE(attached.complete().handle_attached);
  EXPECT_TRUE(attached.is_complete());
  EXPECT_TRUE(attached.drop_join_interest());

  TaskState detached;
  EXPECT_FALSE(detached.drop_join_interest());
  ASSERT_EQ(detached.begin_poll(), PollStart::run);
  EXPECT_FALSE(detached.complete().handle_attached);
}

TEST(TaskState, TheJoinWakerGoesToWhoeverCompletesOnceSet) {
  TaskState waited;
  ASSERT_EQ(waited.begin_poll(), PollStart::run);
  EXPECT_FALSE(waited.has_join_waker());
  EXPECT_TRUE(waited.set_join_waker());
  EXPECT_TRUE(waited.has_join_waker());
  EXPECT_TRUE(waited.unset_join_waker());
  EXPECT_TRUE(waited.set_join_waker());
  EXPECT_TRUE(waited.complete().join_waker_set);
  EXPECT_FALSE(waited.unset_join_waker());

  TaskState late;
  ASSERT_EQ(late.begin_poll(), PollStart::run);
  EXPECT_FALSE(late.complete().join_waker_set);
  EXPECT_FALSE(late.set_join_waker());
}

TEST(TaskState, ACompleteTaskIgnoresWakesAndCancellation) {
  SuspendedTask task;
  ASSERT_TRUE(task.state.wake(task.generation));
  ASSERT_EQ(task.state.begin_poll(), PollStart::run);
  task.state.complete();
  EXPECT_FALSE(task.state.wake(task.generation));
  EXPECT_FALSE(task.state.request_cancel());
  EXPECT_FALSE(task.state.claim_for_shutdown());
  EXPECT_EQ(task.state.begin_poll(), PollStart::skip);
}

TEST(TaskState, ShutdownClaimsQueuedAndSuspendedTasks) {
  TaskState queued;
  EXPECT_TRUE(queued.claim_for_shutdown());
  SuspendedTask suspended;
  EXPECT_TRUE(suspended.state.claim_for_shutdown());
  // A wake racing with shutdown only leaves a note; nothing gets queued.
  EXPECT_FALSE(suspended.state.wake(suspended.generation));
}

} // namespace
} // namespace corolint::rt::detail
