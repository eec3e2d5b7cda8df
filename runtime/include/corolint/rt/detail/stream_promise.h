#pragma once

#include "corolint/rt/detail/relay_wake_target.h"
#include "corolint/rt/detail/task_memory.h"

#include <atomic>
#include <concepts>
#include <coroutine>
#include <exception>
#include <memory>
#include <optional>
#include <stdexcept>
#include <utility>

namespace corolint::rt {

template <class T> class Stream;

namespace detail {

/// Suspends a Stream's body at co_yield, runnable again as soon as the
/// consumer comes back for the next value.
class StreamYieldAwaiter {
public:
  explicit StreamYieldAwaiter(RelayWakeTarget &target) noexcept
      : target_(&target) {}
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> body) const noexcept {
    target_->make_runnable_at(body);
  }
  void await_resume() const noexcept {}

private:
  RelayWakeTarget *target_;
};

/// The promise of a Stream's body. It holds the value of the last co_yield
/// until next() moves it out, the exception that ended the body, the wake
/// target the body runs under, and whether a next() is being awaited.
template <class T> class StreamPromise : public TaskMemoryAllocated {
public:
  Stream<T> get_return_object();

  std::suspend_always initial_suspend() const noexcept { return {}; }
  std::suspend_always final_suspend() const noexcept { return {}; }
  void return_void() const noexcept {}
  void unhandled_exception() noexcept { error_ = std::current_exception(); }

  /// Moves (or, from an lvalue, copies) the value into the promise.
  template <class U = T>
    requires std::constructible_from<T, U &&>
  StreamYieldAwaiter yield_value(U &&value) {
    value_.emplace(std::forward<U>(value));
    return StreamYieldAwaiter(*target_);
  }

  /// Runs the body if it has nothing to hand out and can make progress.
  /// Returns whether take() is ready: a value is there or the body is over.
  bool advance() {
    if (!ready() && target_->runnable())
      target_->run();
    return ready();
  }

  /// The yielded value; else the exception that ended the body, thrown
  /// once; else the end.
  std::optional<T> take() {
    if (value_) {
      std::optional<T> taken(std::move(value_));
      value_.reset();
      return taken;
    }
    if (error_)
      std::rethrow_exception(std::exchange(error_, nullptr));
    return std::nullopt;
  }

  RelayWakeTarget &target() const noexcept { return *target_; }

  /// Marks a next() as being awaited. Throws std::logic_error if another
  /// one is: the body has room for one waiting consumer only.
  void begin_next() {
    if (next_in_flight_.exchange(true, std::memory_order_acquire))
      throw std::logic_error(
          "corolint::rt::Stream::next: awaited while another next() on the "
          "same stream is still pending");
  }

  /// The next() marked by begin_next() is over: completed or abandoned.
  void end_next() noexcept {
    next_in_flight_.store(false, std::memory_order_release);
  }

private:
  bool ready() noexcept {
    return value_.has_value() ||
           std::coroutine_handle<StreamPromise>::from_promise(*this).done();
  }

  std::unique_ptr<RelayWakeTarget, RelayWakeTargetRelease> target_;
  std::optional<T> value_;
  std::exception_ptr error_;
  std::atomic<bool> next_in_flight_{false};
};

} // namespace detail
} // namespace corolint::rt
