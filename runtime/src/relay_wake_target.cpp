#include "corolint/rt/detail/relay_wake_target.h"

#include "corolint/rt/detail/context.h"

#include <utility>

namespace corolint::rt::detail {

void RelayWakeTarget::release_target() noexcept {
  if (refs_.fetch_sub(1, std::memory_order_acq_rel) == 1)
    delete this;
}

std::uint64_t RelayWakeTarget::begin_suspension_at(
    std::coroutine_handle<> resume_at) noexcept {
  const std::lock_guard lock(mutex_);
  resume_at_ = resume_at;
  runnable_ = false;
  return ++generation_;
}

void RelayWakeTarget::wake_target(std::uint64_t generation) noexcept {
  Waker parent;
  {
    const std::lock_guard lock(mutex_);
    if (generation != generation_ || runnable_)
      return;
    runnable_ = true;
    parent = parent_;
  }
  parent.wake();
}

void RelayWakeTarget::make_runnable_at(
    std::coroutine_handle<> resume_at) noexcept {
  const std::lock_guard lock(mutex_);
  resume_at_ = resume_at;
  runnable_ = true;
  ++generation_;
}

bool RelayWakeTarget::runnable() const noexcept {
  const std::lock_guard lock(mutex_);
  return runnable_;
}

void RelayWakeTarget::run() {
  std::coroutine_handle<> resume_at;
  {
    Waker stale;
    const std::lock_guard lock(mutex_);
    stale = std::move(parent_);
    resume_at = resume_at_;
    runnable_ = false;
    ++generation_;
  }
  const WakeTargetScope scope(this);
  resume_at.resume();
}

void RelayWakeTarget::set_parent(const Waker &parent) {
  bool wake_now = false;
  {
    const std::lock_guard lock(mutex_);
    wake_now = runnable_;
    parent_ = parent;
  }
  if (wake_now)
    parent.wake();
}

void RelayWakeTarget::detach() noexcept {
  Waker dropped;
  const std::lock_guard lock(mutex_);
  dropped = std::move(parent_);
}

} // namespace corolint::rt::detail
