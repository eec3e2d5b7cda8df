#pragma once

#include "corolint/rt/detail/task_cell.h"
#include "corolint/rt/waker.h"

#include <cassert>
#include <coroutine>
#include <utility>

namespace corolint::rt {

class Runtime;
template <class T> class JoinSet;

namespace detail {
struct TaskSpawner;
} // namespace detail

/// Owns the right to await a spawned task's result.
///
/// `co_await handle` yields the task's value, rethrows its exception, or
/// throws Cancelled if it was aborted before finishing. The result can be
/// taken once. Destroying the handle detaches the task, which keeps running;
/// if it then fails, its exception goes to the runtime's unhandled-exception
/// handler, as does the exception of a finished task whose handle is
/// destroyed without being awaited.
template <class T> class JoinHandle {
public:
  JoinHandle(JoinHandle &&other) noexcept
      : cell_(std::exchange(other.cell_, nullptr)) {}
  JoinHandle &operator=(JoinHandle &&other) noexcept {
    if (this != &other) {
      detach();
      cell_ = std::exchange(other.cell_, nullptr);
    }
    return *this;
  }
  JoinHandle(const JoinHandle &) = delete;
  JoinHandle &operator=(const JoinHandle &) = delete;
  ~JoinHandle() { detach(); }

  /// Asks the task to stop: it is destroyed at its next suspension point
  /// (right away if it is suspended now). No effect once it has finished.
  void abort() const noexcept {
    if (cell_ != nullptr)
      cell_->abort();
  }

  /// Whether the task has finished: returned, thrown or been cancelled.
  bool is_finished() const noexcept {
    return cell_ != nullptr && cell_->state().is_complete();
  }

  class Awaiter {
  public:
    explicit Awaiter(detail::TaskCell<T> *cell) noexcept : cell_(cell) {}
    bool await_ready() const noexcept { return cell_->state().is_complete(); }
    bool await_suspend(std::coroutine_handle<> awaiting) const {
      return cell_->set_join_waker(current_waker(awaiting));
    }
    T await_resume() const { return cell_->take_result(); }

  private:
    detail::TaskCell<T> *cell_;
  };

  Awaiter operator co_await() noexcept {
    assert(cell_ != nullptr && "awaiting a moved-from JoinHandle");
    return Awaiter{cell_};
  }

private:
  friend struct detail::TaskSpawner;
  friend class Runtime;
  template <class> friend class JoinSet;

  explicit JoinHandle(detail::TaskCell<T> *cell) noexcept : cell_(cell) {}

  void detach() noexcept {
    if (cell_ != nullptr)
      std::exchange(cell_, nullptr)->drop_join_handle();
  }

  detail::TaskCell<T> *cell_;
};

} // namespace corolint::rt
