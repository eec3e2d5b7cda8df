#include "corolint/rt/notify.h"

#include <cassert>
#include <utility>

namespace corolint::rt {

Notify::~Notify() {
  assert(waiters_.empty() && "a Notify destroyed while tasks wait on it");
}

void Notify::notify_one() noexcept {
  std::lock_guard lock(mutex_);
  notify_one_locked();
}

void Notify::notify_one_locked() noexcept {
  detail::Waiter *first = waiters_.pop_front();
  if (first == nullptr) {
    permit_ = true;
    return;
  }
  auto &waiter = static_cast<Notified &>(*first);
  waiter.stage_ = Notified::Stage::picked_one;
  // Woken under the lock: the waiter may be destroyed once it is released.
  std::exchange(waiter.waker, Waker{}).wake();
}

void Notify::notify_waiters() noexcept {
  std::lock_guard lock(mutex_);
  ++waiters_calls_;
  while (detail::Waiter *waiter = waiters_.pop_front()) {
    static_cast<Notified &>(*waiter).stage_ = Notified::Stage::picked_all;
    std::exchange(waiter->waker, Waker{}).wake();
  }
}

Notify::Notified::Notified(Notify &notify) noexcept : notify_(&notify) {
  std::lock_guard lock(notify.mutex_);
  waiters_calls_ = notify.waiters_calls_;
}

Notify::Notified::Notified(Notified &&other) noexcept
    : notify_(other.notify_), waiters_calls_(other.waiters_calls_) {
  if (!other.queued_) {
    stage_ = other.stage_;
    return;
  }
  std::lock_guard lock(notify_->mutex_);
  stage_ = other.stage_;
  queued_ = std::exchange(other.queued_, false);
  waker = std::move(other.waker);
  if (stage_ == Stage::waiting)
    notify_->waiters_.replace(other, *this);
}

Notify::Notified::~Notified() {
  if (!queued_)
    return;
  Waker dropped;
  std::lock_guard lock(notify_->mutex_);
  switch (stage_) {
  case Stage::waiting:
    notify_->waiters_.remove(*this);
    dropped = std::move(waker);
    break;
  case Stage::picked_one:
    // Picked by notify_one() but never resumed: pass it on.
    notify_->notify_one_locked();
    break;
  case Stage::init:
  case Stage::picked_all:
  case Stage::done:
    break;
  }
}

bool Notify::Notified::try_complete() noexcept {
  if (notify_->permit_) {
    notify_->permit_ = false;
    stage_ = Stage::done;
    return true;
  }
  if (notify_->waiters_calls_ != waiters_calls_) {
    stage_ = Stage::done;
    return true;
  }
  return false;
}

bool Notify::Notified::await_ready() noexcept {
  if (!queued_ && stage_ == Stage::done)
    return true;
  std::lock_guard lock(notify_->mutex_);
  if (queued_)
    return stage_ != Stage::waiting; // picked after a select it lost
  return try_complete();
}

bool Notify::Notified::await_suspend(std::coroutine_handle<> awaiting) {
  Waker waker = current_waker(awaiting);
  std::lock_guard lock(notify_->mutex_);
  if (queued_) {
    if (stage_ != Stage::waiting)
      return false;
    // Awaited again after a select it lost: keep the place, swap the waker
    // (the old one is dropped once the lock is released).
    notify_->waiters_.add_or_update(*this, waker);
    return true;
  }
  if (try_complete())
    return false;
  stage_ = Stage::waiting;
  queued_ = true;
  notify_->waiters_.add_or_update(*this, waker);
  return true;
}

void Notify::Notified::await_resume() noexcept {
  if (!queued_)
    return;
  std::lock_guard lock(notify_->mutex_);
  assert(stage_ == Stage::picked_one || stage_ == Stage::picked_all);
  stage_ = Stage::done;
  queued_ = false;
}

} // namespace corolint::rt
