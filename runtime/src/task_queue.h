#pragma once

#include "corolint/rt/detail/task_list.h"

#include <mutex>
#include <utility>

namespace corolint::rt::detail {

/// A run queue shared between threads. Once closed it refuses new tasks.
class TaskQueue {
public:
  /// Returns false, leaving the task to the caller, once closed.
  bool push(TaskHeader *task) noexcept {
    std::lock_guard lock(mutex_);
    if (closed_)
      return false;
    tasks_.push_back(task);
    return true;
  }

  /// Only for the queue's own worker, which keeps it open while running.
  void push_all(TaskList &&tasks) noexcept {
    std::lock_guard lock(mutex_);
    tasks_.append(std::move(tasks));
  }

  TaskHeader *pop() noexcept {
    std::lock_guard lock(mutex_);
    return tasks_.pop_front();
  }

  /// Takes the older half of the queued tasks (rounded up).
  TaskList steal_half() noexcept {
    std::lock_guard lock(mutex_);
    return tasks_.take_front((tasks_.size() + 1) / 2);
  }

  /// Closes the queue and returns what was left in it.
  TaskList close() noexcept {
    std::lock_guard lock(mutex_);
    closed_ = true;
    return std::move(tasks_);
  }

private:
  std::mutex mutex_;
  TaskList tasks_;
  bool closed_ = false;
};

} // namespace corolint::rt::detail
