#pragma once

#include "corolint/rt/detail/awaitable_traits.h"
#include "corolint/rt/detail/outcome.h"
#include "corolint/rt/detail/task_memory.h"

#include <coroutine>
#include <exception>
#include <type_traits>
#include <utility>

namespace corolint::rt::detail {

template <class T> class Subtask;

/// What `co_await` on an `A` (an lvalue if A is an lvalue reference) yields,
/// without references or cv-qualifiers.
template <class A>
using await_result_t = std::remove_cvref_t<
    decltype(std::declval<awaiter_t<A> &>().await_resume())>;

template <class T> class SubtaskPromiseBase : public TaskMemoryAllocated {
public:
  std::suspend_always initial_suspend() const noexcept { return {}; }
  std::suspend_always final_suspend() const noexcept { return {}; }
  void unhandled_exception() noexcept {
    outcome_.set_exception(std::current_exception());
  }
  T take() { return outcome_.take(); }

protected:
  Outcome<T> outcome_;
};

template <class T> class SubtaskPromise : public SubtaskPromiseBase<T> {
public:
  Subtask<T> get_return_object() noexcept;
  template <class U> void return_value(U &&value) {
    this->outcome_.set_value(std::forward<U>(value));
  }
};

template <> class SubtaskPromise<void> : public SubtaskPromiseBase<void> {
public:
  Subtask<void> get_return_object() noexcept;
  void return_void() noexcept {}
};

/// A coroutine run step by step by its owner, inside the task of the owner:
/// resume() runs it until it suspends or finishes. Used to drive an awaitable
/// that can be abandoned half-way; destroying the Subtask destroys the frame
/// and with it the awaitable.
template <class T> class [[nodiscard]] Subtask {
public:
  using promise_type = SubtaskPromise<T>;

  Subtask(Subtask &&other) noexcept
      : handle_(std::exchange(other.handle_, nullptr)) {}
  Subtask &operator=(Subtask &&) = delete;
  Subtask(const Subtask &) = delete;
  Subtask &operator=(const Subtask &) = delete;
  ~Subtask() { reset(); }

  /// Destroys the frame now.
  void reset() noexcept {
    if (handle_)
      std::exchange(handle_, nullptr).destroy();
  }

  /// Where the coroutine starts.
  std::coroutine_handle<> start() const noexcept { return handle_; }
  /// Whether the coroutine finished. Only while it has a frame.
  bool done() const noexcept { return handle_.done(); }
  /// The value, or the exception the coroutine threw. Only once done.
  T take() { return handle_.promise().take(); }

private:
  friend promise_type;
  explicit Subtask(std::coroutine_handle<promise_type> handle) noexcept
      : handle_(handle) {}

  std::coroutine_handle<promise_type> handle_;
};

template <class T> Subtask<T> SubtaskPromise<T>::get_return_object() noexcept {
  return Subtask<T>(
      std::coroutine_handle<SubtaskPromise<T>>::from_promise(*this));
}

inline Subtask<void> SubtaskPromise<void>::get_return_object() noexcept {
  return Subtask<void>(
      std::coroutine_handle<SubtaskPromise<void>>::from_promise(*this));
}

/// Awaits `awaitable` in a Subtask. An lvalue reference A awaits the
/// referenced object, which must outlive the Subtask; otherwise the
/// awaitable is moved into the frame.
template <class A>
Subtask<await_result_t<A>> await_in_subtask(A awaitable) {
  if constexpr (std::is_void_v<await_result_t<A>>)
    co_await static_cast<A &&>(awaitable);
  else
    co_return co_await static_cast<A &&>(awaitable);
}

} // namespace corolint::rt::detail
