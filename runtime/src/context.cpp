#include "corolint/rt/detail/context.h"

#include "corolint/rt/detail/task_header.h"

#include <stdexcept>
#include <string>

namespace corolint::rt::detail {
namespace {

thread_local Scheduler *tls_scheduler = nullptr;
thread_local TaskHeader *tls_task = nullptr;
thread_local WakeTarget *tls_wake_target = nullptr;

} // namespace

Scheduler *current_scheduler() noexcept { return tls_scheduler; }

Scheduler &current_scheduler_or_throw(const char *operation) {
  if (tls_scheduler == nullptr)
    throw std::logic_error(std::string(operation) +
                           " called outside of a runtime; call it from a "
                           "task, or use Runtime::spawn");
  return *tls_scheduler;
}

void throw_if_on_runtime_thread(const char *operation) {
  if (tls_scheduler != nullptr)
    throw std::logic_error(std::string(operation) +
                           " called on a runtime thread, where blocking "
                           "would stall the runtime's tasks; co_await the "
                           "task instead");
}

TaskHeader *current_task() noexcept { return tls_task; }

WakeTarget *current_wake_target() noexcept { return tls_wake_target; }

SchedulerScope::SchedulerScope(Scheduler *scheduler) noexcept
    : previous_(tls_scheduler) {
  tls_scheduler = scheduler;
}

SchedulerScope::~SchedulerScope() { tls_scheduler = previous_; }

CurrentTaskScope::CurrentTaskScope(TaskHeader *task) noexcept
    : previous_(tls_task), previous_target_(tls_wake_target) {
  tls_task = task;
  tls_wake_target = task;
}

CurrentTaskScope::~CurrentTaskScope() {
  tls_task = previous_;
  tls_wake_target = previous_target_;
}

WakeTargetScope::WakeTargetScope(WakeTarget *target) noexcept
    : previous_(tls_wake_target) {
  tls_wake_target = target;
}

WakeTargetScope::~WakeTargetScope() { tls_wake_target = previous_; }

} // namespace corolint::rt::detail
