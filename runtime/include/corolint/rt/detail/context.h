#pragma once

namespace corolint::rt::detail {

class Scheduler;
class TaskHeader;
class WakeTarget;

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

/// What current_waker() makes wakers for on this thread: the task being
/// polled, or the branch of a select or join it is running; nullptr outside
/// of a task.
WakeTarget *current_wake_target() noexcept;

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

/// Makes `task` the current one, and its wake target, while it is polled.
class CurrentTaskScope {
public:
  explicit CurrentTaskScope(TaskHeader *task) noexcept;
  ~CurrentTaskScope();
  CurrentTaskScope(const CurrentTaskScope &) = delete;
  CurrentTaskScope &operator=(const CurrentTaskScope &) = delete;

private:
  TaskHeader *previous_;
  WakeTarget *previous_target_;
};

/// Makes `target` the current wake target for the lifetime of the scope,
/// while a branch of a select or join runs.
class WakeTargetScope {
public:
  explicit WakeTargetScope(WakeTarget *target) noexcept;
  ~WakeTargetScope();
  WakeTargetScope(const WakeTargetScope &) = delete;
  WakeTargetScope &operator=(const WakeTargetScope &) = delete;

private:
  WakeTarget *previous_;
};

} // namespace corolint::rt::detail
