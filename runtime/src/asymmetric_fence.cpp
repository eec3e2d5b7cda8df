#include "asymmetric_fence.h"

#include <exception>

#if defined(__linux__)
#include <linux/membarrier.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace corolint::rt::detail {
namespace {

#if defined(__linux__) && defined(SYS_membarrier)

long membarrier(int command) noexcept {
  return syscall(SYS_membarrier, command, 0, 0);
}

bool register_expedited_membarrier() noexcept {
  const long supported = membarrier(MEMBARRIER_CMD_QUERY);
  if (supported < 0 ||
      (supported & MEMBARRIER_CMD_PRIVATE_EXPEDITED) == 0 ||
      (supported & MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED) == 0)
    return false;
  return membarrier(MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED) == 0;
}

bool membarrier_available() noexcept {
  static const bool available = register_expedited_membarrier();
  return available;
}

#else

bool membarrier_available() noexcept { return false; }

#endif

} // namespace

AsymmetricFence::AsymmetricFence(bool use_membarrier) noexcept
    : asymmetric_(use_membarrier && membarrier_available()) {}

void AsymmetricFence::heavy() const noexcept {
  std::atomic_thread_fence(std::memory_order_seq_cst);
#if defined(__linux__) && defined(SYS_membarrier)
  if (asymmetric_ && membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED) == 0)
    return;
#endif
  // Registered, so this cannot fail; if it did, light() sides would be
  // unordered, so there is no safe way to go on.
  if (asymmetric_)
    std::terminate();
}

} // namespace corolint::rt::detail
