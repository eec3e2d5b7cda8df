#pragma once

#include "corolint/rt/detail/awaitable_traits.h"
#include "corolint/rt/detail/branch_coroutine.h"
#include "corolint/rt/detail/branch_hub.h"
#include "corolint/rt/task.h"

#include <array>
#include <cstddef>
#include <exception>
#include <tuple>
#include <utility>
#include <variant>

namespace corolint::rt::detail {

/// The branch coroutines of one select or join, with the hub that runs
/// them. `A...` are the awaitables' types as the branches await them.
template <class... A> class BranchSet {
public:
  static constexpr std::size_t kCount = sizeof...(A);
  static_assert(kCount >= 1 && kCount <= kMaxBranches);

  explicit BranchSet(A &&...awaitables)
      : hub_(new BranchHub(kCount)),
        branches_(await_in_branch<branch_result_t<A>, A>(
            std::forward<A>(awaitables))...),
        slots_(std::apply(
            [](const auto &...branch) {
              return std::array<BranchSlot, kCount>{
                  BranchSlot{branch.handle(), branch.failure()}...};
            },
            branches_)) {}
  BranchSet(const BranchSet &) = delete;
  BranchSet &operator=(const BranchSet &) = delete;
  // Members are destroyed in reverse order: the branches, cancelling any
  // still suspended, before the hub's owning reference goes.
  ~BranchSet() = default;

  /// Runs the branches; see run_branches. Afterwards the branches that did
  /// not finish are cancelled, their frames destroyed.
  Task<std::size_t> run(std::size_t first, RunUntil until) {
    const std::size_t decided =
        co_await run_branches(*hub_, slots_, first, until);
    hub_->close();
    std::apply([](auto &...branch) { (branch.cancel_unless_done(), ...); },
               branches_);
    co_return decided;
  }

  /// The result of finished branch `index` as alternative `index` of a
  /// variant; rethrows its exception.
  std::variant<branch_result_t<A>...> take_one(std::size_t index) {
    return take_one(index, std::index_sequence_for<A...>{});
  }

  /// The results of all branches, all finished; rethrows the exception of
  /// branch `failed` if it is a branch index.
  std::tuple<branch_result_t<A>...> take_all(std::size_t failed) {
    if (failed < kCount)
      std::rethrow_exception(*slots_[failed].failure);
    return std::apply(
        [](auto &...branch) {
          return std::tuple<branch_result_t<A>...>{branch.take()...};
        },
        branches_);
  }

private:
  using Result = std::variant<branch_result_t<A>...>;

  template <std::size_t I> static Result take_at(BranchSet &set) {
    return Result{std::in_place_index<I>, std::get<I>(set.branches_).take()};
  }

  template <std::size_t... I>
  Result take_one(std::size_t index, std::index_sequence<I...>) {
    static constexpr std::array<Result (*)(BranchSet &), kCount> takers{
        &take_at<I>...};
    return takers[index](*this);
  }

  BranchHubPtr hub_;
  std::tuple<BranchCoroutine<branch_result_t<A>>...> branches_;
  std::array<BranchSlot, kCount> slots_;
};

} // namespace corolint::rt::detail
