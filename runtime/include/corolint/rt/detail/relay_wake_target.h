#pragma once

#include "corolint/rt/detail/spin_mutex.h"
#include "corolint/rt/detail/wake_target.h"
#include "corolint/rt/waker.h"

#include <atomic>
#include <coroutine>
#include <cstdint>
#include <mutex>

namespace corolint::rt::detail {

/// The wake target of code that a task runs without it being the task
/// itself: a Stream's body, run by whichever next() awaits it, or the
/// operation of a timeout. The wakers it makes while it runs point here, so
/// that a wake-up stays with the code it was made for even when nobody
/// waits for that code at the moment.
///
/// "Runnable" means the code can make progress when resumed: it has not
/// started, it was made runnable explicitly (a Stream's body at a co_yield
/// whose value was taken), or the suspension it is waiting in was woken. A
/// wake-up makes it runnable and is relayed to the parent: the waker of
/// whatever waits for the code at the time, if anything does.
///
/// Reference-counted: wakers may outlive the owner.
class RelayWakeTarget final : public WakeTarget {
public:
  /// A new target with one reference, held by the caller, that is runnable
  /// at `start`.
  static RelayWakeTarget *create(std::coroutine_handle<> start) {
    return new RelayWakeTarget(start);
  }

  void retain_target() noexcept override {
    refs_.fetch_add(1, std::memory_order_relaxed);
  }
  void release_target() noexcept override;
  std::uint64_t
  begin_suspension_at(std::coroutine_handle<> resume_at) noexcept override;
  void wake_target(std::uint64_t generation) noexcept override;

  /// Makes the code runnable at `resume_at` without a wake-up.
  void make_runnable_at(std::coroutine_handle<> resume_at) noexcept;

  bool runnable() const noexcept;

  /// Drops the parent and resumes the code where it stopped, with this
  /// target current, until it next suspends. The code is not runnable from
  /// then on, and wake-ups for its earlier suspensions are void, until it
  /// is made runnable again. Only on the thread of the task that runs it.
  void run();

  /// Stores the waker of what waits for the code; if the code is runnable
  /// already, wakes it right away.
  void set_parent(const Waker &parent);

  /// Drops the parent waker, so that later wake-ups reach nothing.
  void detach() noexcept;

private:
  explicit RelayWakeTarget(std::coroutine_handle<> start) noexcept
      : resume_at_(start) {}
  ~RelayWakeTarget() = default;

  std::atomic<std::uint32_t> refs_{1};
  mutable SpinMutex mutex_;
  std::uint64_t generation_ = 0;
  bool runnable_ = true;
  Waker parent_;
  std::coroutine_handle<> resume_at_;
};

/// Drops the owner's reference to a RelayWakeTarget, and its parent.
struct RelayWakeTargetRelease {
  void operator()(RelayWakeTarget *target) const noexcept {
    target->detach();
    target->release_target();
  }
};

} // namespace corolint::rt::detail
