#pragma once

#include <atomic>
#include <cstdint>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace corolint::rt::detail {

inline void cpu_relax() noexcept {
#if defined(__x86_64__) || defined(__i386__)
  _mm_pause();
#elif defined(__aarch64__)
  asm volatile("yield");
#endif
}

/// A mutex for critical sections of a few dozen instructions: a contended
/// lock() spins briefly, since the holder is about to let go, and only then
/// sleeps in the kernel.
class SpinMutex {
public:
  void lock() noexcept {
    std::uint32_t expected = kUnlocked;
    if (!state_.compare_exchange_strong(expected, kLocked,
                                        std::memory_order_acquire,
                                        std::memory_order_relaxed))
      lock_contended();
  }

  bool try_lock() noexcept {
    std::uint32_t expected = kUnlocked;
    return state_.compare_exchange_strong(expected, kLocked,
                                          std::memory_order_acquire,
                                          std::memory_order_relaxed);
  }

  void unlock() noexcept {
    if (state_.exchange(kUnlocked, std::memory_order_release) == kContended)
      state_.notify_one();
  }

private:
  static constexpr std::uint32_t kUnlocked = 0;
  static constexpr std::uint32_t kLocked = 1;
  // Locked, and a thread may be asleep waiting for it.
  static constexpr std::uint32_t kContended = 2;
  static constexpr int kSpins = 100;

  void lock_contended() noexcept {
    for (int i = 0; i < kSpins; ++i) {
      cpu_relax();
      if (state_.load(std::memory_order_relaxed) == kUnlocked && try_lock())
        return;
    }
    while (state_.exchange(kContended, std::memory_order_acquire) != kUnlocked)
      state_.wait(kContended, std::memory_order_relaxed);
  }

  std::atomic<std::uint32_t> state_{kUnlocked};
};

} // namespace corolint::rt::detail
