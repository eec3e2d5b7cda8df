#include "corolint/rt/detail/task_registry.h"

#include "corolint/rt/detail/task_header.h"

#include <algorithm>
#include <mutex>
#include <span>
#include <utility>

namespace corolint::rt::detail {
namespace {

// The shard a thread inserts into: threads take them in turn, so that
// workers get shards of their own.
std::uint8_t this_thread_shard(std::size_t shards) noexcept {
  static std::atomic<std::size_t> next_shard{0};
  thread_local const auto shard = static_cast<std::uint8_t>(
      next_shard.fetch_add(1, std::memory_order_relaxed) % shards);
  return shard;
}

} // namespace

bool TaskRegistry::insert(TaskHeader *task) noexcept {
  const std::uint8_t index = this_thread_shard(kShards);
  Shard &shard = shards_[index];
  std::lock_guard lock(shard.mutex);
  if (shard.closed)
    return false;
  task->registry_shard_ = index;
  task->registry_prev_ = nullptr;
  task->registry_next_ = shard.head;
  if (shard.head != nullptr)
    shard.head->registry_prev_ = task;
  shard.head = task;
  return true;
}

void TaskRegistry::Removals::flush() noexcept {
  const auto removed = std::span(tasks_).first(std::exchange(size_, 0));
  std::sort(removed.begin(), removed.end(),
            [](const TaskHeader *a, const TaskHeader *b) {
              return a->registry_shard_ < b->registry_shard_;
            });
  for (auto first = removed.begin(); first != removed.end();) {
    Shard &shard = registry_.shards_[(*first)->registry_shard_];
    std::lock_guard lock(shard.mutex);
    do {
      unlink(shard, *first);
      ++first;
    } while (first != removed.end() &&
             &registry_.shards_[(*first)->registry_shard_] == &shard);
  }
  for (TaskHeader *task : removed)
    task->release();
}

void TaskRegistry::close() noexcept {
  for (Shard &shard : shards_) {
    std::lock_guard lock(shard.mutex);
    shard.closed = true;
  }
}

TaskHeader *TaskRegistry::pop() noexcept {
  const std::size_t first = pop_from_.load(std::memory_order_relaxed);
  for (std::size_t i = 0; i < kShards; ++i) {
    const std::size_t index = (first + i) % kShards;
    Shard &shard = shards_[index];
    std::lock_guard lock(shard.mutex);
    if (TaskHeader *task = shard.head) {
      unlink(shard, task);
      pop_from_.store(index, std::memory_order_relaxed);
      return task;
    }
  }
  return nullptr;
}

void TaskRegistry::unlink(Shard &shard, TaskHeader *task) noexcept {
  if (task->registry_prev_ != nullptr)
    task->registry_prev_->registry_next_ = task->registry_next_;
  else
    shard.head = task->registry_next_;
  if (task->registry_next_ != nullptr)
    task->registry_next_->registry_prev_ = task->registry_prev_;
  task->registry_prev_ = nullptr;
  task->registry_next_ = nullptr;
}

} // namespace corolint::rt::detail
