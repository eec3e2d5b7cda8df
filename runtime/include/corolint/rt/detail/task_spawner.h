#pragma once

#include "corolint/rt/detail/completion_observer.h"
#include "corolint/rt/detail/scheduler.h"
#include "corolint/rt/detail/task_cell.h"
#include "corolint/rt/detail/task_promise.h"
#include "corolint/rt/join_handle.h"
#include "corolint/rt/task.h"

#include <coroutine>
#include <memory>
#include <utility>

namespace corolint::rt::detail {

/// Turns a Task into a spawned task of a scheduler.
struct TaskSpawner {
  /// Creates the spawned task without starting it. If the handle is dropped
  /// before start(), the task is destroyed without ever running.
  template <class T>
  static JoinHandle<T> prepare(Scheduler &scheduler, Task<T> task) {
    JoinHandle<T> handle{new TaskCell<T>(scheduler.shared_from_this())};
    std::coroutine_handle<TaskPromise<T>> frame =
        std::exchange(task.handle_, nullptr);
    // Nothing awaits a spawned task's frame: finishing returns to the
    // scheduler, which collects the outcome and destroys the frame.
    frame.promise().set_continuation(std::noop_coroutine());
    handle.cell_->attach_frame(frame);
    return handle;
  }

  /// Queues a prepared task's first poll; `observer`, if any, is told when
  /// the task completes.
  template <class T>
  static void start(const JoinHandle<T> &handle,
                    std::shared_ptr<CompletionObserver> observer = {}) noexcept {
    handle.cell_->set_completion_observer(std::move(observer));
    handle.cell_->scheduler().submit(handle.cell_);
  }

  template <class T>
  static JoinHandle<T> spawn(Scheduler &scheduler, Task<T> task,
                             std::shared_ptr<CompletionObserver> observer = {}) {
    JoinHandle<T> handle = prepare(scheduler, std::move(task));
    start(handle, std::move(observer));
    return handle;
  }

  template <class T>
  static TaskHeader *header(const JoinHandle<T> &handle) noexcept {
    return handle.cell_;
  }
};

} // namespace corolint::rt::detail
