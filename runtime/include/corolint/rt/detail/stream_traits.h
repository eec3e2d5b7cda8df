#pragma once

#include <type_traits>

namespace corolint::rt {

template <class T> class Task;

namespace detail {

template <class T> struct TaskOutput {};
template <class U> struct TaskOutput<Task<U>> {
  using type = U;
};

/// U, for a Task<U>.
template <class T> using task_output_t = typename TaskOutput<T>::type;

template <class T> inline constexpr bool is_task_v = false;
template <class U> inline constexpr bool is_task_v<Task<U>> = true;

/// Whether a Stream can hold T: a non-const object type.
template <class T>
inline constexpr bool is_stream_value_v =
    std::is_object_v<T> && !std::is_const_v<T>;

/// What a Stream holds of the result of `F` applied to a `T` (by value).
template <class F, class T>
using stream_map_result_t =
    std::remove_cvref_t<std::invoke_result_t<F &, T &&>>;

} // namespace detail
} // namespace corolint::rt
