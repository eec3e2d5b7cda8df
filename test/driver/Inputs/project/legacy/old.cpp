#include "task.h"
#include <chrono>
#include <mutex>
#include <thread>

namespace legacy {
struct SpinLock {
  void lock() {}
  void unlock() {}
};
} // namespace legacy

legacy::SpinLock spin;

Task oldStyle() {
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  std::lock_guard<legacy::SpinLock> guard(spin);
  co_await Yield{};
}
