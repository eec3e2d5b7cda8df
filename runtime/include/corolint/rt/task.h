#pragma once

#include "corolint/rt/detail/task_promise.h"

#include <cassert>
#include <coroutine>
#include <type_traits>
#include <utility>

namespace corolint::rt {

namespace detail {
struct TaskSpawner;
} // namespace detail

/// A lazily started coroutine producing a T.
///
/// The body does not run until the task is awaited (`co_await std::move(t)`)
/// or handed to a runtime (spawn, block_on). Awaiting yields the returned
/// value or rethrows the exception that escaped the body. A task that is
/// destroyed without having been awaited destroys its frame, so the body
/// never runs and its parameters are destroyed.
template <class T = void> class [[nodiscard]] Task {
  static_assert(!std::is_reference_v<T>,
                "Task<T&> is not supported: return a pointer or a "
                "std::reference_wrapper instead");

public:
  using promise_type = detail::TaskPromise<T>;
  using value_type = T;

  Task(Task &&other) noexcept
      : handle_(std::exchange(other.handle_, nullptr)) {}
  Task &operator=(Task &&other) noexcept {
    if (this != &other) {
      destroy();
      handle_ = std::exchange(other.handle_, nullptr);
    }
    return *this;
  }
  Task(const Task &) = delete;
  Task &operator=(const Task &) = delete;
  ~Task() { destroy(); }

  class Awaiter {
  public:
    explicit Awaiter(std::coroutine_handle<promise_type> task) noexcept
        : task_(task) {}
    bool await_ready() const noexcept { return false; }
    std::coroutine_handle<>
    await_suspend(std::coroutine_handle<> awaiting) const noexcept {
      task_.promise().set_continuation(awaiting);
      return task_;
    }
    T await_resume() const { return task_.promise().take_result(); }

  private:
    std::coroutine_handle<promise_type> task_;
  };

  /// Runs the task; a task can be awaited once, so only as an rvalue.
  Awaiter operator co_await() && noexcept {
    assert(handle_ && "awaiting a moved-from Task");
    return Awaiter{handle_};
  }
  Awaiter operator co_await() & = delete;

private:
  friend promise_type;
  friend struct detail::TaskSpawner;
  explicit Task(std::coroutine_handle<promise_type> handle) noexcept
      : handle_(handle) {}

  void destroy() noexcept {
    if (handle_)
      std::exchange(handle_, nullptr).destroy();
  }

  std::coroutine_handle<promise_type> handle_;
};

namespace detail {

template <class T> Task<T> TaskPromise<T>::get_return_object() noexcept {
  return Task<T>{std::coroutine_handle<TaskPromise<T>>::from_promise(*this)};
}

inline Task<void> TaskPromise<void>::get_return_object() noexcept {
  return Task<void>{
      std::coroutine_handle<TaskPromise<void>>::from_promise(*this)};
}

} // namespace detail
} // namespace corolint::rt
