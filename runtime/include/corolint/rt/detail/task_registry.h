#pragma once

#include <mutex>

namespace corolint::rt::detail {

class TaskHeader;

/// Every unfinished task of a scheduler, so that shutdown can destroy the
/// frames of tasks that are suspended and referenced from nowhere else.
/// Holds one reference to each registered task.
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
  void unlink(TaskHeader *task) noexcept;

  std::mutex mutex_;
  TaskHeader *head_ = nullptr;
  bool closed_ = false;
};

} // namespace corolint::rt::detail
