#include "coro_test.h"
#include <mutex>

std::mutex m;

Task<> holdsTheLock() {
  std::lock_guard guard(m);
  co_await Yield{};
}
