#pragma once

#include "corolint/rt/waker.h"

#include <cassert>
#include <utility>

namespace corolint::rt::detail {

/// A suspended awaiter's entry in a WaiterList. It lives inside the awaiter,
/// so registering never allocates, and the awaiter's destructor unlinks it.
/// Guarded by the mutex of whatever owns the list.
struct Waiter {
  Waiter() noexcept = default;
  Waiter(const Waiter &) = delete;
  Waiter &operator=(const Waiter &) = delete;
  ~Waiter() { assert(!linked && "a waiter was destroyed while still listed"); }

  Waker waker;
  Waiter *prev = nullptr;
  Waiter *next = nullptr;
  bool linked = false;
};

/// An intrusive FIFO of waiters; not synchronised.
class WaiterList {
public:
  WaiterList() noexcept = default;
  WaiterList(const WaiterList &) = delete;
  WaiterList &operator=(const WaiterList &) = delete;
  ~WaiterList() { assert(empty() && "waiters left in a destroyed list"); }

  bool empty() const noexcept { return head_ == nullptr; }
  /// The oldest waiter, left listed, or nullptr.
  Waiter *front() const noexcept { return head_; }

  void push_back(Waiter &waiter) noexcept {
    assert(!waiter.linked);
    waiter.prev = tail_;
    waiter.next = nullptr;
    if (tail_ != nullptr)
      tail_->next = &waiter;
    else
      head_ = &waiter;
    tail_ = &waiter;
    waiter.linked = true;
  }

  void remove(Waiter &waiter) noexcept {
    assert(waiter.linked);
    if (waiter.prev != nullptr)
      waiter.prev->next = waiter.next;
    else
      head_ = waiter.next;
    if (waiter.next != nullptr)
      waiter.next->prev = waiter.prev;
    else
      tail_ = waiter.prev;
    waiter.prev = waiter.next = nullptr;
    waiter.linked = false;
  }

  /// `replacement` takes the listed `waiter`'s place (a moved awaiter).
  void replace(Waiter &waiter, Waiter &replacement) noexcept {
    assert(waiter.linked && !replacement.linked);
    replacement.prev = std::exchange(waiter.prev, nullptr);
    replacement.next = std::exchange(waiter.next, nullptr);
    if (replacement.prev != nullptr)
      replacement.prev->next = &replacement;
    else
      head_ = &replacement;
    if (replacement.next != nullptr)
      replacement.next->prev = &replacement;
    else
      tail_ = &replacement;
    replacement.linked = true;
    waiter.linked = false;
  }

  /// Lists `waiter` with `waker`, or, if it is listed already (its awaiter
  /// is awaited again, say after losing a select), only gives it `waker`,
  /// keeping its place. `waker` is left holding the waker it replaced, to
  /// be dropped once the owner's lock is released.
  void add_or_update(Waiter &waiter, Waker &waker) noexcept {
    std::swap(waiter.waker, waker);
    if (!waiter.linked)
      push_back(waiter);
  }

  /// Unlinks `waiter` if it is listed.
  void remove_if_linked(Waiter &waiter) noexcept {
    if (waiter.linked)
      remove(waiter);
  }

  /// Unlinks and returns the oldest waiter, or nullptr.
  Waiter *pop_front() noexcept {
    Waiter *first = head_;
    if (first != nullptr)
      remove(*first);
    return first;
  }

  /// Unlinks every waiter and wakes it. Called under the owner's lock: the
  /// waiters may be destroyed as soon as it is released. Waking only
  /// schedules tasks, it never runs them.
  void wake_all() noexcept {
    while (Waiter *waiter = pop_front())
      std::exchange(waiter->waker, Waker{}).wake();
  }

  /// Like wake_all(), for the waiters that satisfy `should_wake` only.
  template <class Predicate> void wake_if(Predicate should_wake) noexcept {
    Waiter *waiter = head_;
    while (waiter != nullptr) {
      Waiter *next = waiter->next;
      if (should_wake(*waiter)) {
        remove(*waiter);
        std::exchange(waiter->waker, Waker{}).wake();
      }
      waiter = next;
    }
  }

private:
  Waiter *head_ = nullptr;
  Waiter *tail_ = nullptr;
};

} // namespace corolint::rt::detail
