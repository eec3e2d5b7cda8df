#include "corolint/rt/detail/scheduler.h"

#include "blocking_pool.h"
#include "corolint/rt/detail/context.h"
#include "corolint/rt/detail/task_header.h"
#include "print_unhandled_exception.h"

#include <cstdio>
#include <utility>

namespace corolint::rt::detail {

Scheduler::Scheduler(UnhandledExceptionHandler handler,
                     BlockingPoolOptions blocking)
    : handler_(handler ? std::move(handler)
                       : UnhandledExceptionHandler(print_unhandled_exception)),
      blocking_pool_(std::make_unique<BlockingPool>(blocking)) {}

Scheduler::~Scheduler() = default;

void Scheduler::submit(TaskHeader *task) noexcept {
  // The registry's reference and the run queue's.
  task->retain(2);
  if (!registry_.insert(task)) {
    task->state().claim_for_shutdown();
    complete(task, Ending::cancelled);
    task->release(2);
    return;
  }
  schedule(task);
}

void Scheduler::report_unhandled(
    const std::exception_ptr &failure) const noexcept {
  try {
    handler_(failure);
  } catch (...) {
    std::fputs("corolint::rt: the unhandled-exception handler threw\n",
               stderr);
    print_unhandled_exception(failure);
  }
}

void Scheduler::on_earliest_deadline(TimerClock::time_point) noexcept {}

bool Scheduler::submit_blocking(std::unique_ptr<BlockingJob> job) {
  return blocking_pool_->submit(std::move(job));
}

void Scheduler::shut_down_blocking_pool() noexcept {
  blocking_pool_->shutdown();
}

void Scheduler::run(TaskHeader *task,
                    TaskRegistry::Removals &finished) noexcept {
  bool done = false;
  switch (task->state().begin_poll()) {
  case TaskState::PollStart::run:
    done = poll(task);
    break;
  case TaskState::PollStart::cancel:
    complete(task, Ending::cancelled);
    done = true;
    break;
  case TaskState::PollStart::skip:
    break;
  }
  // The run queue's reference; the registry's goes with the removal.
  task->release();
  if (done)
    finished.add(task);
}

bool Scheduler::poll(TaskHeader *task) noexcept {
  {
    CurrentTaskScope current(task);
    task->resume_frame();
  }
  if (task->frame_done()) {
    complete(task, Ending::returned);
    return true;
  }
  if (task->state().end_poll()) {
    task->retain();
    schedule(task);
  }
  return false;
}

void Scheduler::complete(TaskHeader *task, Ending ending) noexcept {
  if (ending == Ending::returned)
    task->collect_outcome();
  // Destructors of the task's locals run before anyone sees it finished.
  task->destroy_frame();
  if (ending == Ending::cancelled)
    task->mark_cancelled();
  task->publish_completion();
}

void Scheduler::cancel_unfinished_tasks() noexcept {
  // Destructors running below may spawn or abort tasks: spawning on a
  // closed registry cancels the new task at once.
  SchedulerScope scope(this);
  registry_.close();
  while (TaskHeader *task = registry_.pop()) {
    if (task->state().claim_for_shutdown())
      complete(task, Ending::cancelled);
    task->release();
  }
}

} // namespace corolint::rt::detail
