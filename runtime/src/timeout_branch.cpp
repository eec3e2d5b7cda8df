#include "corolint/rt/detail/timeout_branch.h"

#include <utility>

namespace corolint::rt::detail {

void TimeoutBranch::release_target() noexcept {
  if (refs_.fetch_sub(1, std::memory_order_acq_rel) == 1)
    delete this;
}

std::uint64_t
TimeoutBranch::begin_suspension_at(std::coroutine_handle<> resume_at) noexcept {
  resume_at_ = resume_at;
  std::lock_guard lock(mutex_);
  woken_ = false;
  return ++generation_;
}

void TimeoutBranch::wake_target(std::uint64_t generation) noexcept {
  Waker parent;
  {
    std::lock_guard lock(mutex_);
    if (generation != generation_ || woken_)
      return;
    woken_ = true;
    parent = parent_;
  }
  parent.wake();
}

bool TimeoutBranch::woken() const {
  std::lock_guard lock(mutex_);
  return woken_;
}

void TimeoutBranch::set_parent(const Waker &parent) {
  bool wake_now = false;
  {
    std::lock_guard lock(mutex_);
    wake_now = woken_;
    parent_ = parent;
  }
  if (wake_now)
    parent.wake();
}

void TimeoutBranch::detach() noexcept {
  Waker dropped;
  std::lock_guard lock(mutex_);
  dropped = std::move(parent_);
}

} // namespace corolint::rt::detail
