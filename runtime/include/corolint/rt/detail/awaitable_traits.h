#pragma once

#include <concepts>
#include <coroutine>
#include <type_traits>
#include <utility>
#include <variant>

namespace corolint::rt::detail {

/// The awaiter that `co_await std::forward<A>(a)` uses: the result of a
/// member or free operator co_await, or the object itself.
template <class A> decltype(auto) get_awaiter(A &&awaitable) {
  if constexpr (requires { std::forward<A>(awaitable).operator co_await(); })
    return std::forward<A>(awaitable).operator co_await();
  else if constexpr (requires { operator co_await(std::forward<A>(awaitable)); })
    return operator co_await(std::forward<A>(awaitable));
  else
    return std::forward<A>(awaitable);
}

template <class A>
using awaiter_t = decltype(get_awaiter(std::declval<A>()));

template <class W>
concept Awaiter = requires(W &awaiter, std::coroutine_handle<> handle) {
  { awaiter.await_ready() } -> std::convertible_to<bool>;
  awaiter.await_suspend(handle);
  awaiter.await_resume();
};

/// Something that can be co_awaited as an `A` (an lvalue reference type
/// for an lvalue, an object type for an rvalue) by a corolint::rt task.
template <class A>
concept Awaitable = requires { typename awaiter_t<A>; } &&
                    Awaiter<std::remove_reference_t<awaiter_t<A>>>;

/// What awaiting an `A` yields, as stored by select and join: by value,
/// with std::monostate standing in for void.
template <class A>
using branch_result_t = std::conditional_t<
    std::is_void_v<decltype(std::declval<awaiter_t<A> &>().await_resume())>,
    std::monostate,
    std::remove_cvref_t<decltype(std::declval<awaiter_t<A> &>().await_resume())>>;

} // namespace corolint::rt::detail
