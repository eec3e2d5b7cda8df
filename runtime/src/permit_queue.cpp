#include "corolint/rt/detail/permit_queue.h"

#include <cassert>
#include <stdexcept>
#include <utility>

namespace corolint::rt::detail {

PermitQueue::PermitQueue(std::size_t permits) : permits_(permits) {
  if (permits > kMaxPermits)
    throw std::length_error("corolint::rt: too many permits");
}

PermitQueue::~PermitQueue() {
  assert(waiters_.empty() && "destroyed while tasks wait for permits");
}

bool PermitQueue::try_acquire(std::size_t count) noexcept {
  std::lock_guard lock(mutex_);
  return try_acquire_locked(count);
}

bool PermitQueue::try_acquire_locked(std::size_t count) noexcept {
  if (closed_ || !waiters_.empty() || permits_ < count)
    return false;
  permits_ -= count;
  return true;
}

void PermitQueue::release(std::size_t count) noexcept {
  if (count == 0)
    return;
  std::lock_guard lock(mutex_);
  permits_ += count;
  grant_waiters();
}

void PermitQueue::add_permits(std::size_t count) {
  std::lock_guard lock(mutex_);
  if (count > kMaxPermits - permits_)
    throw std::length_error("corolint::rt: too many permits");
  permits_ += count;
  grant_waiters();
}

void PermitQueue::close() noexcept {
  std::lock_guard lock(mutex_);
  closed_ = true;
  while (Waiter *waiter = waiters_.pop_front()) {
    static_cast<Acquire &>(*waiter).stage_ = Acquire::Stage::closed;
    std::exchange(waiter->waker, Waker{}).wake();
  }
}

bool PermitQueue::is_closed() const noexcept {
  std::lock_guard lock(mutex_);
  return closed_;
}

std::size_t PermitQueue::available() const noexcept {
  std::lock_guard lock(mutex_);
  return permits_;
}

void PermitQueue::grant_waiters() noexcept {
  while (Waiter *first = waiters_.front()) {
    auto &waiter = static_cast<Acquire &>(*first);
    if (waiter.count_ > permits_)
      return;
    permits_ -= waiter.count_;
    waiters_.remove(waiter);
    waiter.stage_ = Acquire::Stage::granted;
    std::exchange(waiter.waker, Waker{}).wake();
  }
}

void PermitQueue::cancel(Acquire &waiter) noexcept {
  Waker dropped;
  std::lock_guard lock(mutex_);
  switch (waiter.stage_) {
  case Acquire::Stage::queued:
    // Leaving may let the waiters it held back go ahead.
    waiters_.remove(waiter);
    dropped = std::move(waiter.waker);
    grant_waiters();
    break;
  case Acquire::Stage::granted:
    // Granted, but its task never resumed to take the permits.
    permits_ += waiter.count_;
    grant_waiters();
    break;
  case Acquire::Stage::idle:
  case Acquire::Stage::closed:
  case Acquire::Stage::taken:
    break;
  }
  waiter.stage_ = Acquire::Stage::idle;
}

PermitQueue::Acquire::Acquire(Acquire &&other) noexcept
    : queue_(other.queue_), count_(other.count_) {
  assert(other.stage_ == Stage::idle && "moving an awaited acquisition");
}

PermitQueue::Acquire::~Acquire() {
  if (in_queue_)
    queue_->cancel(*this);
}

bool PermitQueue::Acquire::ready() noexcept {
  if (in_queue_) {
    // Awaited again after an earlier await was abandoned (a select it
    // lost): it keeps its place, and may have been granted meanwhile.
    std::lock_guard lock(queue_->mutex_);
    return stage_ != Stage::queued;
  }
  if (!queue_->try_acquire(count_))
    return false;
  stage_ = Stage::taken;
  return true;
}

bool PermitQueue::Acquire::suspend(std::coroutine_handle<> awaiting) {
  Waker waker = current_waker(awaiting);
  std::lock_guard lock(queue_->mutex_);
  if (in_queue_) {
    if (stage_ != Stage::queued)
      return false;
    queue_->waiters_.add_or_update(*this, waker);
    return true;
  }
  if (queue_->closed_) {
    stage_ = Stage::closed;
    return false;
  }
  if (queue_->try_acquire_locked(count_)) {
    stage_ = Stage::taken;
    return false;
  }
  stage_ = Stage::queued;
  in_queue_ = true;
  queue_->waiters_.add_or_update(*this, waker);
  return true;
}

bool PermitQueue::Acquire::finish() noexcept {
  if (in_queue_) {
    std::lock_guard lock(queue_->mutex_);
    in_queue_ = false;
    assert(stage_ == Stage::granted || stage_ == Stage::closed);
    if (stage_ == Stage::closed)
      return false;
    stage_ = Stage::taken;
    return true;
  }
  assert(stage_ == Stage::taken || stage_ == Stage::closed);
  return stage_ == Stage::taken;
}

} // namespace corolint::rt::detail
