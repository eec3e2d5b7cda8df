#include "corolint/rt/notify.h"

#include <cassert>
#include <utility>

namespace corolint::rt {

Notify::~Notify() {
  assert(head_ == nullptr && "a Notify destroyed while tasks wait on it");
}

void Notify::notify_one() noexcept {
  std::lock_guard lock(mutex_);
  notify_one_locked();
}

void Notify::notify_one_locked() noexcept {
  Notified *waiter = head_;
  if (waiter == nullptr) {
    permit_ = true;
    return;
  }
  unlink(*waiter);
  waiter->stage_ = Notified::Stage::picked_one;
  // Woken under the lock: the waiter may be destroyed once it is released.
  std::exchange(waiter->waker_, Waker{}).wake();
}

void Notify::notify_waiters() noexcept {
  std::lock_guard lock(mutex_);
  ++waiters_calls_;
  while (Notified *waiter = head_) {
    unlink(*waiter);
    waiter->stage_ = Notified::Stage::picked_all;
    std::exchange(waiter->waker_, Waker{}).wake();
  }
}

void Notify::push_back(Notified &waiter) noexcept {
  waiter.prev_ = tail_;
  waiter.next_ = nullptr;
  if (tail_ != nullptr)
    tail_->next_ = &waiter;
  else
    head_ = &waiter;
  tail_ = &waiter;
}

void Notify::unlink(Notified &waiter) noexcept {
  if (waiter.prev_ != nullptr)
    waiter.prev_->next_ = waiter.next_;
  else
    head_ = waiter.next_;
  if (waiter.next_ != nullptr)
    waiter.next_->prev_ = waiter.prev_;
  else
    tail_ = waiter.prev_;
  waiter.prev_ = waiter.next_ = nullptr;
}

Notify::Notified::Notified(Notify &notify) noexcept : notify_(&notify) {
  std::lock_guard lock(notify.mutex_);
  waiters_calls_ = notify.waiters_calls_;
}

void Notify::replace(Notified &waiter, Notified &replacement) noexcept {
  replacement.prev_ = std::exchange(waiter.prev_, nullptr);
  replacement.next_ = std::exchange(waiter.next_, nullptr);
  if (replacement.prev_ != nullptr)
    replacement.prev_->next_ = &replacement;
  else
    head_ = &replacement;
  if (replacement.next_ != nullptr)
    replacement.next_->prev_ = &replacement;
  else
    tail_ = &replacement;
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
  waker_ = std::move(other.waker_);
  if (stage_ == Stage::waiting)
    notify_->replace(other, *this);
}

Notify::Notified::~Notified() {
  if (!queued_)
    return;
  Waker dropped;
  std::lock_guard lock(notify_->mutex_);
  switch (stage_) {
  case Stage::waiting:
    notify_->unlink(*this);
    dropped = std::move(waker_);
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
    std::swap(waker_, waker);
    return true;
  }
  if (try_complete())
    return false;
  waker_ = std::move(waker);
  stage_ = Stage::waiting;
  queued_ = true;
  notify_->push_back(*this);
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
