#include "multi_thread_scheduler.h"

#include "corolint/rt/detail/completion_latch.h"
#include "corolint/rt/detail/context.h"

#include <optional>
#include <utility>

namespace corolint::rt::detail {
namespace {

// How often a worker looks at the injection queue before its local queue,
// so that tasks woken from outside are not starved by busy workers.
constexpr std::uint32_t kInjectionCheckInterval = 61;

// How often a busy worker fires due timers.
constexpr std::uint32_t kTimerCheckInterval = 61;

struct CurrentWorker {
  const MultiThreadScheduler *scheduler = nullptr;
  void *worker = nullptr;
};

thread_local CurrentWorker tls_current_worker;

std::uint64_t next_random(std::uint64_t &state) noexcept {
  // xorshift64
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return state;
}

void release_all(TaskList tasks) noexcept {
  while (TaskHeader *task = tasks.pop_front())
    task->release();
}

} // namespace

MultiThreadScheduler::MultiThreadScheduler(std::size_t worker_count,
                                           UnhandledExceptionHandler handler,
                                           BlockingPoolOptions blocking)
    : Scheduler(std::move(handler), blocking) {
  workers_.reserve(worker_count);
  for (std::size_t i = 0; i < worker_count; ++i)
    workers_.push_back(
        std::make_unique<Worker>(0x9E3779B97F4A7C15ULL * (i + 1)));
}

MultiThreadScheduler::~MultiThreadScheduler() { shutdown(); }

void MultiThreadScheduler::start() {
  try {
    for (auto &worker : workers_)
      worker->thread = std::thread([this, &self = *worker] { run_worker(self); });
  } catch (...) {
    stop_workers();
    throw;
  }
}

void MultiThreadScheduler::schedule(TaskHeader *task) noexcept {
  const CurrentWorker &current = tls_current_worker;
  const bool queued =
      current.scheduler == this
          ? static_cast<Worker *>(current.worker)->local.push(task)
          : injection_.push(task);
  if (!queued) {
    task->release();
    return;
  }
  queued_.fetch_add(1, std::memory_order_seq_cst);
  if (idle_workers_.load(std::memory_order_seq_cst) > 0)
    wake_idle_worker();
}

void MultiThreadScheduler::block_until(CompletionLatch &latch) {
  latch.wait();
}

void MultiThreadScheduler::shutdown() noexcept {
  if (std::exchange(shut_down_, true))
    return;
  shut_down_blocking_pool();
  stop_workers();
  release_all(injection_.close());
  for (auto &worker : workers_)
    release_all(worker->local.close());
  cancel_unfinished_tasks();
}

void MultiThreadScheduler::run_worker(Worker &self) noexcept {
  tls_current_worker = {this, &self};
  SchedulerScope scope(this);
  bool check_timers = true;
  while (!stopping_.load(std::memory_order_acquire)) {
    if (check_timers)
      timers().fire_due_now();
    if (TaskHeader *task = next_task(self)) {
      run(task);
      check_timers = self.ticks % kTimerCheckInterval == 0;
    } else {
      park();
      check_timers = true;
    }
  }
  tls_current_worker = {};
}

TaskHeader *MultiThreadScheduler::next_task(Worker &self) noexcept {
  TaskHeader *task = nullptr;
  if (++self.ticks % kInjectionCheckInterval == 0)
    task = injection_.pop();
  if (task == nullptr)
    task = self.local.pop();
  if (task == nullptr)
    task = injection_.pop();
  if (task == nullptr)
    task = steal(self);
  if (task != nullptr)
    queued_.fetch_sub(1, std::memory_order_seq_cst);
  return task;
}

TaskHeader *MultiThreadScheduler::steal(Worker &thief) noexcept {
  const std::size_t count = workers_.size();
  if (count < 2)
    return nullptr;
  const std::size_t first = next_random(thief.random_state) % count;
  for (std::size_t i = 0; i < count; ++i) {
    Worker &victim = *workers_[(first + i) % count];
    if (&victim == &thief)
      continue;
    TaskList stolen = victim.local.steal_half();
    TaskHeader *task = stolen.pop_front();
    if (task == nullptr)
      continue;
    if (!stolen.empty()) {
      thief.local.push_all(std::move(stolen));
      // More work than this worker can start now: let another one help.
      if (idle_workers_.load(std::memory_order_seq_cst) > 0)
        wake_idle_worker();
    }
    return task;
  }
  return nullptr;
}

// Either a worker sees the queued count of a task scheduled concurrently, or
// the scheduling thread sees the worker idle and notifies it: both sides
// update one counter and read the other, all sequentially consistent.
void MultiThreadScheduler::park() noexcept {
  std::unique_lock lock(park_mutex_);
  idle_workers_.fetch_add(1, std::memory_order_seq_cst);
  if (!driver_parked_) {
    park_as_timer_driver(lock);
  } else {
    ++sleeping_workers_;
    // Also returns when the driver left while timers are armed, so that
    // this worker parks again as the driver.
    work_available_.wait(lock, [this] {
      return stopping_.load(std::memory_order_acquire) ||
             queued_.load(std::memory_order_seq_cst) > 0 ||
             (!driver_parked_ && timers().next_deadline().has_value());
    });
    --sleeping_workers_;
    if (sleepers_notified_ > 0)
      --sleepers_notified_;
  }
  idle_workers_.fetch_sub(1, std::memory_order_seq_cst);
}

void MultiThreadScheduler::park_as_timer_driver(
    std::unique_lock<std::mutex> &lock) noexcept {
  driver_parked_ = true;
  while (!stopping_.load(std::memory_order_acquire) &&
         queued_.load(std::memory_order_seq_cst) == 0) {
    const std::optional<TimerClock::time_point> deadline =
        timers().next_deadline();
    if (!deadline) {
      driver_wakeup_.wait(lock);
      continue;
    }
    if (*deadline <= TimerClock::now())
      break;
    driver_deadline_ = *deadline;
    driver_wakeup_.wait_until(lock, *deadline);
  }
  driver_deadline_ = TimerClock::time_point::max();
  driver_parked_ = false;
  // A sleeping worker takes over the driving while this one works.
  if (timers().next_deadline().has_value())
    notify_sleeper();
}

bool MultiThreadScheduler::notify_sleeper() noexcept {
  if (sleeping_workers_ <= sleepers_notified_)
    return false;
  ++sleepers_notified_;
  work_available_.notify_one();
  return true;
}

void MultiThreadScheduler::on_earliest_deadline(
    TimerClock::time_point deadline) noexcept {
  std::lock_guard lock(park_mutex_);
  if (driver_parked_) {
    if (deadline < driver_deadline_)
      driver_wakeup_.notify_one();
  } else {
    // No driver: a sleeping worker becomes it.
    notify_sleeper();
  }
}

void MultiThreadScheduler::wake_idle_worker() noexcept {
  // Taking the lock orders this notification after a parking worker's
  // check of its wait condition. A sleeping worker is preferred so that the
  // timer driver keeps watching the deadline; each wake-up goes to a worker
  // not woken already, so that as many workers wake as tasks were queued.
  std::lock_guard lock(park_mutex_);
  if (!notify_sleeper() && driver_parked_)
    driver_wakeup_.notify_one();
}

void MultiThreadScheduler::stop_workers() noexcept {
  {
    std::lock_guard lock(park_mutex_);
    stopping_.store(true, std::memory_order_release);
  }
  work_available_.notify_all();
  driver_wakeup_.notify_all();
  for (auto &worker : workers_)
    if (worker->thread.joinable())
      worker->thread.join();
}

} // namespace corolint::rt::detail
