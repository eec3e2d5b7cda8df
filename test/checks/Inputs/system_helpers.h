// Stands for a third-party header included as a system header: corolint
// does not look inside its function bodies.
#pragma clang system_header
#include <chrono>
#include <thread>

namespace vendor {
inline void pauseBriefly() {
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
}
} // namespace vendor
