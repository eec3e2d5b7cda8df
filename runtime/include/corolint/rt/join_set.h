#pragma once

#include "corolint/rt/detail/completion_queue.h"
#include "corolint/rt/detail/context.h"
#include "corolint/rt/detail/task_spawner.h"
#include "corolint/rt/join_handle.h"
#include "corolint/rt/runtime.h"
#include "corolint/rt/task.h"
#include "corolint/rt/waker.h"

#include <coroutine>
#include <cstddef>
#include <memory>
#include <optional>
#include <type_traits>
#include <unordered_map>
#include <utility>

namespace corolint::rt {

/// A set of spawned tasks whose results are taken in the order the tasks
/// finish. Destroying the set aborts the tasks still in it.
///
/// A JoinSet is used by one task at a time.
template <class T> class JoinSet {
public:
  /// What join_next() yields: the next result, or nothing when the set is
  /// empty. For JoinSet<void>, whether a task was joined.
  using NextResult = std::conditional_t<std::is_void_v<T>, bool, std::optional<T>>;

  JoinSet() : completed_(std::make_shared<detail::CompletionQueue>()) {}
  JoinSet(JoinSet &&other) noexcept
      : completed_(std::move(other.completed_)),
        handles_(std::exchange(other.handles_, {})) {}
  JoinSet &operator=(JoinSet &&other) noexcept {
    if (this != &other) {
      abort_all();
      completed_ = std::move(other.completed_);
      handles_ = std::exchange(other.handles_, {});
    }
    return *this;
  }
  JoinSet(const JoinSet &) = delete;
  JoinSet &operator=(const JoinSet &) = delete;
  ~JoinSet() { abort_all(); }

  /// Starts `task` on the runtime of the calling thread. Throws
  /// std::logic_error outside of a runtime.
  void spawn(Task<T> task) {
    add(detail::current_scheduler_or_throw("corolint::rt::JoinSet::spawn"),
        std::move(task));
  }

  /// Starts `task` on `runtime`.
  void spawn_on(Runtime &runtime, Task<T> task) {
    add(runtime.scheduler(), std::move(task));
  }

  class NextAwaiter {
  public:
    explicit NextAwaiter(JoinSet &set) noexcept : set_(&set) {}
    bool await_ready() const {
      return set_->handles_.empty() || set_->completed_->has_completed();
    }
    bool await_suspend(std::coroutine_handle<> awaiting) const {
      return set_->completed_->set_waiter(current_waker(awaiting));
    }
    NextResult await_resume() const { return set_->take_next(); }

  private:
    JoinSet *set_;
  };

  /// Waits for the next task to finish and yields its result, or rethrows
  /// its exception (Cancelled if it was aborted). Yields an empty result
  /// when no task is left.
  [[nodiscard]] NextAwaiter join_next() noexcept { return NextAwaiter{*this}; }

  /// Aborts every task in the set. They stay in it: join_next() yields
  /// Cancelled for those that had not finished.
  void abort_all() noexcept {
    for (const auto &entry : handles_)
      entry.second.abort();
  }

  /// Tasks not yet returned by join_next(), finished or not.
  std::size_t size() const noexcept { return handles_.size(); }
  bool empty() const noexcept { return handles_.empty(); }

private:
  void add(detail::Scheduler &scheduler, Task<T> task) {
    JoinHandle<T> handle =
        detail::TaskSpawner::prepare(scheduler, std::move(task));
    const detail::TaskHeader *key = detail::TaskSpawner::header(handle);
    // Stored before starting, so a failing insert leaves no running task
    // behind that the set does not know about.
    const auto inserted = handles_.emplace(key, std::move(handle)).first;
    detail::TaskSpawner::start(inserted->second, completed_);
  }

  NextResult take_next() {
    detail::TaskHeader *finished = completed_->pop();
    if (finished == nullptr)
      return NextResult{};
    auto node = handles_.extract(finished);
    finished->release();
    JoinHandle<T> handle = std::move(node.mapped());
    if constexpr (std::is_void_v<T>) {
      handle.cell_->take_result();
      return true;
    } else {
      return NextResult{handle.cell_->take_result()};
    }
  }

  std::shared_ptr<detail::CompletionQueue> completed_;
  std::unordered_map<const detail::TaskHeader *, JoinHandle<T>> handles_;
};

} // namespace corolint::rt
