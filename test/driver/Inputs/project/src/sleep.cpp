#include "task.h"
#include <chrono>
#include <thread>

Task naps() {
  std::this_thread::sleep_for(std::chrono::seconds(1));
  co_await Yield{};
}

Task napsQuietly() {
  std::this_thread::sleep_for(std::chrono::seconds(1)); // NOLINT
  co_await Yield{};
}
