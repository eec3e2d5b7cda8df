#pragma once

#include "corolint/rt/detail/spin_mutex.h"

#include <array>
#include <atomic>
#include <cstddef>
#include <mutex>

namespace corolint::rt::detail {

class TaskHeader;

/// Every unfinished task of a scheduler, so that shutdown can destroy the
/// frames of tasks that are suspended and referenced from nowhere else.
/// Holds one reference to each registered task.
///
/// The tasks are spread over shards by address, each with its own lock, so
/// that workers spawning and finishing tasks at once rarely wait for each
/// other.
class TaskRegistry {
public:
  TaskRegistry() = default;
  TaskRegistry(const TaskRegistry &) = delete;
  TaskRegistry &operator=(const TaskRegistry &) = delete;

  /// Adopts a reference to `task`. Returns false, adopting nothing, once the
  /// registry is closed.
  bool insert(TaskHeader *task) noexcept;
  /// Removes a registered task; the caller takes over its reference.
  void remove(TaskHeader *task) noexcept;
  /// Refuses further inserts.
  void close() noexcept;
  /// Removes any registered task and hands over its reference, or returns
  /// nullptr when none is left.
  TaskHeader *pop() noexcept;

private:
  static constexpr unsigned kShardBits = 5;
  static constexpr std::size_t kShards = std::size_t{1} << kShardBits;

  struct alignas(64) Shard {
    SpinMutex mutex;
    TaskHeader *head = nullptr;
    bool closed = false;
  };

  Shard &shard_of(const TaskHeader *task) noexcept;
  static void unlink(Shard &shard, TaskHeader *task) noexcept;

  std::array<Shard, kShards> shards_;
  // Where pop() found a task last; a hint only.
  std::atomic<std::size_t> pop_from_{0};
};

} // namespace corolint::rt::detail
