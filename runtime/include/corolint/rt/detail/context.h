#pragma once

namespace corolint::rt::detail {

class Scheduler;
class TaskHeader;

/// The scheduler whose thread this is (a worker, or a thread driving a
/// current-thread runtime), or nullptr.
Scheduler *current_scheduler() noexcept;

/// Like current_scheduler(), but throws std::logic_error naming `operation`
/// when called outside of a runtime.
Scheduler &current_scheduler_or_throw(const char *operation);

/// Throws std::logic_error naming `operation` when called on a runtime
/// thread, where blocking would stall the runtime's tasks.
void throw_if_on_runtime_thread(const char *operation);

/// The task being polled on this thread, or nullptr.
TaskHeader *current_task() noexcept;

/// Makes `scheduler` the current one for the lifetime of the scope.
class SchedulerScope {
public:
  explicit SchedulerScope(Scheduler *scheduler) noexcept;
  ~SchedulerScope();
  SchedulerScope(const SchedulerScope &) = delete;
  SchedulerScope &operator=(const SchedulerScope &) = delete;

private:
  Scheduler *previous_;
};

/// Makes `task` the current one while it is polled.
class CurrentTaskScope {
public:
  explicit CurrentTaskScope(TaskHeader *task) noexcept;
  ~CurrentTaskScope();
  CurrentTaskScope(const CurrentTaskScope &) = delete;
  CurrentTaskScope &operator=(const CurrentTaskScope &) = delete;

private:
  TaskHeader *previous_;
};

} // namespace corolint::rt::detail
