#include "corolint/rt/detail/branch_hub.h"

#include "corolint/rt/detail/context.h"

#include <cassert>
#include <chrono>
#include <functional>
#include <random>
#include <thread>
#include <utility>

namespace corolint::rt::detail {

BranchHub::BranchHub(std::size_t count)
    : branches_(std::make_unique<Branch[]>(count)), count_(count) {
  assert(count > 0 && count <= kMaxBranches);
  for (std::size_t i = 0; i < count; ++i) {
    branches_[i].hub = this;
    branches_[i].bit = std::uint64_t{1} << i;
  }
}

void BranchHub::release() noexcept {
  if (refs_.fetch_sub(1, std::memory_order_acq_rel) == 1)
    delete this;
}

void BranchHub::start(std::size_t index, std::coroutine_handle<> entry) {
  {
    const std::lock_guard lock(mutex_);
    branches_[index].resume_point = entry;
  }
  run(index);
}

void BranchHub::resume(std::size_t index) { run(index); }

void BranchHub::run(std::size_t index) {
  Branch &branch = branches_[index];
  std::coroutine_handle<> resume_point;
  {
    const std::lock_guard lock(mutex_);
    resume_point = branch.resume_point;
    branch.armed = false;
  }
  const WakeTargetScope scope(&branch);
  resume_point.resume();
}

std::uint64_t BranchHub::take_woken() noexcept {
  const std::lock_guard lock(mutex_);
  return std::exchange(woken_, 0);
}

bool BranchHub::park(const Waker &task) {
  const std::lock_guard lock(mutex_);
  if (woken_ != 0)
    return false;
  task_ = task;
  return true;
}

void BranchHub::close() noexcept {
  Waker dropped;
  const std::lock_guard lock(mutex_);
  closed_ = true;
  dropped = std::move(task_);
}

std::uint64_t BranchHub::Branch::begin_suspension_at(
    std::coroutine_handle<> resume_at) noexcept {
  const std::lock_guard lock(hub->mutex_);
  resume_point = resume_at;
  armed = true;
  // A wake-up noted while the branch ran was for a suspension that is over.
  hub->woken_ &= ~bit;
  return ++generation;
}

void BranchHub::Branch::wake_target(std::uint64_t woken_generation) noexcept {
  Waker task;
  {
    const std::lock_guard lock(hub->mutex_);
    if (hub->closed_ || !armed || woken_generation != generation)
      return;
    armed = false;
    hub->woken_ |= bit;
    task = std::move(hub->task_);
  }
  task.wake();
}

namespace {

/// Suspends the task running the hub until a branch is woken. Always
/// suspends: a branch woken while the task was running (one that yielded,
/// say) is resumed after the task has been rescheduled, so that a branch
/// cannot keep its task from ever giving its thread back.
class WaitForBranch {
public:
  explicit WaitForBranch(BranchHub &hub) noexcept : hub_(&hub) {}
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> awaiting) const {
    const Waker task = current_waker(awaiting);
    if (!hub_->park(task))
      task.wake();
  }
  void await_resume() const noexcept {}

private:
  BranchHub *hub_;
};

bool decided(std::span<const BranchSlot> slots, std::size_t index,
             RunUntil until, std::size_t &remaining, std::size_t &result) {
  const BranchSlot &slot = slots[index];
  if (!slot.handle.done())
    return false;
  --remaining;
  const bool failed = *slot.failure != nullptr;
  if (until == RunUntil::first_done) {
    result = index;
    return true;
  }
  if (failed && result == slots.size())
    result = index;
  return remaining == 0 ||
         (failed && until == RunUntil::all_done_or_failure);
}

} // namespace

Task<std::size_t> run_branches(BranchHub &hub, std::span<const BranchSlot> slots,
                               std::size_t first, RunUntil until) {
  const std::size_t count = slots.size();
  std::size_t remaining = count;
  std::size_t result = count;
  for (std::size_t k = 0; k < count; ++k) {
    const std::size_t index = (first + k) % count;
    hub.start(index, slots[index].handle);
    if (decided(slots, index, until, remaining, result))
      co_return result;
  }
  for (;;) {
    co_await WaitForBranch{hub};
    const std::uint64_t woken = hub.take_woken();
    for (std::size_t k = 0; k < count; ++k) {
      const std::size_t index = (first + k) % count;
      if ((woken & (std::uint64_t{1} << index)) == 0 ||
          slots[index].handle.done())
        continue;
      hub.resume(index);
      if (decided(slots, index, until, remaining, result))
        co_return result;
    }
  }
}

std::size_t random_branch_index(std::size_t count) noexcept {
  thread_local std::minstd_rand generator{static_cast<std::uint_fast32_t>(
      std::hash<std::thread::id>{}(std::this_thread::get_id()) ^
      static_cast<std::size_t>(
          std::chrono::steady_clock::now().time_since_epoch().count()))};
  return std::uniform_int_distribution<std::size_t>{0, count - 1}(generator);
}

} // namespace corolint::rt::detail
