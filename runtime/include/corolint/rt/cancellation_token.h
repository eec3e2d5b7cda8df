#pragma once

#include "corolint/rt/detail/awaitable_traits.h"
#include "corolint/rt/detail/cancellation_node.h"
#include "corolint/rt/detail/subtask.h"
#include "corolint/rt/detail/waiter_list.h"
#include "corolint/rt/select.h"
#include "corolint/rt/task.h"

#include <cassert>
#include <coroutine>
#include <cstddef>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

namespace corolint::rt {

class CancellationDropGuard;
class CancellationToken;

/// What CancellationToken::run_until_cancelled() yields for an operation
/// producing a T: its value, or std::nullopt if the token was cancelled
/// first. For a void operation, whether it finished.
template <class T>
using UntilCancelled =
    std::conditional_t<std::is_void_v<T>, bool, std::optional<T>>;

namespace detail {

/// The children listed in the token's tree node now; see CancellationNode.
std::size_t child_count(const CancellationToken &token) noexcept;

/// `race` selects between the cancellation (branch 0) and the operation.
template <class T, class Race>
Task<UntilCancelled<T>> value_unless_cancelled(Task<Race> race) {
  Race winner = co_await std::move(race);
  if (winner.index() == 0)
    co_return UntilCancelled<T>{};
  if constexpr (std::is_void_v<T>)
    co_return true;
  else
    co_return UntilCancelled<T>(std::in_place, std::get<1>(std::move(winner)));
}

} // namespace detail

/// Signals cooperative shutdown, like tokio_util's CancellationToken.
///
///     CancellationToken shutdown;
///     spawn(serve(shutdown.child_token()));
///     ...
///     shutdown.cancel();                    // any thread
///
///     // in serve():
///     auto next = co_await select(shutdown.cancelled(), listener.accept());
///     if (next.index() == 0)
///       co_return;                          // cancelled
///
/// A token is a cheap handle to shared state: copies observe and cancel the
/// same token. Cancelling is sticky and idempotent. A child token is
/// cancelled when its parent is, and so when any ancestor is, but
/// cancelling it affects neither its parent nor its siblings. A child that
/// is dropped leaves its parent, so a long-lived token can hand out any
/// number of short-lived children. A moved-from token may only be assigned
/// to or destroyed.
class CancellationToken {
public:
  /// A new token, not cancelled, without a parent.
  CancellationToken() : node_(std::make_shared<detail::CancellationNode>()) {}

  /// Cancels this token and its descendants and wakes every task awaiting
  /// cancelled() on them. Callable from any thread, including threads that
  /// do not belong to a runtime; calls after the first do nothing.
  void cancel() const noexcept { node_->cancel(); }

  /// Whether cancel() was called on this token or on an ancestor.
  [[nodiscard]] bool is_cancelled() const noexcept {
    return node_->is_cancelled();
  }

  /// A new token that is cancelled when this one is, right away if this one
  /// is cancelled already.
  [[nodiscard]] CancellationToken child_token() const {
    return CancellationToken(detail::CancellationNode::make_child(node_));
  }

  /// A guard that cancels this token when it is destroyed.
  [[nodiscard]] CancellationDropGuard drop_guard() const;

  /// Awaitable returned by cancelled(): completes once the token is
  /// cancelled, without suspending if it is already. It holds its own
  /// handle, so the token it came from may be dropped meanwhile.
  ///
  /// Cancellation-safe: destroying it while it waits (a losing select
  /// branch, an aborted task, an elapsed timeout) unregisters it. An lvalue
  /// may be awaited again after a select it lost, as often as needed.
  class [[nodiscard]] WaitForCancellation {
  public:
    /// Not while a task is suspended on `other`. If `other` is still listed
    /// from a select it lost, it is unlisted; this one lists itself when it
    /// is awaited.
    WaitForCancellation(WaitForCancellation &&other) noexcept
        : node_(std::move(other.node_)) {
      if (std::exchange(other.listed_, false))
        node_->stop_waiting(other.waiter_);
    }
    WaitForCancellation &operator=(WaitForCancellation &&) = delete;
    WaitForCancellation(const WaitForCancellation &) = delete;
    WaitForCancellation &operator=(const WaitForCancellation &) = delete;
    ~WaitForCancellation() {
      if (listed_)
        node_->stop_waiting(waiter_);
    }

