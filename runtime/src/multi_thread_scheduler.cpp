#include "multi_thread_scheduler.h"

#include "corolint/rt/detail/completion_latch.h"
#include "corolint/rt/detail/context.h"
#include "corolint/rt/detail/spin_mutex.h"
#include "corolint/rt/detail/task_memory.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <optional>
#include <utility>

namespace corolint::rt::detail {
namespace {

// How often a worker looks at the injection queue before its local queue,
// so that tasks woken from outside are not starved by busy workers.
constexpr std::uint32_t kInjectionCheckInterval = 61;

// How often a busy worker fires due timers.
constexpr std::uint32_t kTimerCheckInterval = 61;

// How often at most a worker about to park takes back the task memory
// other threads freed into its slabs, which costs a walk over the slabs of
// each size freed.
constexpr std::chrono::milliseconds kMemoryTrimInterval{10};

// How long after it went idle, or after memory was freed into its slabs
// while it was idle, a worker wakes up to take back the task memory freed
// elsewhere meanwhile.
constexpr std::chrono::seconds kIdleTrimDelay{1};

// How long a worker that found no task keeps looking before it parks, and
// how long it pauses between looks, so as not to pull the cache lines of
// the queues it looks at away from the workers filling them all the time.
constexpr std::chrono::microseconds kSpinBeforeParking{20};
constexpr int kPausesPerLook = 64;

// How many tasks in a row a worker takes from its next-task slot before it
// goes back to its queue.
constexpr std::uint32_t kMaxNextStreak = 16;

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
    workers_.push_back(std::make_unique<Worker>(
        *this, 0x9E3779B97F4A7C15ULL * (i + 1), registry()));
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

MultiThreadScheduler::Worker *
MultiThreadScheduler::current_worker() const noexcept {
  const CurrentWorker &current = tls_current_worker;
  return current.scheduler == this ? static_cast<Worker *>(current.worker)
                                   : nullptr;
}

void MultiThreadScheduler::schedule(TaskHeader *task) noexcept {
  if (Worker *self = current_worker())
    push_local(*self, task);
  else
    push_injected(task);
}

void MultiThreadScheduler::schedule_woken(TaskHeader *task) noexcept {
  Worker *self = current_worker();
  if (self == nullptr) {
    push_injected(task);
    return;
  }
  // Only wake-ups from inside a task's code: the joiner of a task that just
  // finished gathers more results if it waits its turn in the queue.
  if (current_task() != nullptr &&
      self->next.load(std::memory_order_relaxed) == nullptr) {
    // Tasks woken later in the same poll queue behind, so that they still
    // run in the order woken. Nobody is woken for this one: this worker
    // takes it as soon as the poll ends.
    // Release: publishes the task to a worker that empties the slot.
    self->next.store(task, std::memory_order_release);
    return;
  }
  push_local(*self, task);
}

void MultiThreadScheduler::push_local(Worker &self, TaskHeader *task) noexcept {
  while (!self.local.try_push(task)) {
    // Full: the older half moves to the injection queue, where any worker
    // can take it, which costs one lock for many tasks.
    std::array<TaskHeader *, LocalRunQueue::kCapacity / 2> older{};
    const std::size_t count = self.local.take_older_half(older);
    if (count == 0)
      continue; // Thieves emptied it meanwhile.
    TaskList moved;
    for (std::size_t i = 0; i < count; ++i)
      moved.push_back(older[i]);
    moved.push_back(task);
    // The injection queue closes only once the workers are stopped.
    injection_.push_all(moved);
    break;
  }
  if (!self.firing_timers)
    wake_worker_if_needed();
}

void MultiThreadScheduler::push_injected(TaskHeader *task) noexcept {
  if (!injection_.push(task)) {
    task->release();
    return;
  }
  // Not only the light fence: this thread runs no tasks, so a searching
  // worker that stops must see the task (see stop_searching).
  std::atomic_thread_fence(std::memory_order_seq_cst);
  wake_worker_if_needed();
}

void MultiThreadScheduler::block_until(CompletionLatch &latch) {
  latch.wait();
  // This thread may have spawned tasks that workers finished and freed; a
  // thread that is not a worker takes its task memory back only here or
  // when it allocates more.
  trim_task_memory();
}

void MultiThreadScheduler::shutdown() noexcept {
  if (std::exchange(shut_down_, true))
    return;
  shut_down_blocking_pool();
  stop_workers();
  release_all(injection_.close());
  for (auto &worker : workers_) {
    if (TaskHeader *task = take_next(*worker))
      task->release();
    while (TaskHeader *task = worker->local.pop())
      task->release();
  }
  cancel_unfinished_tasks();
}

void MultiThreadScheduler::run_worker(Worker &self) noexcept {
  tls_current_worker = {this, &self};
  SchedulerScope scope(this);
  bool check_timers = true;
  while (!stopping_.load(std::memory_order_acquire)) {
    if (check_timers)
      fire_due_timers(self);
    if (TaskHeader *task = find_task(self)) {
      if (self.searching)
        stop_searching(self);
      run(task, self.finished);
      self.ran_since_parking = true;
      check_timers = self.ticks % kTimerCheckInterval == 0;
      continue;
    }
    self.finished.flush();
    trim_memory_before_parking(self);
    const bool drove = park(self);
    end_free_watch(self);
    if (drove) {
      // This worker stopped driving the timers. It fires the due ones
      // before a sleeper takes over, so that the two do not race for the
      // tasks the timers wake.
      fire_due_timers(self);
      hand_off_driving();
      check_timers = false;
    } else {
      check_timers = true;
    }
  }
  self.finished.flush();
  tls_current_worker = {};
}

void MultiThreadScheduler::trim_memory_before_parking(Worker &self) noexcept {
  const TimerClock::time_point now = TimerClock::now();
  bool trim = false;
  if (std::exchange(self.ran_since_parking, false)) {
    // What the tasks it ran allocated may be freed elsewhere later on.
    owe_idle_trim(self);
    trim = now >= self.next_memory_trim;
  } else if (self.idle_trim_owed && now >= self.idle_trim_at) {
    self.idle_trim_owed = false;
    trim = true;
  }
  if (trim) {
    self.next_memory_trim = now + kMemoryTrimInterval;
    trim_task_memory();
  }
  if (!self.idle_trim_owed && !watch_remote_frees(self)) {
    // Told meanwhile, perhaps: that is the same news.
    self.freed_while_parked = false;
    owe_idle_trim(self);
  }
}

void MultiThreadScheduler::end_free_watch(Worker &self) noexcept {
  // Not under park_mutex_, which a thread telling this worker may wait for.
  if (end_remote_free_watch()) {
    self.freed_while_parked = false;
    owe_idle_trim(self);
  }
}

void MultiThreadScheduler::owe_idle_trim(Worker &self) noexcept {
  self.idle_trim_owed = true;
  self.idle_trim_at = TimerClock::now() + kIdleTrimDelay;
}

void MultiThreadScheduler::wake_to_trim_memory(Worker &worker) noexcept {
  std::condition_variable *parked_on = nullptr;
  {
    std::lock_guard lock(park_mutex_);
    worker.freed_while_parked = true;
    parked_on = worker.parked_on;
  }
  // The sleepers share a condition variable; the others go back to sleep.
  if (parked_on == &work_available_)
    work_available_.notify_all();
  else if (parked_on == &driver_wakeup_)
    driver_wakeup_.notify_one();
}

void MultiThreadScheduler::fire_due_timers(Worker &self) noexcept {
  // The tasks the timers wake go to this worker's queue without waking
  // anybody each: this worker runs the first of them next, and wakes
  // another worker once if it queued more.
  self.firing_timers = true;
  const std::size_t fired = timers().fire_due_now();
  self.firing_timers = false;
  if (fired != 0 && (self.local.size() > 1 || injection_.has_tasks()))
    wake_worker_if_needed();
}

TaskHeader *MultiThreadScheduler::find_task(Worker &self) noexcept {
  if (TaskHeader *task = next_task(self))
    return task;
  // Parking costs a process-wide fence and two context switches; a task
  // queued within a few microseconds is taken without them. The worker
  // spins rather than yields: on a busy machine a yield can give its
  // timeslice away for milliseconds, and with it the timers it would fire.
  const TimerClock::time_point give_up = TimerClock::now() + kSpinBeforeParking;
  do {
    for (int i = 0; i < kPausesPerLook; ++i)
      cpu_relax();
    if (has_visible_work())
      if (TaskHeader *task = next_task(self))
        return task;
  } while (TimerClock::now() < give_up);
  return nullptr;
}

TaskHeader *MultiThreadScheduler::next_task(Worker &self) noexcept {
  if (++self.ticks % kInjectionCheckInterval == 0)
    if (TaskHeader *task = injection_.pop())
      return task;
  if (TaskHeader *task = take_next(self)) {
    if (self.next_streak < kMaxNextStreak) {
      ++self.next_streak;
      return task;
    }
    // Its turn comes after the queued tasks; this worker gets to it, so
    // nobody is woken for it.
    if (!self.local.try_push(task))
      push_local(self, task);
  }
  self.next_streak = 0;
  if (TaskHeader *task = self.local.pop())
    return task;
  if (TaskHeader *task = take_injected(self))
    return task;
  return steal(self);
}

TaskHeader *MultiThreadScheduler::take_injected(Worker &self) noexcept {
  // A fair share of the injected tasks, moved in one go; the local queue is
  // empty, so there is room for them.
  const std::size_t share = std::min<std::size_t>(
      injection_.size() / workers_.size() + 1, LocalRunQueue::kCapacity / 2);
  TaskList taken = injection_.pop_front(share);
  TaskHeader *task = taken.pop_front();
  if (taken.empty())
    return task;
  while (TaskHeader *queued = taken.pop_front())
    if (!self.local.try_push(queued))
      push_local(self, queued);
  // Other workers may help with the rest.
  wake_worker_if_needed();
  return task;
}

TaskHeader *MultiThreadScheduler::take_next(Worker &worker) noexcept {
  if (worker.next.load(std::memory_order_relaxed) == nullptr)
    return nullptr;
  return worker.next.exchange(nullptr, std::memory_order_acquire);
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
    if (TaskHeader *task = victim.local.steal_into(thief.local))
      return task;
  }
  for (const auto &victim : workers_)
    if (victim.get() != &thief)
      if (TaskHeader *task = take_next(*victim))
        return task;
  return nullptr;
}

void MultiThreadScheduler::stop_searching(Worker &self) noexcept {
  self.searching = false;
  // The last searcher to find work wakes another worker if more is queued:
  // whoever queued it may have counted on this one and woken nobody. A full
  // fence, not the heavy one, which would delay the task just found. It
  // pairs with the full fence of a thread outside the runtime queuing a
  // task. It may miss a task a worker is queuing at this very moment, but
  // that worker is awake and runs the task itself if nobody steals it, and
  // this one steals it once it is done with its own.
  if (searching_workers_.fetch_sub(1, std::memory_order_seq_cst) == 1) {
    std::atomic_thread_fence(std::memory_order_seq_cst);
    if (has_visible_work())
      wake_worker_if_needed();
  }
}

bool MultiThreadScheduler::has_visible_work() const noexcept {
  if (injection_.has_tasks())
    return true;
  for (const auto &worker : workers_)
    if (worker->local.has_tasks())
      return true;
  return false;
}

// The parking protocol: a worker about to sleep first counts itself idle
// (and stops counting as searching), then looks into every queue; a thread
// that queued a task then looks at those counts. Both separate their write
// from their reads with a fence, so at least one of them sees the other:
// the task is found, or a worker is woken for it. Queuing is far more
// frequent than parking, so the queuing side takes the light fence.
void MultiThreadScheduler::wake_worker_if_needed() noexcept {
  parking_fence_.light();
  // A searching worker finds the task, or wakes another one when it stops
  // searching.
  if (searching_workers_.load(std::memory_order_relaxed) != 0 ||
      idle_workers_.load(std::memory_order_relaxed) == 0)
    return;
  std::unique_lock lock(park_mutex_);
  if (searching_workers_.load(std::memory_order_relaxed) != 0)
    return;
  const Wakeup wakeup = wake_parked_worker();
  lock.unlock();
  notify(wakeup);
}

bool MultiThreadScheduler::park(Worker &self) noexcept {
  std::unique_lock lock(park_mutex_);
  idle_workers_.fetch_add(1, std::memory_order_seq_cst);
  if (self.searching) {
    self.searching = false;
    searching_workers_.fetch_sub(1, std::memory_order_seq_cst);
  }
  parking_fence_.heavy();
  bool drove = false;
  if (!has_visible_work()) {
    if (!driver_parked_) {
      park_as_timer_driver(self, lock);
      drove = true;
    } else {
      ++sleeping_workers_;
      // Also returns when the driver left while timers are armed, so that
      // this worker parks again as the driver.
      const auto woken = [this, &self] {
        return stopping_.load(std::memory_order_acquire) ||
               sleeper_wakeups_ > 0 || self.freed_while_parked ||
               (!driver_parked_ && timers().next_deadline().has_value());
      };
      self.parked_on = &work_available_;
      if (self.idle_trim_owed)
        work_available_.wait_until(lock, self.idle_trim_at, woken);
      else
        work_available_.wait(lock, woken);
      self.parked_on = nullptr;
      --sleeping_workers_;
      if (sleeper_wakeups_ > 0) {
        --sleeper_wakeups_;
        self.searching = true;
      }
    }
  }
  idle_workers_.fetch_sub(1, std::memory_order_seq_cst);
  return drove;
}

void MultiThreadScheduler::park_as_timer_driver(
    Worker &self, std::unique_lock<std::mutex> &lock) noexcept {
  driver_parked_ = true;
  self.parked_on = &driver_wakeup_;
  while (!stopping_.load(std::memory_order_acquire) && !driver_woken_ &&
         !self.freed_while_parked) {
    const std::optional<TimerClock::time_point> deadline =
        timers().next_deadline();
    // Any deadline armed meanwhile that is earlier: on_earliest_deadline
    // wakes us.
    driver_deadline_ = deadline.value_or(TimerClock::time_point::max());
    TimerClock::time_point wake_at = driver_deadline_;
    if (self.idle_trim_owed)
      wake_at = std::min(wake_at, self.idle_trim_at);
    if (wake_at == TimerClock::time_point::max()) {
      driver_wakeup_.wait(lock);
      continue;
    }
    if (wake_at <= TimerClock::now())
      break;
    driver_wakeup_.wait_until(lock, wake_at);
  }
  self.parked_on = nullptr;
  driver_deadline_ = TimerClock::time_point::max();
  driver_parked_ = false;
  if (std::exchange(driver_woken_, false))
    self.searching = true;
}

void MultiThreadScheduler::hand_off_driving() noexcept {
  if (!timers().next_deadline().has_value())
    return;
  Wakeup wakeup = Wakeup::none;
  {
    std::lock_guard lock(park_mutex_);
    // A sleeping worker takes over the driving while this one works. It
    // searches for work on its way, so that what this one wakes wakes
    // nobody else. A sleeper that holds a wake-up already parks again, as
    // the driver, if it finds nothing.
    if (!driver_parked_ && sleeper_wakeups_ == 0 && sleeping_workers_ > 0 &&
        timers().next_deadline().has_value())
      wakeup = wake_sleeper();
  }
  notify(wakeup);
}

MultiThreadScheduler::Wakeup MultiThreadScheduler::wake_sleeper() noexcept {
  ++sleeper_wakeups_;
  searching_workers_.fetch_add(1, std::memory_order_seq_cst);
  return Wakeup::sleeper;
}

MultiThreadScheduler::Wakeup MultiThreadScheduler::wake_parked_worker() noexcept {
  if (sleeping_workers_ > sleeper_wakeups_)
    return wake_sleeper();
  if (driver_parked_ && !driver_woken_) {
    driver_woken_ = true;
    searching_workers_.fetch_add(1, std::memory_order_seq_cst);
    return Wakeup::driver;
  }
  return Wakeup::none;
}

// Called after park_mutex_ is released, so that the woken thread does not
// block on it right away. A sleeper counted in sleeping_workers_ is waiting
// or checks its wake-up condition under the lock before it waits, so the
// state changed under the lock reaches it either way.
void MultiThreadScheduler::notify(Wakeup wakeup) noexcept {
  switch (wakeup) {
  case Wakeup::none:
    break;
  case Wakeup::sleeper:
    work_available_.notify_one();
    break;
  case Wakeup::driver:
    driver_wakeup_.notify_one();
    break;
  }
}

void MultiThreadScheduler::on_earliest_deadline(
    TimerClock::time_point deadline) noexcept {
  Wakeup wakeup = Wakeup::none;
  {
    std::lock_guard lock(park_mutex_);
    if (driver_parked_) {
      if (deadline < driver_deadline_)
        wakeup = Wakeup::driver;
    } else if (sleeping_workers_ > 0) {
      // No driver: a sleeping worker becomes it.
      wakeup = Wakeup::sleeper;
    }
  }
  notify(wakeup);
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
