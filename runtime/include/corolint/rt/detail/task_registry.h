#pragma once

#include "corolint/rt/detail/spin_mutex.h"

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>

namespace corolint::rt::detail {

class TaskHeader;

/// Every unfinished task of a scheduler, so that shutdown can destroy the
/// frames of tasks that are suspended and referenced from nowhere else.
/// Holds one reference to each registered task.
///
/// The tasks are spread over shards, each with its own lock. A task goes
/// into the shard of the thread that spawns it, and the thread that finishes
/// it drops it later, together with others (see Removals). So a thread
/// spawning tasks that another thread runs rarely waits for it.
class TaskRegistry {
public:
  /// The finished tasks of one thread, whose entries it drops in batches,
  /// taking each shard's lock once per batch. Not synchronised: each thread
  /// that finishes tasks has its own. Must be flushed before the thread
  /// idles, and before shutdown takes the tasks that are left.
  class Removals {
  public:
    explicit Removals(TaskRegistry &registry) noexcept
        : registry_(registry) {}
    ~Removals() { flush(); }
    Removals(const Removals &) = delete;
    Removals &operator=(const Removals &) = delete;

    /// Takes over the registry's reference to `task`, releasing it at the
    /// latest on the next flush().
    void add(TaskHeader *task) noexcept {
      tasks_[size_++] = task;
      if (size_ == tasks_.size())
        flush();
    }
    /// Removes the tasks added since the last flush and releases them.
    void flush() noexcept;

  private:
    TaskRegistry &registry_;
    std::array<TaskHeader *, 64> tasks_{};
    std::size_t size_ = 0;
  };

  TaskRegistry() = default;
  TaskRegistry(const TaskRegistry &) = delete;
  TaskRegistry &operator=(const TaskRegistry &) = delete;

  /// Adopts a reference to `task`. Returns false, adopting nothing, once the
  /// registry is closed.
  bool insert(TaskHeader *task) noexcept;
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

  static void unlink(Shard &shard, TaskHeader *task) noexcept;

  std::array<Shard, kShards> shards_;
  // Where pop() found a task last; a hint only.
  std::atomic<std::size_t> pop_from_{0};
};

} // namespace corolint::rt::detail
