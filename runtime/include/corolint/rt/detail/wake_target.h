#pragma once

#include <coroutine>
#include <cstdint>

namespace corolint::rt::detail {

/// What a Waker resumes: a spawned task, or one branch of a select or join
/// running inside a task. A Waker holds a reference to its target.
///
/// A target numbers its suspensions; a wake-up carries the number of the
/// suspension it was made for and is ignored once that suspension is over.
class WakeTarget {
public:
  WakeTarget(const WakeTarget &) = delete;
  WakeTarget &operator=(const WakeTarget &) = delete;

  virtual void retain_target() noexcept = 0;
  virtual void release_target() noexcept = 0;

  /// Starts a new suspension that continues at `resume_at`; returns its
  /// number. Only called on the thread running the target.
  virtual std::uint64_t begin_suspension_at(
      std::coroutine_handle<> resume_at) noexcept = 0;

  /// Resumes the suspension numbered `generation` if it is still the
  /// current one. Any thread; never blocks.
  virtual void wake_target(std::uint64_t generation) noexcept = 0;

protected:
  WakeTarget() = default;
  ~WakeTarget() = default;
};

} // namespace corolint::rt::detail
