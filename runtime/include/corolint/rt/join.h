#pragma once

#include "corolint/rt/detail/awaitable_traits.h"
#include "corolint/rt/detail/branch_hub.h"
#include "corolint/rt/detail/branch_set.h"
#include "corolint/rt/task.h"

#include <cstddef>
#include <tuple>
#include <utility>

namespace corolint::rt {

namespace detail {

template <class... A>
Task<std::tuple<branch_result_t<A>...>> join_from(RunUntil until,
                                                  A... awaitables) {
  BranchSet<A...> branches(std::forward<A>(awaitables)...);
  const std::size_t failed = co_await branches.run(0, until);
  co_return branches.take_all(failed);
}

} // namespace detail

/// Awaits several awaitables concurrently inside the awaiting task and
/// yields all their results, after tokio::join!.
///
///     auto [user, orders] = co_await join(fetch_user(id), fetch_orders(id));
///
/// The result is a std::tuple holding each branch's result by value
/// (std::monostate for void). Every branch runs to its end even if another
/// throws; then the exception of the first branch to fail is rethrown and
/// the other results are dropped. Use try_join() to stop at the first
/// exception instead.
///
/// Rvalue arguments are moved into the join; lvalue arguments are awaited
/// in place and must outlive it. Aborting the awaiting task cancels every
/// branch.
template <class... Awaitables>
  requires(sizeof...(Awaitables) >= 1 &&
           sizeof...(Awaitables) <= detail::kMaxBranches &&
           (detail::Awaitable<Awaitables> && ...))
Task<std::tuple<detail::branch_result_t<Awaitables>...>>
join(Awaitables &&...branches) {
  return detail::join_from<Awaitables...>(
      detail::RunUntil::all_done, std::forward<Awaitables>(branches)...);
}

/// Like join(), but as soon as a branch throws, cancels the branches still
/// running (their frames are destroyed before try_join returns) and
/// rethrows that exception (tokio::try_join!).
template <class... Awaitables>
  requires(sizeof...(Awaitables) >= 1 &&
           sizeof...(Awaitables) <= detail::kMaxBranches &&
           (detail::Awaitable<Awaitables> && ...))
Task<std::tuple<detail::branch_result_t<Awaitables>...>>
try_join(Awaitables &&...branches) {
  return detail::join_from<Awaitables...>(
      detail::RunUntil::all_done_or_failure,
      std::forward<Awaitables>(branches)...);
}

} // namespace corolint::rt
