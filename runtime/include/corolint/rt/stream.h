#pragma once

#include "corolint/rt/detail/stream_adapters.h"
#include "corolint/rt/detail/stream_buffering.h"
#include "corolint/rt/detail/stream_consumers.h"
#include "corolint/rt/detail/stream_next.h"
#include "corolint/rt/detail/stream_promise.h"
#include "corolint/rt/detail/stream_traits.h"
#include "corolint/rt/task.h"

#include <cassert>
#include <concepts>
#include <coroutine>
#include <cstddef>
#include <functional>
#include <optional>
#include <ranges>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <vector>

namespace corolint::rt {

/// An asynchronous sequence of T, after Rust's futures::Stream: the return
/// type of a coroutine that may both `co_await` and `co_yield`.
///
///     Stream<Line> read_lines(mpsc::Receiver<Line> rx) {
///       while (std::optional<Line> line = co_await rx.recv())
///         co_yield std::move(*line);
///     }
///
///     while (std::optional<Line> line = co_await lines.next())
///       handle(*line);
///
/// The body is lazy: it starts on the first `co_await next()`, runs until
/// its next co_yield, and stays there until the value is taken. next()
/// yields std::nullopt once the body returns (`co_return;` or falling off
/// the end), and on every call after that. An exception escaping the body
/// is rethrown by the next() that was running it; the stream has ended then.
/// A yielded value is moved into the stream and moved out by next(), so T
/// may be move-only; `co_yield x` on an lvalue copies it.
///
/// Each next() runs the body inside the awaiting task, up to its next
/// co_yield or its next suspension, and returns, so however many values a
/// stream produces the stack does not grow; Tasks awaited in the body
/// chain by symmetric transfer as elsewhere. A body is only run by the task
/// awaiting next(), on that task's thread, with one next() at a time:
/// awaiting a second next() while one is pending, as in `join(s.next(),
/// s.next())`, throws std::logic_error from the second; the first goes on.
///
/// Cancellation: a next() abandoned while it waits, as the loser of a
/// select, by a timeout, or because its task is aborted, leaves the stream
/// usable. The body stays suspended where it was, still registered for its
/// wake-up, and the following next() resumes it from there; no value is
/// lost. Destroying the stream destroys the body's frame wherever it is
/// suspended (at a co_yield or a co_await), running its destructors, so
/// the awaitables it was suspended on unregister; the stream must outlive
/// any next() awaiting it.
///
/// Combinators take the stream by rvalue and return a new stream that owns
/// it, after StreamExt, so they chain on temporaries:
///
///     std::vector<int> firsts = co_await iter(std::vector{1, 2, 3, 4, 5})
///         .filter([](int i) { return i % 2 == 1; })
///         .map([](int i) { return i * 10; })
///         .take(2)
///         .collect();                                    // {10, 30}
///
/// and on a named stream with `std::move(stream).map(...)`. Callables are
/// moved into the new stream. All are lazy: they pull from their source
/// only as their own values are asked for. A combinator keeps its source
/// until it is itself destroyed.
///
/// A Task made by a callable borrows the callable: the captures of a
/// coroutine lambda live in the closure, which the stream holds, not in the
/// task's frame. then(), buffer_unordered() and buffered() keep their source,
/// and so the closures upstream, alive until every task they took from it
/// is done, even one still running on another thread when they are dropped.
/// A Task taken out of a stream with next() or collect() must finish
/// before that stream is destroyed; otherwise pass what it needs as
/// arguments to a coroutine function rather than as captures.
template <class T> class [[nodiscard]] Stream {
  static_assert(detail::is_stream_value_v<T>,
                "Stream<T> holds values: T must be a non-const object type");

public:
  using promise_type = detail::StreamPromise<T>;
  using value_type = T;

  Stream(Stream &&other) noexcept
      : body_(std::exchange(other.body_, nullptr)) {}
  Stream &operator=(Stream &&other) noexcept {
    if (this != &other) {
      destroy();
      body_ = std::exchange(other.body_, nullptr);
    }
    return *this;
  }
  Stream(const Stream &) = delete;
  Stream &operator=(const Stream &) = delete;
  ~Stream() { destroy(); }

  /// Awaitable yielding the next value, or std::nullopt at the end. Only on
  /// a named stream: the awaitable refers to the stream, which must outlive
  /// it, and could be kept past the end of a temporary's full-expression.
  detail::StreamNext<T> next() & {
    assert(body_ && "next() on a moved-from Stream");
    return detail::StreamNext<T>(body_.promise());
  }
  detail::StreamNext<T> next() && = delete;

  /// Applies `transform` to each value: Stream<U> for a U returned.
  template <class F>
    requires std::invocable<F &, T &&> &&
             detail::is_stream_value_v<detail::stream_map_result_t<F, T>>
  Stream<detail::stream_map_result_t<F, T>> map(F transform) && {
    return detail::map_stream(std::move(*this), std::move(transform));
  }

  /// Keeps the values for which `predicate(const T &)` is true.
  template <class P>
    requires std::predicate<P &, const T &>
  Stream filter(P predicate) && {
    return detail::filter_stream(std::move(*this), std::move(predicate));
  }

  /// The first `count` values. The source is never asked for another.
  Stream take(std::size_t count) && {
    return detail::take_stream(std::move(*this), count);
  }

  /// The values in batches of `size` (>= 1; std::invalid_argument
  /// otherwise), in order; the last batch holds what is left and may be
  /// smaller. A batch is yielded as soon as it is full, so a large input is
  /// processed lazily, `size` values at a time. If the source throws, the
  /// values taken before the exception are yielded first, as a last, short
  /// batch; the following next() rethrows the exception.
  Stream<std::vector<T>> chunks(std::size_t size) && {
    if (size == 0)
      throw std::invalid_argument("corolint::rt::Stream::chunks: size 0");
    return detail::chunks_stream(std::move(*this), size);
  }

  /// Awaits `make_task(value)`, a Task<U>, for each value in turn, and
  /// yields what it returns: Stream<U>. An exception it throws propagates
  /// from next(). One task at a time, in the awaiting task; see
  /// buffer_unordered() to run them in parallel.
  template <class F>
    requires std::invocable<F &, T &&> &&
             detail::is_task_v<std::invoke_result_t<F &, T &&>> &&
             detail::is_stream_value_v<
                 detail::task_output_t<std::invoke_result_t<F &, T &&>>>
  Stream<detail::task_output_t<std::invoke_result_t<F &, T &&>>>
  then(F make_task) && {
    return detail::then_stream(std::move(*this), std::move(make_task));
  }

  /// For a stream of Task<U>: spawns the tasks onto the runtime of the
  /// awaiting task, at most `limit` (>= 1) running at once, and yields
  /// their results as they finish, in completion order: Stream<U>.
  ///
  /// The source is pulled only while fewer than `limit` tasks are running
  /// or unclaimed, so it is never more than `limit` values ahead of the
  /// consumer. While tasks run, it waits both for the source and for the
  /// first task to finish. An exception from a task (or the source) is
  /// rethrown by next() and ends the stream. Destroying the stream, or an
  /// exception, aborts the tasks still running; one that finished with an
  /// exception nobody took goes to the unhandled-exception handler, as for
  /// a dropped JoinSet. Spawning requires a runtime thread.
  template <class Self = T>
    requires detail::is_task_v<Self> &&
             detail::is_stream_value_v<detail::task_output_t<Self>>
  Stream<detail::task_output_t<Self>> buffer_unordered(std::size_t limit) && {
    if (limit == 0)
      throw std::invalid_argument(
          "corolint::rt::Stream::buffer_unordered: limit 0");
    return detail::buffer_unordered_stream(std::move(*this), limit);
  }

  /// Like buffer_unordered(), but yields the results in the order of the
  /// source: a result that is ready waits for those before it.
  template <class Self = T>
    requires detail::is_task_v<Self> &&
             detail::is_stream_value_v<detail::task_output_t<Self>>
  Stream<detail::task_output_t<Self>> buffered(std::size_t limit) && {
    if (limit == 0)
      throw std::invalid_argument("corolint::rt::Stream::buffered: limit 0");
    return detail::buffered_stream(std::move(*this), limit);
  }

  /// A task that drains the stream into a vector.
  Task<std::vector<T>> collect() && {
    return detail::collect_stream(std::move(*this));
  }

  /// A task that calls `action(value)` for each value in turn; if it
  /// returns a Task<void>, awaits it before taking the next value.
  template <class F>
    requires std::invocable<F &, T &&> &&
             (std::is_void_v<std::invoke_result_t<F &, T &&>> ||
              std::same_as<std::invoke_result_t<F &, T &&>, Task<void>>)
  Task<void> for_each(F action) && {
    return detail::for_each_stream(std::move(*this), std::move(action));
  }

private:
  friend promise_type;

  explicit Stream(std::coroutine_handle<promise_type> body) noexcept
      : body_(body) {}

  void destroy() noexcept {
    if (body_)
      std::exchange(body_, nullptr).destroy();
  }

  std::coroutine_handle<promise_type> body_;
};

/// A stream of the elements of `range`, which it owns: a container passed
/// as an rvalue is moved in and its elements are moved out one by one; an
/// lvalue is copied. Pass a view (`std::views::all(container)`) to stream
/// copies of the elements of a container that outlives the stream.
template <std::ranges::input_range R>
  requires detail::is_stream_value_v<std::ranges::range_value_t<R>>
Stream<std::ranges::range_value_t<R>> iter(R range) {
  for (auto &&element : range) {
    if constexpr (std::ranges::view<R>)
      co_yield std::as_const(element);
    else
      co_yield std::move(element);
  }
}

namespace detail {

template <class T> Stream<T> StreamPromise<T>::get_return_object() {
  const auto body = std::coroutine_handle<StreamPromise<T>>::from_promise(*this);
  target_.reset(RelayWakeTarget::create(body));
  return Stream<T>(body);
}

} // namespace detail
} // namespace corolint::rt
