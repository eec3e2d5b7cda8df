#include "current_thread_scheduler.h"

#include "corolint/rt/detail/completion_latch.h"
#include "corolint/rt/detail/context.h"
#include "corolint/rt/detail/task_memory.h"

#include <optional>
#include <utility>

namespace corolint::rt::detail {

CurrentThreadScheduler::CurrentThreadScheduler(
    UnhandledExceptionHandler handler, BlockingPoolOptions blocking)
    : Scheduler(std::move(handler), blocking) {}

CurrentThreadScheduler::~CurrentThreadScheduler() { shutdown(); }

void CurrentThreadScheduler::schedule(TaskHeader *task) noexcept {
  {
    std::lock_guard lock(queue_mutex_);
    if (!closed_) {
      queue_.push_back(task);
      task = nullptr;
    }
  }
  if (task != nullptr)
    task->release();
  else
    task_queued_.notify_one();
}

void CurrentThreadScheduler::block_until(CompletionLatch &latch) {
  std::lock_guard driving(driver_mutex_);
  SchedulerScope scope(this);
  // The latch is set by a task completing, and tasks complete only on the
  // driving thread, so it cannot become set while this thread waits.
  TaskRegistry::Removals finished(registry());
  while (!latch.is_set())
    run(wait_for_task(finished), finished);
  finished.flush();
  // Tasks spawned from other threads and finished here were freed into
  // those threads' slabs; and this thread's tasks may have been freed
  // elsewhere.
  trim_task_memory();
}

TaskHeader *
CurrentThreadScheduler::wait_for_task(TaskRegistry::Removals &finished) {
  // Tasks run only on this thread, so only this thread arms timers: no
  // earlier deadline can appear while it waits.
  for (;;) {
    timers().fire_due_now();
    std::unique_lock lock(queue_mutex_);
    if (!queue_.empty())
      return queue_.pop_front();
    lock.unlock();
    finished.flush();
    lock.lock();
    if (!queue_.empty())
      return queue_.pop_front();
    const auto has_task = [this] { return !queue_.empty(); };
    if (const auto deadline = timers().next_deadline())
      task_queued_.wait_until(lock, *deadline, has_task);
    else
      task_queued_.wait(lock, has_task);
    if (!queue_.empty())
      return queue_.pop_front();
  }
}

void CurrentThreadScheduler::shutdown() noexcept {
  shut_down_blocking_pool();
  TaskList leftover;
  {
    std::lock_guard lock(queue_mutex_);
    if (std::exchange(closed_, true))
      return;
    leftover = std::move(queue_);
  }
  while (TaskHeader *task = leftover.pop_front())
    task->release();
  cancel_unfinished_tasks();
}

} // namespace corolint::rt::detail
