#pragma once

#include "corolint/rt/detail/outcome.h"
#include "corolint/rt/detail/task_memory.h"

#include <concepts>
#include <coroutine>
#include <exception>
#include <utility>

namespace corolint::rt {

template <class T> class Task;

namespace detail {

class TaskPromiseBase : public TaskMemoryAllocated {
public:
  std::suspend_always initial_suspend() const noexcept { return {}; }

  auto final_suspend() const noexcept { return FinalAwaiter{}; }

  void set_continuation(std::coroutine_handle<> awaiting) noexcept {
    continuation_ = awaiting;
  }

private:
  // Resumes the awaiting coroutine by symmetric transfer, so that long
  // chains of tasks finishing synchronously do not grow the stack.
  struct FinalAwaiter {
    bool await_ready() const noexcept { return false; }
    template <class Promise>
    std::coroutine_handle<>
    await_suspend(std::coroutine_handle<Promise> finished) const noexcept {
      return finished.promise().continuation_;
    }
    void await_resume() const noexcept {}
  };

  std::coroutine_handle<> continuation_;
};

template <class T> class TaskPromise : public TaskPromiseBase {
public:
  Task<T> get_return_object() noexcept;

  template <class U = T>
    requires std::constructible_from<T, U &&>
  void return_value(U &&value) {
    outcome_.set_value(std::forward<U>(value));
  }

  void unhandled_exception() noexcept {
    outcome_.set_exception(std::current_exception());
  }

  T take_result() { return outcome_.take(); }
  Outcome<T> &outcome() noexcept { return outcome_; }

private:
  Outcome<T> outcome_;
};

template <> class TaskPromise<void> : public TaskPromiseBase {
public:
  Task<void> get_return_object() noexcept;

  void return_void() noexcept {}

  void unhandled_exception() noexcept {
    outcome_.set_exception(std::current_exception());
  }

  void take_result() { outcome_.take(); }
  Outcome<void> &outcome() noexcept { return outcome_; }

private:
  Outcome<void> outcome_;
};

} // namespace detail
} // namespace corolint::rt
