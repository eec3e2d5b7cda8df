#pragma once

#include "corolint/rt/detail/scheduler.h"
#include "corolint/rt/detail/task_list.h"

#include <condition_variable>
#include <mutex>

namespace corolint::rt::detail {

/// Runs tasks on the thread that calls block_on, one block_on at a time.
/// Tasks spawned or woken while nobody blocks wait in the queue until the
/// next block_on, and so do timers: the driving thread fires them, and
/// sleeps until the earliest deadline when no task is ready.
class CurrentThreadScheduler final : public Scheduler {
public:
  CurrentThreadScheduler(UnhandledExceptionHandler handler,
                         BlockingPoolOptions blocking);
  ~CurrentThreadScheduler() override;

  void schedule(TaskHeader *task) noexcept override;
  void block_until(CompletionLatch &latch) override;
  void shutdown() noexcept override;

private:
  /// The next task; before waiting for one, flushes `finished`.
  TaskHeader *wait_for_task(TaskRegistry::Removals &finished);

  std::mutex driver_mutex_;
  std::mutex queue_mutex_;
  std::condition_variable task_queued_;
  TaskList queue_;
  bool closed_ = false;
};

} // namespace corolint::rt::detail
