#include "multi_thread_scheduler.h"

#include "corolint/rt/detail/completion_latch.h"
#include "corolint/rt/detail/context.h"

#include <utility>

namespace corolint::rt::detail {
namespace {

// How often a worker looks at the injection queue before its local queue,
// so that tasks woken from outside are not starved by busy workers.
constexpr std::uint32_t kInjectionCheckInterval = 61;

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
                                           UnhandledExceptionHandler handler)
    : Scheduler(std::move(handler)) {
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
  stop_workers();
  release_all(injection_.close());
  for (auto &worker : workers_)
    release_all(worker->local.close());
  cancel_unfinished_tasks();
}

void MultiThreadScheduler::run_worker(Worker &self) noexcept {
  tls_current_worker = {this, &self};
  SchedulerScope scope(this);
  while (!stopping_.load(std::memory_order_acquire)) {
    if (TaskHeader *task = next_task(self))
      run(task);
    else
      park();
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
  work_available_.wait(lock, [this] {
    return stopping_.load(std::memory_order_acquire) ||
           queued_.load(std::memory_order_seq_cst) > 0;
  });
  idle_workers_.fetch_sub(1, std::memory_order_seq_cst);
}

void MultiThreadScheduler::wake_idle_worker() noexcept {
  // Taking the lock orders this notification after a parking worker's
  // check of its wait condition.
  { std::lock_guard lock(park_mutex_); }
  work_available_.notify_one();
}

void MultiThreadScheduler::stop_workers() noexcept {
  {
    std::lock_guard lock(park_mutex_);
    stopping_.store(true, std::memory_order_release);
  }
  work_available_.notify_all();
  for (auto &worker : workers_)
    if (worker->thread.joinable())
      worker->thread.join();
}

} // namespace corolint::rt::detail
