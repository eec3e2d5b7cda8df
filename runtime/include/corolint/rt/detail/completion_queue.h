#pragma once

#include "corolint/rt/detail/completion_observer.h"
#include "corolint/rt/detail/spin_mutex.h"
#include "corolint/rt/detail/task_list.h"
#include "corolint/rt/waker.h"

#include <mutex>
#include <utility>

namespace corolint::rt::detail {

/// Collects completed tasks in the order they complete, and wakes the one
/// task waiting for the next of them.
class CompletionQueue final : public CompletionObserver {
public:
  CompletionQueue() = default;
  CompletionQueue(const CompletionQueue &) = delete;
  CompletionQueue &operator=(const CompletionQueue &) = delete;
  ~CompletionQueue() override {
    while (TaskHeader *task = completed_.pop_front())
      task->release();
  }

  void on_task_complete(TaskHeader &task) noexcept override {
    task.retain();
    Waker waiter;
    {
      std::lock_guard lock(mutex_);
      completed_.push_back(&task);
      waiter = std::move(waiter_);
    }
    waiter.wake();
  }

  bool has_completed() const {
    std::lock_guard lock(mutex_);
    return !completed_.empty();
  }

  /// Stores the waker to wake on the next completion. Returns false, without
  /// storing, if a completed task is already waiting to be taken.
  bool set_waiter(Waker waker) {
    std::lock_guard lock(mutex_);
    if (!completed_.empty())
      return false;
    waiter_ = std::move(waker);
    return true;
  }

  /// The earliest completed task not yet taken, with a reference the caller
  /// must release; nullptr if there is none.
  TaskHeader *pop() noexcept {
    std::lock_guard lock(mutex_);
    return completed_.pop_front();
  }

private:
  mutable SpinMutex mutex_;
  TaskList completed_;
  Waker waiter_;
};

} // namespace corolint::rt::detail
