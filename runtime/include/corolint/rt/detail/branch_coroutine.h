#pragma once

#include "corolint/rt/detail/awaitable_traits.h"
#include "corolint/rt/detail/task_memory.h"

#include <coroutine>
#include <exception>
#include <optional>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <variant>

namespace corolint::rt::detail {

/// One branch of a select or join: a coroutine that awaits one awaitable
/// and keeps its result or exception. It starts suspended, is resumed only
/// through a BranchHub, and stays suspended at its end until destroyed.
/// Destroying it while it is suspended mid-way destroys the awaitable's
/// awaiter, which unregisters its wake-up: that is how a branch is
/// cancelled.
template <class R> class BranchCoroutine {
public:
  struct promise_type : TaskMemoryAllocated {
    BranchCoroutine get_return_object() noexcept {
      return BranchCoroutine{
          std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    std::suspend_always initial_suspend() const noexcept { return {}; }
    std::suspend_always final_suspend() const noexcept { return {}; }
    template <class U> void return_value(U &&value) {
      // The reference emplace returns is not needed.
      (void)result.emplace(std::forward<U>(value));
    }
    void unhandled_exception() noexcept { failure = std::current_exception(); }

    std::optional<R> result;
    std::exception_ptr failure;
  };

  BranchCoroutine(BranchCoroutine &&other) noexcept
      : handle_(std::exchange(other.handle_, nullptr)) {}
  BranchCoroutine &operator=(BranchCoroutine &&) = delete;
  BranchCoroutine(const BranchCoroutine &) = delete;
  BranchCoroutine &operator=(const BranchCoroutine &) = delete;
  ~BranchCoroutine() { cancel(); }

  std::coroutine_handle<> handle() const noexcept { return handle_; }
  const std::exception_ptr *failure() const noexcept {
    return &handle_.promise().failure;
  }
  bool done() const noexcept { return handle_ && handle_.done(); }

  /// Destroys the branch's frame, finished or not.
  void cancel() noexcept {
    if (handle_)
      std::exchange(handle_, nullptr).destroy();
  }

  /// Cancels the branch unless it finished.
  void cancel_unless_done() noexcept {
    if (!done())
      cancel();
  }

  /// The result of a finished branch; rethrows its exception.
  R take() {
    promise_type &promise = handle_.promise();
    if (promise.failure)
      std::rethrow_exception(std::exchange(promise.failure, nullptr));
    if (!promise.result)
      throw std::logic_error("corolint::rt: branch result not available");
    return std::move(*promise.result);
  }

private:
  explicit BranchCoroutine(std::coroutine_handle<promise_type> handle) noexcept
      : handle_(handle) {}

  std::coroutine_handle<promise_type> handle_;
};

/// Awaits `awaitable` inside a branch. `A` is an lvalue reference type for
/// an awaitable awaited in place, or an object type for one moved into the
/// branch's frame, so that cancelling the branch destroys it (and whatever
/// it registered) at once.
template <class R, class A>
BranchCoroutine<R> await_in_branch(A awaitable) {
  if constexpr (std::is_void_v<
                    decltype(std::declval<awaiter_t<A> &>().await_resume())>) {
    co_await static_cast<A &&>(awaitable);
    co_return std::monostate{};
  } else {
    co_return co_await static_cast<A &&>(awaitable);
  }
}

} // namespace corolint::rt::detail
