#include "corolint/rt/detail/task_header.h"

#include "corolint/rt/cancelled.h"
#include "corolint/rt/detail/completion_observer.h"
#include "corolint/rt/detail/scheduler.h"

#include <stdexcept>
#include <utility>

namespace corolint::rt::detail {

TaskHeader::TaskHeader(std::shared_ptr<Scheduler> scheduler) noexcept
    : scheduler_(std::move(scheduler)) {}

// Only a task that was never started still owns its frame here.
TaskHeader::~TaskHeader() { destroy_frame(); }

void TaskHeader::destroy_frame() noexcept {
  resume_point_ = nullptr;
  if (root_)
    std::exchange(root_, nullptr).destroy();
}

void TaskHeader::wake(std::uint64_t generation) noexcept {
  if (state_.wake(generation)) {
    retain();
    scheduler_->schedule_woken(this);
  }
}

void TaskHeader::abort() noexcept {
  if (state_.request_cancel()) {
    retain();
    scheduler_->schedule(this);
  }
}

void TaskHeader::claim_outcome() {
  if (outcome_claimed_)
    throw std::logic_error(
        "corolint::rt: the result of this task was already taken");
  outcome_claimed_ = true;
  if (cancelled_)
    throw Cancelled{};
  // Handing the exception over lets its last reference go on the thread
  // that handles it rather than on whichever thread frees this header.
  if (std::exception_ptr failure = std::exchange(failure_, nullptr))
    std::rethrow_exception(std::move(failure));
}

bool TaskHeader::set_join_waker(Waker waker) {
  // A waker stored by an earlier await that was abandoned (in a select, a
  // timeout) is replaced.
  if (state_.has_join_waker() && !state_.unset_join_waker())
    return false;
  join_waker_ = std::move(waker);
  if (state_.set_join_waker())
    return true;
  // Completed meanwhile without seeing the waker, which is still ours.
  join_waker_ = Waker();
  return false;
}

void TaskHeader::publish_completion() noexcept {
  const TaskState::Completion completion = state_.complete();
  if (!completion.handle_attached)
    drop_outcome();
  if (std::shared_ptr<CompletionObserver> observer = std::move(observer_))
    observer->on_task_complete(*this);
  if (completion.join_waker_set) {
    const Waker waiter = std::move(join_waker_);
    waiter.wake();
  }
}

void TaskHeader::drop_join_handle() noexcept {
  if (state_.drop_join_interest())
    drop_outcome();
  release();
}

void TaskHeader::drop_outcome() noexcept {
  // A claimed outcome has no failure left.
  if (std::exception_ptr failure = std::exchange(failure_, nullptr))
    scheduler_->report_unhandled(failure);
  drop_value();
}

} // namespace corolint::rt::detail
