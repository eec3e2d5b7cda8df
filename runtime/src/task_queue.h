#pragma once

#include "corolint/rt/detail/spin_mutex.h"
#include "corolint/rt/detail/task_list.h"

#include <atomic>
#include <cstddef>
#include <mutex>
#include <utility>

namespace corolint::rt::detail {

/// A run queue shared between threads. Once closed it refuses new tasks.
/// Its length can be read without the lock, so that looking into an empty
/// queue costs no locking.
class TaskQueue {
public:
  /// Returns false, leaving the task to the caller, once closed.
  bool push(TaskHeader *task) noexcept {
    std::lock_guard lock(mutex_);
    if (closed_)
      return false;
    tasks_.push_back(task);
    publish_size();
    return true;
  }

  /// Returns false, leaving the tasks in `tasks`, once closed.
  bool push_all(TaskList &tasks) noexcept {
    std::lock_guard lock(mutex_);
    if (closed_)
      return false;
    tasks_.append(std::move(tasks));
    publish_size();
    return true;
  }

  TaskHeader *pop() noexcept {
    if (!has_tasks())
      return nullptr;
    std::lock_guard lock(mutex_);
    TaskHeader *task = tasks_.pop_front();
    publish_size();
    return task;
  }

  /// Takes up to `count` of the oldest tasks.
  TaskList pop_front(std::size_t count) noexcept {
    if (!has_tasks())
      return {};
    std::lock_guard lock(mutex_);
    TaskList taken = tasks_.take_front(count);
    publish_size();
    return taken;
  }

  /// A snapshot; pairs with the fences of the scheduler's parking protocol.
  bool has_tasks() const noexcept {
    return size_.load(std::memory_order_acquire) != 0;
  }
  std::size_t size() const noexcept {
    return size_.load(std::memory_order_relaxed);
  }

  /// Closes the queue and returns what was left in it.
  TaskList close() noexcept {
    std::lock_guard lock(mutex_);
    closed_ = true;
    TaskList left = std::move(tasks_);
    publish_size();
    return left;
  }

private:
  void publish_size() noexcept {
    size_.store(tasks_.size(), std::memory_order_release);
  }

  SpinMutex mutex_;
  TaskList tasks_;
  std::atomic<std::size_t> size_{0};
  bool closed_ = false;
};

} // namespace corolint::rt::detail
