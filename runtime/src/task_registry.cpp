#include "corolint/rt/detail/task_registry.h"

#include "corolint/rt/detail/task_header.h"

#include <cstdint>

namespace corolint::rt::detail {

TaskRegistry::Shard &TaskRegistry::shard_of(const TaskHeader *task) noexcept {
  // Fibonacci hashing of the address; its low bits are alignment.
  const auto address = reinterpret_cast<std::uintptr_t>(task);
  const std::uint64_t hash =
      (static_cast<std::uint64_t>(address) >> 4) * 0x9E3779B97F4A7C15ULL;
  return shards_[hash >> (64 - kShardBits)];
}

bool TaskRegistry::insert(TaskHeader *task) noexcept {
  Shard &shard = shard_of(task);
  std::lock_guard lock(shard.mutex);
  if (shard.closed)
    return false;
  task->registry_prev_ = nullptr;
  task->registry_next_ = shard.head;
  if (shard.head != nullptr)
    shard.head->registry_prev_ = task;
  shard.head = task;
  return true;
}

void TaskRegistry::remove(TaskHeader *task) noexcept {
  Shard &shard = shard_of(task);
  std::lock_guard lock(shard.mutex);
  unlink(shard, task);
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
