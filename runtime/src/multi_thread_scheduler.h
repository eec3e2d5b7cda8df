#pragma once

#include "corolint/rt/detail/scheduler.h"
#include "task_queue.h"

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace corolint::rt::detail {

/// A pool of worker threads. Each worker has a local run queue it takes tasks
/// from in FIFO order; tasks woken on a worker go to its local queue, tasks
/// woken elsewhere go to a shared injection queue. A worker without work
/// checks the injection queue, then steals half of another worker's queue,
/// and parks only when every queue is empty.
///
/// Timers: workers fire due timers every few tasks and whenever they unpark.
/// Of the parked workers one, the timer driver, sleeps only until the
/// earliest deadline; the others sleep until there is work. Nothing polls.
class MultiThreadScheduler final : public Scheduler {
public:
  MultiThreadScheduler(std::size_t worker_count,
                       UnhandledExceptionHandler handler,
                       BlockingPoolOptions blocking);
  ~MultiThreadScheduler() override;

  void start();
  void schedule(TaskHeader *task) noexcept override;
  void block_until(CompletionLatch &latch) override;
  void shutdown() noexcept override;
  void on_earliest_deadline(TimerClock::time_point deadline) noexcept override;

private:
  struct Worker {
    explicit Worker(std::uint64_t seed) noexcept : random_state(seed) {}
    TaskQueue local;
    std::thread thread;
    std::uint32_t ticks = 0;
    std::uint64_t random_state;
  };

  void run_worker(Worker &self) noexcept;
  TaskHeader *next_task(Worker &self) noexcept;
  TaskHeader *steal(Worker &thief) noexcept;
  void park() noexcept;
  void park_as_timer_driver(std::unique_lock<std::mutex> &lock) noexcept;
  /// With park_mutex_ held: wakes a sleeping worker that has not been woken
  /// yet. Returns false if there is none.
  bool notify_sleeper() noexcept;
  void wake_idle_worker() noexcept;
  void stop_workers() noexcept;

  std::vector<std::unique_ptr<Worker>> workers_;
  TaskQueue injection_;
  // Tasks sitting in any queue. Parked workers sleep while it is zero.
  std::atomic<std::int64_t> queued_{0};
  std::atomic<std::size_t> idle_workers_{0};
  std::atomic<bool> stopping_{false};
  std::mutex park_mutex_;
  // Parked workers other than the timer driver wait here.
  std::condition_variable work_available_;
  std::size_t sleeping_workers_ = 0;
  // Wake-ups sent to sleeping workers that have not woken up yet.
  std::size_t sleepers_notified_ = 0;
  // The timer driver waits here, until its deadline at the latest.
  std::condition_variable driver_wakeup_;
  bool driver_parked_ = false;
  TimerClock::time_point driver_deadline_ = TimerClock::time_point::max();
  bool shut_down_ = false;
};

} // namespace corolint::rt::detail
