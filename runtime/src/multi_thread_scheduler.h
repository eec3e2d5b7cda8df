#pragma once

#include "asymmetric_fence.h"
#include "corolint/rt/detail/scheduler.h"
#include "corolint/rt/detail/task_memory.h"
#include "local_run_queue.h"
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

/// A pool of worker threads. Each worker has a lock-free local run queue it
/// takes tasks from in FIFO order; tasks woken on a worker go to its local
/// queue, except the first one woken by the task it is polling: that one
/// goes to the worker's next-task slot and runs right after, while what it
/// waits for is warm in cache (a few times in a row at most, so that two
/// tasks waking each other do not starve the queue). Tasks woken elsewhere
/// go to a shared injection queue, and so does the older half of a local
/// queue that overflows. A worker without work checks the injection queue,
/// then steals half of another worker's queue, and parks only when every
/// queue is empty.
///
/// Waking parked workers: queuing a task wakes one only when no worker is
/// already searching for work; a woken worker searches until it finds a
/// task, and the last searcher to find one wakes another if work is left.
///
/// Timers: workers fire due timers every few tasks and whenever they unpark.
/// Of the parked workers one, the timer driver, sleeps only until the
/// earliest deadline; the others sleep until there is work. Nothing polls.
/// The tasks a worker's timers wake stay on that worker, which wakes
/// another only if it has more than one to run; a driver that unparks fires
/// the due timers first, then wakes a sleeping worker to take the driving
/// over.
class MultiThreadScheduler final : public Scheduler {
public:
  MultiThreadScheduler(std::size_t worker_count,
                       UnhandledExceptionHandler handler,
                       BlockingPoolOptions blocking);
  ~MultiThreadScheduler() override;

  void start();
  void schedule(TaskHeader *task) noexcept override;
  void schedule_woken(TaskHeader *task) noexcept override;
  void block_until(CompletionLatch &latch) override;
  void shutdown() noexcept override;
  void on_earliest_deadline(TimerClock::time_point deadline) noexcept override;

private:
  struct Worker final : RemoteFreeWatcher {
    Worker(MultiThreadScheduler &owner, std::uint64_t seed,
           TaskRegistry &registry) noexcept
        : scheduler(owner), random_state(seed), finished(registry) {}
    void on_remote_free() noexcept override {
      scheduler.wake_to_trim_memory(*this);
    }
    MultiThreadScheduler &scheduler;
    LocalRunQueue local;
    // Only this worker fills it; others empty it when they have nothing
    // else to do, so that a task here is not stuck behind a long poll.
    std::atomic<TaskHeader *> next{nullptr};
    std::thread thread;
    std::uint32_t ticks = 0;
    std::uint32_t next_streak = 0;
    std::uint64_t random_state;
    TaskRegistry::Removals finished;
    // When it may next take back task memory freed elsewhere; whether it
    // owes that once more, and when, while idle.
    TimerClock::time_point next_memory_trim{};
    TimerClock::time_point idle_trim_at{};
    bool idle_trim_owed = false;
    // Guarded by park_mutex_: whether task memory was freed into its slabs
    // while it watched for that, and what it waits on while parked.
    bool freed_while_parked = false;
    std::condition_variable *parked_on = nullptr;
    bool ran_since_parking = false;
    bool searching = false;
    bool firing_timers = false;
  };

  Worker *current_worker() const noexcept;
  void run_worker(Worker &self) noexcept;
  void fire_due_timers(Worker &self) noexcept;
  /// The next task, looking again for a few microseconds before giving up.
  TaskHeader *find_task(Worker &self) noexcept;
  TaskHeader *next_task(Worker &self) noexcept;
  /// Returns to the worker's slabs the task memory other threads freed into
  /// them: after it ran tasks, unless that was done a moment ago, and once
  /// more a while after it went idle, when park() wakes it for that. Then,
  /// owing nothing, it watches for more being freed into them while parked.
  static void trim_memory_before_parking(Worker &self) noexcept;
  /// After park(): ends the watch; memory freed meanwhile owes a trim a
  /// while later, so that the frees that follow are taken back in one go.
  static void end_free_watch(Worker &self) noexcept;
  static void owe_idle_trim(Worker &self) noexcept;
  /// Wakes the parked `worker`, whose slabs got memory freed into them.
  void wake_to_trim_memory(Worker &worker) noexcept;
  TaskHeader *take_injected(Worker &self) noexcept;
  static TaskHeader *take_next(Worker &worker) noexcept;
  TaskHeader *steal(Worker &thief) noexcept;
  void push_local(Worker &self, TaskHeader *task) noexcept;
  void push_injected(TaskHeader *task) noexcept;
  void stop_searching(Worker &self) noexcept;
  bool has_visible_work() const noexcept;
  void wake_worker_if_needed() noexcept;
  /// Returns whether this worker was the timer driver.
  bool park(Worker &self) noexcept;
  void park_as_timer_driver(Worker &self,
                            std::unique_lock<std::mutex> &lock) noexcept;
  void hand_off_driving() noexcept;
  /// Whom a change made under park_mutex_ is for; they are notified once
  /// the lock is released.
  enum class Wakeup : std::uint8_t { none, sleeper, driver };
  /// With park_mutex_ held: hands a wake-up to a parked worker that has none
  /// yet, which then searches for work. Returns whom to notify, none if
  /// every parked worker has one already.
  Wakeup wake_parked_worker() noexcept;
  /// With park_mutex_ held and a sleeping worker without a wake-up: hands
  /// it one.
  Wakeup wake_sleeper() noexcept;
  void notify(Wakeup wakeup) noexcept;
  void stop_workers() noexcept;

  std::vector<std::unique_ptr<Worker>> workers_;
  TaskQueue injection_;
  std::atomic<std::size_t> idle_workers_{0};
  std::atomic<std::size_t> searching_workers_{0};
  std::atomic<bool> stopping_{false};
  AsymmetricFence parking_fence_;
  std::mutex park_mutex_;
  // Parked workers other than the timer driver wait here.
  std::condition_variable work_available_;
  std::size_t sleeping_workers_ = 0;
  // Wake-ups handed to sleeping workers and not yet taken by one.
  std::size_t sleeper_wakeups_ = 0;
  // The timer driver waits here, until its deadline at the latest.
  std::condition_variable driver_wakeup_;
  bool driver_parked_ = false;
  bool driver_woken_ = false;
  TimerClock::time_point driver_deadline_ = TimerClock::time_point::max();
  bool shut_down_ = false;
};

} // namespace corolint::rt::detail
