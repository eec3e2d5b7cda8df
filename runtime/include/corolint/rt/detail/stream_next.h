#pragma once

#include "corolint/rt/detail/stream_promise.h"
#include "corolint/rt/task.h"
#include "corolint/rt/waker.h"

#include <coroutine>
#include <optional>
#include <utility>

namespace corolint::rt::detail {

/// Suspends the task awaiting next() until the stream's body is runnable.
class StreamParkAwaiter {
public:
  explicit StreamParkAwaiter(RelayWakeTarget &target) noexcept
      : target_(&target) {}
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> awaiting) const {
    target_->set_parent(current_waker(awaiting));
  }
  void await_resume() const noexcept {}

private:
  RelayWakeTarget *target_;
};

/// Parks and runs the body, as often as it takes for it to yield or end.
template <class T> Task<void> wait_for_stream_item(StreamPromise<T> *promise) {
  do {
    co_await StreamParkAwaiter(promise->target());
  } while (!promise->advance());
}

/// The awaitable that Stream::next() returns. If the body yields or ends
/// without having to wait, next() completes without suspending; otherwise
/// the awaiting task parks until the body is woken, then runs it again.
///
/// Dropping it while suspended leaves the body where it was, suspended on
/// whatever it awaited, with that wake-up still registered: the next call
/// to next() resumes it. No value is lost, since values are only taken in
/// await_resume().
///
/// From await_ready() until it completes or is dropped it is the stream's
/// one pending next(); awaiting another meanwhile throws std::logic_error.
template <class T> class [[nodiscard]] StreamNext {
public:
  explicit StreamNext(StreamPromise<T> &promise) noexcept
      : promise_(&promise) {}
  StreamNext(StreamNext &&other) noexcept
      : promise_(other.promise_),
        pending_(std::exchange(other.pending_, false)),
        waiting_(std::exchange(other.waiting_, {})) {}
  StreamNext &operator=(StreamNext &&) = delete;
  StreamNext(const StreamNext &) = delete;
  StreamNext &operator=(const StreamNext &) = delete;
  ~StreamNext() { end(); }

  bool await_ready() {
    promise_->begin_next();
    pending_ = true;
    return promise_->advance();
  }

  std::coroutine_handle<>
  await_suspend(std::coroutine_handle<> awaiting) {
    waiting_.emplace(wait_for_stream_item(promise_));
    return std::move(*waiting_).operator co_await().await_suspend(awaiting);
  }

  std::optional<T> await_resume() {
    const EndOnExit end_on_exit(this);
    if (waiting_)
      std::move(*waiting_).operator co_await().await_resume();
    return promise_->take();
  }

private:
  class EndOnExit {
  public:
    explicit EndOnExit(StreamNext *next) noexcept : next_(next) {}
    EndOnExit(const EndOnExit &) = delete;
    EndOnExit &operator=(const EndOnExit &) = delete;
    ~EndOnExit() { next_->end(); }

  private:
    StreamNext *next_;
  };

  /// Stops waiting for the body, if it was, and stops being pending.
  void end() noexcept {
    if (!pending_)
      return;
    pending_ = false;
    if (waiting_) {
      promise_->target().detach();
      waiting_.reset();
    }
    promise_->end_next();
  }

  StreamPromise<T> *promise_;
  bool pending_ = false;
  std::optional<Task<void>> waiting_;
};

} // namespace corolint::rt::detail
