#pragma once

#include "corolint/rt/detail/task_cell.h"
#include "corolint/rt/task.h"

#include <coroutine>
#include <exception>
#include <type_traits>
#include <utility>

namespace corolint::rt::detail {

/// The outermost frame of a spawned task. It awaits the user's Task, stores
/// the outcome in the task's cell and stays suspended at its final point so
/// that the scheduler sees it finished and destroys it. Destroying it
/// destroys every frame the task is suspended in.
class RootCoroutine {
public:
  struct promise_type {
    RootCoroutine get_return_object() noexcept {
      return RootCoroutine{
          std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    std::suspend_always initial_suspend() const noexcept { return {}; }
    std::suspend_always final_suspend() const noexcept { return {}; }
    void return_void() const noexcept {}
    // The body catches everything itself.
    [[noreturn]] void unhandled_exception() const noexcept { std::terminate(); }
  };

  RootCoroutine(RootCoroutine &&other) noexcept
      : handle_(std::exchange(other.handle_, nullptr)) {}
  RootCoroutine &operator=(RootCoroutine &&) = delete;
  ~RootCoroutine() {
    if (handle_)
      handle_.destroy();
  }

  /// Hands the frame over to the caller.
  std::coroutine_handle<> release() noexcept {
    return std::exchange(handle_, nullptr);
  }

private:
  explicit RootCoroutine(std::coroutine_handle<promise_type> handle) noexcept
      : handle_(handle) {}

  std::coroutine_handle<promise_type> handle_;
};

template <class T>
RootCoroutine drive_to_completion(Task<T> task, TaskCell<T> *cell) {
  try {
    if constexpr (std::is_void_v<T>) {
      co_await std::move(task);
      cell->store_value();
    } else {
      cell->store_value(co_await std::move(task));
    }
  } catch (...) {
    cell->store_failure(std::current_exception());
  }
}

} // namespace corolint::rt::detail
