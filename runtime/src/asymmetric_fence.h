#pragma once

#include <atomic>

namespace corolint::rt::detail {

/// A pair of fences for a Dekker-style handshake in which one side runs
/// far more often than the other: each side writes, fences, then reads what
/// the other side writes, so that at least one of them sees the other's
/// write. The frequent side's light() costs nothing at run time; the rare
/// side's heavy() makes every thread of the process execute a full fence
/// (Linux membarrier). Where that is unavailable both are full fences.
class AsymmetricFence {
public:
  /// Without `use_membarrier`, or where it is unavailable, both sides
  /// take full fences.
  explicit AsymmetricFence(bool use_membarrier = true) noexcept;

  void light() const noexcept {
    if (asymmetric_)
      std::atomic_signal_fence(std::memory_order_seq_cst);
    else
      std::atomic_thread_fence(std::memory_order_seq_cst);
  }

  void heavy() const noexcept;

private:
  bool asymmetric_;
};

} // namespace corolint::rt::detail
