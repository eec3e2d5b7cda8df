#pragma once

#include "corolint/rt/detail/stream_promise.h"
#include "corolint/rt/task.h"

#include <functional>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

namespace corolint::rt::detail {

template <class T> Task<std::vector<T>> collect_stream(Stream<T> source) {
  std::vector<T> items;
  while (std::optional<T> item = co_await source.next())
    items.push_back(std::move(*item));
  co_return items;
}

template <class T, class F>
Task<void> for_each_stream(Stream<T> source, F action) {
  while (std::optional<T> item = co_await source.next()) {
    if constexpr (std::is_void_v<std::invoke_result_t<F &, T &&>>)
      std::invoke(action, std::move(*item));
    else
      co_await std::invoke(action, std::move(*item));
  }
}

} // namespace corolint::rt::detail
