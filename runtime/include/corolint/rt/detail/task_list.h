#pragma once

#include "corolint/rt/detail/task_header.h"

#include <cstddef>
#include <utility>

namespace corolint::rt::detail {

/// An intrusive FIFO of tasks; not synchronised. Pushing never allocates.
class TaskList {
public:
  TaskList() noexcept = default;
  TaskList(TaskList &&other) noexcept
      : head_(std::exchange(other.head_, nullptr)),
        tail_(std::exchange(other.tail_, nullptr)),
        size_(std::exchange(other.size_, 0)) {}
  TaskList &operator=(TaskList &&other) noexcept {
    TaskList moved(std::move(other));
    std::swap(head_, moved.head_);
    std::swap(tail_, moved.tail_);
    std::swap(size_, moved.size_);
    return *this;
  }
  TaskList(const TaskList &) = delete;
  TaskList &operator=(const TaskList &) = delete;

  bool empty() const noexcept { return head_ == nullptr; }
  std::size_t size() const noexcept { return size_; }

  void push_back(TaskHeader *task) noexcept {
    task->list_next_ = nullptr;
    if (tail_ != nullptr)
      tail_->list_next_ = task;
    else
      head_ = task;
    tail_ = task;
    ++size_;
  }

  TaskHeader *pop_front() noexcept {
    TaskHeader *task = head_;
    if (task == nullptr)
      return nullptr;
    head_ = std::exchange(task->list_next_, nullptr);
    if (head_ == nullptr)
      tail_ = nullptr;
    --size_;
    return task;
  }

  void append(TaskList &&other) noexcept {
    if (other.empty())
      return;
    if (tail_ != nullptr)
      tail_->list_next_ = other.head_;
    else
      head_ = other.head_;
    tail_ = other.tail_;
    size_ += other.size_;
    other.head_ = other.tail_ = nullptr;
    other.size_ = 0;
  }

  /// Removes and returns the first `count` tasks (all if fewer).
  TaskList take_front(std::size_t count) noexcept {
    TaskList taken;
    while (count-- > 0 && !empty())
      taken.push_back(pop_front());
    return taken;
  }

private:
  TaskHeader *head_ = nullptr;
  TaskHeader *tail_ = nullptr;
  std::size_t size_ = 0;
};

} // namespace corolint::rt::detail