    bool await_ready() const noexcept { return node_->is_cancelled(); }
    bool await_suspend(std::coroutine_handle<> awaiting) {
      listed_ = node_->wait(waiter_, current_waker(awaiting));
      return listed_;
    }
    void await_resume() noexcept {
      assert(node_->is_cancelled() && "resumed before the token was cancelled");
      if (listed_) {
        node_->stop_waiting(waiter_);
        listed_ = false;
      }
    }

  private:
    friend class CancellationToken;
    explicit WaitForCancellation(
        std::shared_ptr<detail::CancellationNode> node) noexcept
        : node_(std::move(node)) {}

    std::shared_ptr<detail::CancellationNode> node_;
    detail::Waiter waiter_;
    // Whether waiter_ was listed in node_; only the awaiting task uses it.
    bool listed_ = false;
  };

  /// Completes once this token is cancelled: `co_await token.cancelled();`.
  /// Usable as a branch of select() and inside timeout(); any number of
  /// tasks may await the same token.
  WaitForCancellation cancelled() const noexcept {
    return WaitForCancellation(node_);
  }

  /// Awaits `awaitable` (a Task, a JoinHandle, a channel operation, ...)
  /// unless this token is cancelled first:
  ///
  ///     std::optional<Page> page =
  ///         co_await shutdown.run_until_cancelled(fetch(url));
  ///
  /// Yields the operation's value, or std::nullopt once the token is
  /// cancelled, after the operation was cancelled: its frames destroyed,
  /// unregistering whatever it waited on. A token cancelled already wins
  /// without running the operation; an exception the operation throws
  /// propagates. Built on select_biased(), so the same rules apply: the
  /// operation runs inside the calling task, an rvalue is moved in and an
  /// lvalue awaited in place.
  template <class A>
    requires detail::Awaitable<A>
  [[nodiscard]] Task<UntilCancelled<detail::await_result_t<A>>>
  run_until_cancelled(A &&awaitable) const {
    return detail::value_unless_cancelled<detail::await_result_t<A>>(
        select_biased(cancelled(), std::forward<A>(awaitable)));
  }

private:
  friend std::size_t detail::child_count(const CancellationToken &) noexcept;

  explicit CancellationToken(
      std::shared_ptr<detail::CancellationNode> node) noexcept
      : node_(std::move(node)) {}

  std::shared_ptr<detail::CancellationNode> node_;
};

/// Cancels its token when destroyed, unless disarmed first: ties a token
/// to a scope, so that leaving the scope (by return, exception or abort of
/// the task holding the guard) cancels what the token guards.
///
///     CancellationDropGuard guard = token.drop_guard();
class [[nodiscard]] CancellationDropGuard {
public:
  explicit CancellationDropGuard(CancellationToken token) noexcept
      : token_(std::move(token)) {}
  CancellationDropGuard(CancellationDropGuard &&other) noexcept
      : token_(std::move(other.token_)),
        armed_(std::exchange(other.armed_, false)) {}
  /// Cancels the token this guard held, if armed, and takes `other`'s.
  CancellationDropGuard &operator=(CancellationDropGuard &&other) noexcept {
    if (this != &other) {
      cancel_if_armed();
      token_ = std::move(other.token_);
      armed_ = std::exchange(other.armed_, false);
    }
    return *this;
  }
  CancellationDropGuard(const CancellationDropGuard &) = delete;
  CancellationDropGuard &operator=(const CancellationDropGuard &) = delete;
  ~CancellationDropGuard() { cancel_if_armed(); }

  /// Keeps the guard from cancelling, and returns its token. Not on a
  /// moved-from guard.
  CancellationToken disarm() noexcept {
    armed_ = false;
    return token_;
  }

private:
  void cancel_if_armed() const noexcept {
    if (armed_)
      token_.cancel();
  }

  CancellationToken token_;
  bool armed_ = true;
};

inline CancellationDropGuard CancellationToken::drop_guard() const {
  return CancellationDropGuard(*this);
}

namespace detail {
inline std::size_t child_count(const CancellationToken &token) noexcept {
  return token.node_->child_count();
}
} // namespace detail

} // namespace corolint::rt
