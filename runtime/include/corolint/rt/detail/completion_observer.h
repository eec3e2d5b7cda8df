#pragma once

namespace corolint::rt::detail {

class TaskHeader;

/// Told once when a task completes, on the thread that completed it, after the
/// task's outcome has been published.
class CompletionObserver {
public:
  virtual ~CompletionObserver() = default;
  virtual void on_task_complete(TaskHeader &task) noexcept = 0;
};

} // namespace corolint::rt::detail
