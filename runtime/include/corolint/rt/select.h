#pragma once

#include "corolint/rt/detail/awaitable_traits.h"
#include "corolint/rt/detail/branch_hub.h"
#include "corolint/rt/detail/branch_set.h"
#include "corolint/rt/task.h"

#include <cstddef>
#include <utility>
#include <variant>

namespace corolint::rt {

namespace detail {

template <class... A>
Task<std::variant<branch_result_t<A>...>> select_from(std::size_t first,
                                                     A... awaitables) {
  BranchSet<A...> branches(std::forward<A>(awaitables)...);
  const std::size_t winner = co_await branches.run(first, RunUntil::first_done);
  co_return branches.take_one(winner);
}

} // namespace detail

/// Waits on several awaitables (channel operations, JoinHandles, Tasks,
/// other selects...) at once and yields the result of the first to finish,
/// after tokio::select!.
///
///     auto winner = co_await select(rx.recv(), shutdown.changed());
///     if (winner.index() == 0)
///       handle(std::get<0>(winner));   // std::optional<Job>
///
/// The result is a std::variant whose index() is the winning branch and
/// whose alternative I holds branch I's result by value (std::monostate for
/// void). If the winner ended with an exception, select rethrows it.
///
/// The branches run concurrently inside the awaiting task, each with its
/// own wake-ups; they are polled first in a random rotation (for fairness,
/// so that an always-ready branch does not starve the others), and woken
/// branches are resumed in the same rotation. Before select returns, the
/// losers are cancelled: their frames are destroyed, which unregisters
/// their awaiters. Use cancellation-safe operations as branches (every
/// corolint::rt channel operation is): a losing recv() takes no value, a
/// losing send() sends nothing.
///
/// Rvalue arguments are moved into the select; lvalue arguments (a
/// JoinHandle, say) are awaited in place and must outlive the select.
/// Aborting the awaiting task cancels every branch.
template <class... Awaitables>
  requires(sizeof...(Awaitables) >= 1 &&
           sizeof...(Awaitables) <= detail::kMaxBranches &&
           (detail::Awaitable<Awaitables> && ...))
Task<std::variant<detail::branch_result_t<Awaitables>...>>
select(Awaitables &&...branches) {
  return detail::select_from<Awaitables...>(
      detail::random_branch_index(sizeof...(Awaitables)),
      std::forward<Awaitables>(branches)...);
}

/// Like select(), but polls the branches in argument order, so that when
/// several are ready the earliest argument wins (tokio's `biased;`).
template <class... Awaitables>
  requires(sizeof...(Awaitables) >= 1 &&
           sizeof...(Awaitables) <= detail::kMaxBranches &&
           (detail::Awaitable<Awaitables> && ...))
Task<std::variant<detail::branch_result_t<Awaitables>...>>
select_biased(Awaitables &&...branches) {
  return detail::select_from<Awaitables...>(
      0, std::forward<Awaitables>(branches)...);
}

} // namespace corolint::rt
