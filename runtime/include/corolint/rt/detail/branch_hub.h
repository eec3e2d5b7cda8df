#pragma once

#include "corolint/rt/detail/spin_mutex.h"
#include "corolint/rt/detail/wake_target.h"
#include "corolint/rt/task.h"
#include "corolint/rt/waker.h"

#include <atomic>
#include <coroutine>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <memory>
#include <mutex>
#include <span>

namespace corolint::rt::detail {

/// The most branches one select or join can have.
inline constexpr std::size_t kMaxBranches = 64;

/// Runs the branches of a select or join concurrently inside the task that
/// awaits it.
///
/// Each branch is a coroutine of its own, with a wake target of its own:
/// wakers made while a branch runs resume that branch, not the whole task.
/// A branch's wake-up marks it woken and wakes the task, which then resumes
/// the woken branches one after the other, on its own thread. Reference
/// counted: wakers made inside the branches keep the hub alive.
class BranchHub {
public:
  explicit BranchHub(std::size_t count);
  BranchHub(const BranchHub &) = delete;
  BranchHub &operator=(const BranchHub &) = delete;

  void retain() noexcept { refs_.fetch_add(1, std::memory_order_relaxed); }
  void release() noexcept;

  /// Runs branch `index` from `entry`, its first resumption.
  void start(std::size_t index, std::coroutine_handle<> entry);
  /// Runs branch `index` from where it last suspended.
  void resume(std::size_t index);

  /// The branches woken since the last call, one bit each; clears them.
  std::uint64_t take_woken() noexcept;

  /// Stores `task` (the waker of the task running the hub) to be woken by
  /// the next branch wake-up. Returns false, storing nothing, if a branch
  /// was woken since the last take_woken().
  bool park(const Waker &task);

  /// Ignores all later wake-ups. Called once the select or join is decided.
  void close() noexcept;

private:
  class Branch final : public WakeTarget {
  public:
    void retain_target() noexcept override { hub->retain(); }
    void release_target() noexcept override { hub->release(); }
    std::uint64_t
    begin_suspension_at(std::coroutine_handle<> resume_at) noexcept override;
    void wake_target(std::uint64_t generation) noexcept override;

    BranchHub *hub = nullptr;
    std::uint64_t bit = 0;
    // Guarded by the hub's mutex.
    std::coroutine_handle<> resume_point;
    std::uint64_t generation = 0;
    bool armed = false;
  };

  ~BranchHub() = default;
  void run(std::size_t index);

  std::atomic<std::uint32_t> refs_{1};
  std::unique_ptr<Branch[]> branches_;
  std::size_t count_;

  SpinMutex mutex_;
  std::uint64_t woken_ = 0;
  Waker task_;
  bool closed_ = false;
};

/// Releases the owner's reference to a hub.
struct BranchHubRelease {
  void operator()(BranchHub *hub) const noexcept { hub->release(); }
};
using BranchHubPtr = std::unique_ptr<BranchHub, BranchHubRelease>;

/// What the hub needs to know of a branch coroutine: whether it is done,
/// and whether it ended with an exception.
struct BranchSlot {
  std::coroutine_handle<> handle;
  const std::exception_ptr *failure;
};

enum class RunUntil : std::uint8_t {
  /// select: the first branch to finish, normally or not.
  first_done,
  /// join: every branch finished.
  all_done,
  /// try_join: every branch finished, or the first exception.
  all_done_or_failure,
};

/// Starts the branches in order from `first`, then resumes them as they are
/// woken, visiting woken branches in the same rotating order, until `until`
/// holds. Returns the branch that finished first (first_done), the first to
/// fail (the others), or slots.size() when none failed.
Task<std::size_t> run_branches(BranchHub &hub, std::span<const BranchSlot> slots,
                               std::size_t first, RunUntil until);

/// A uniformly random index below `count`, from a per-thread generator.
std::size_t random_branch_index(std::size_t count) noexcept;

} // namespace corolint::rt::detail
