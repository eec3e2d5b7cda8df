#pragma once

#include "corolint/rt/detail/context.h"
#include "corolint/rt/detail/task_spawner.h"
#include "corolint/rt/join_handle.h"
#include "corolint/rt/task.h"

#include <utility>

namespace corolint::rt {

/// Starts `task` on the runtime of the calling thread and returns its handle.
/// Throws std::logic_error outside of a runtime; use Runtime::spawn there.
template <class T> JoinHandle<T> spawn(Task<T> task) {
  return detail::TaskSpawner::spawn(
      detail::current_scheduler_or_throw("corolint::rt::spawn"),
      std::move(task));
}

} // namespace corolint::rt
