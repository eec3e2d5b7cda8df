#pragma once

#include "corolint/rt/detail/blocking_job.h"
#include "corolint/rt/detail/task_registry.h"
#include "corolint/rt/detail/timer_queue.h"
#include "corolint/rt/unhandled_exception_handler.h"

#include <cstdint>
#include <exception>
#include <memory>

namespace corolint::rt::detail {

class BlockingPool;
class CompletionLatch;
class TaskHeader;

/// What every runtime flavour shares: the registry of unfinished tasks, how a
/// task is polled, completed and cancelled, where unobserved exceptions go,
/// the timers and the blocking pool. A flavour decides where queued tasks wait and which threads poll them.
///
/// Tasks keep their scheduler alive, so that a waker firing on a foreign
/// thread while the runtime shuts down never touches freed memory; the
/// runtime calls shutdown() to stop the workers and destroy unfinished tasks.
class Scheduler : public std::enable_shared_from_this<Scheduler> {
public:
  Scheduler(UnhandledExceptionHandler handler, BlockingPoolOptions blocking);
  virtual ~Scheduler();
  Scheduler(const Scheduler &) = delete;
  Scheduler &operator=(const Scheduler &) = delete;

  /// Takes over one reference to `task` and queues it to be polled. Once the
  /// scheduler is shut down, drops the reference instead.
  virtual void schedule(TaskHeader *task) noexcept = 0;

  /// Like schedule(), for a task a waker resumes: a flavour may run it next
  /// on the thread that woke it, while what it waits for is warm in cache.
  virtual void schedule_woken(TaskHeader *task) noexcept { schedule(task); }

  /// Returns once `latch` is set. A flavour without worker threads polls its
  /// tasks on the calling thread meanwhile.
  virtual void block_until(CompletionLatch &latch) = 0;

  /// Stops polling, then destroys the frames of all unfinished tasks. Must
  /// not be called from one of this scheduler's threads.
  virtual void shutdown() noexcept = 0;

  /// Registers a new task and queues its first poll. If the scheduler is
  /// shutting down, the task is cancelled without ever running.
  void submit(TaskHeader *task) noexcept;

  void report_unhandled(const std::exception_ptr &failure) const noexcept;

  TimerQueue &timers() noexcept { return timers_; }

  /// Called after a timer was armed with a deadline earlier than any other,
  /// so that a thread sleeping until the previous one wakes up sooner.
  virtual void on_earliest_deadline(TimerClock::time_point deadline) noexcept;

  /// Hands `job` to the blocking pool. Returns false, destroying the job
  /// unrun, once the pool is shut down.
  bool submit_blocking(std::unique_ptr<BlockingJob> job);

protected:
  /// Waits for running blocking jobs and drops queued ones; part of every
  /// flavour's shutdown, before its workers stop.
  void shut_down_blocking_pool() noexcept;

  /// Polls `task` once, consuming the run-queue reference the caller holds.
  /// If the task finishes, its registry entry goes to `finished`, the
  /// polling thread's batch of removals.
  void run(TaskHeader *task, TaskRegistry::Removals &finished) noexcept;

  TaskRegistry &registry() noexcept { return registry_; }

  /// Destroys the frames of all unfinished tasks. Only call once no thread
  /// polls tasks of this scheduler any more.
  void cancel_unfinished_tasks() noexcept;

private:
  enum class Ending : std::uint8_t { returned, cancelled };

  /// Resumes `task`; returns whether it finished.
  bool poll(TaskHeader *task) noexcept;
  void complete(TaskHeader *task, Ending ending) noexcept;

  TaskRegistry registry_;
  UnhandledExceptionHandler handler_;
  TimerQueue timers_;
  std::unique_ptr<BlockingPool> blocking_pool_;
};

} // namespace corolint::rt::detail
