#include "corolint/rt/detail/task_registry.h"

#include "corolint/rt/detail/task_header.h"

namespace corolint::rt::detail {

bool TaskRegistry::insert(TaskHeader *task) noexcept {
  std::lock_guard lock(mutex_);
  if (closed_)
    return false;
  task->registry_prev_ = nullptr;
  task->registry_next_ = head_;
  if (head_ != nullptr)
    head_->registry_prev_ = task;
  head_ = task;
  return true;
}

void TaskRegistry::remove(TaskHeader *task) noexcept {
  std::lock_guard lock(mutex_);
  unlink(task);
}

void TaskRegistry::close() noexcept {
  std::lock_guard lock(mutex_);
  closed_ = true;
}

TaskHeader *TaskRegistry::pop() noexcept {
  std::lock_guard lock(mutex_);
  TaskHeader *task = head_;
  if (task != nullptr)
    unlink(task);
  return task;
}

void TaskRegistry::unlink(TaskHeader *task) noexcept {
  if (task->registry_prev_ != nullptr)
    task->registry_prev_->registry_next_ = task->registry_next_;
  else
    head_ = task->registry_next_;
  if (task->registry_next_ != nullptr)
    task->registry_next_->registry_prev_ = task->registry_prev_;
  task->registry_prev_ = nullptr;
  task->registry_next_ = nullptr;
}

} // namespace corolint::rt::detail
