#pragma once

#include "corolint/rt/detail/stream_promise.h"
#include "corolint/rt/detail/stream_traits.h"

#include <cstddef>
#include <exception>
#include <functional>
#include <optional>
#include <utility>
#include <vector>

namespace corolint::rt::detail {

template <class T, class F>
Stream<stream_map_result_t<F, T>> map_stream(Stream<T> source, F transform) {
  while (std::optional<T> item = co_await source.next())
    co_yield std::invoke(transform, std::move(*item));
}

template <class T, class P>
Stream<T> filter_stream(Stream<T> source, P predicate) {
  while (std::optional<T> item = co_await source.next()) {
    if (std::invoke(predicate, std::as_const(*item)))
      co_yield std::move(*item);
  }
}

template <class T>
Stream<T> take_stream(Stream<T> source, std::size_t count) {
  for (std::size_t left = count; left > 0; --left) {
    std::optional<T> item = co_await source.next();
    if (!item)
      co_return;
    co_yield std::move(*item);
  }
}

template <class T>
Stream<std::vector<T>> chunks_stream(Stream<T> source, std::size_t size) {
  std::vector<T> chunk;
  chunk.reserve(size);
  std::exception_ptr error;
  for (;;) {
    std::optional<T> item;
    try {
      item = co_await source.next();
    } catch (...) {
      error = std::current_exception();
    }
    if (!item)
      break;
    chunk.push_back(std::move(*item));
    if (chunk.size() == size) {
      co_yield std::exchange(chunk, {});
      chunk.reserve(size);
    }
  }
  if (!chunk.empty())
    co_yield std::move(chunk);
  if (error)
    std::rethrow_exception(error);
}

template <class T, class F>
Stream<task_output_t<std::invoke_result_t<F &, T &&>>>
then_stream(Stream<T> source, F make_task) {
  while (std::optional<T> item = co_await source.next())
    co_yield co_await std::invoke(make_task, std::move(*item));
}

} // namespace corolint::rt::detail
