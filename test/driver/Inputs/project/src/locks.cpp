#include "task.h"
#include <mutex>

std::mutex registry;

Task holdsTheLock() {
  std::lock_guard guard(registry);
  co_await Yield{};
}

Task holdsItTwice() {
  std::unique_lock lock(registry);
  co_await Yield{};
  co_await Yield{};
}

Task silenced() {
  std::lock_guard guard(registry); // NOLINT(coro-lock-across-suspend)
  co_await Yield{};
}

Task silencedAbove() {
  // NOLINTNEXTLINE(coro-lock-across-suspend)
  std::lock_guard guard(registry);
  co_await Yield{};
}

Task releasesFirst() {
  {
    std::lock_guard guard(registry);
  }
  co_await Yield{};
}
