#pragma once

#include <chrono>
#include <cstddef>

namespace corolint::rt::detail {

/// A unit of work for the blocking pool.
class BlockingJob {
public:
  BlockingJob() = default;
  BlockingJob(const BlockingJob &) = delete;
  BlockingJob &operator=(const BlockingJob &) = delete;
  virtual ~BlockingJob() = default;

  /// Runs on a pool thread; destroyed afterwards. A job the pool drops at
  /// shutdown is destroyed without running.
  virtual void run() noexcept = 0;
};

/// Sizing of a runtime's blocking pool.
struct BlockingPoolOptions {
  /// Threads the pool may run at once; further jobs wait in a queue.
  std::size_t max_threads = 512;
  /// How long a thread without work waits for more before it exits.
  std::chrono::nanoseconds keep_alive = std::chrono::seconds(10);
};

} // namespace corolint::rt::detail
