#pragma once

#include "corolint/rt/detail/blocking_job.h"

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

namespace corolint::rt::detail {

/// Threads for blocking and CPU-heavy work, kept apart from the workers that
/// poll tasks. It starts with no thread, starts one whenever a job arrives
/// and no thread is idle (up to max_threads, beyond which jobs queue in FIFO
/// order), and lets a thread exit after it has been idle for keep_alive.
class BlockingPool {
public:
  explicit BlockingPool(BlockingPoolOptions options);
  ~BlockingPool();
  BlockingPool(const BlockingPool &) = delete;
  BlockingPool &operator=(const BlockingPool &) = delete;

  /// Queues `job`. Returns false, destroying it unrun, once shut down.
  /// Throws std::system_error if no thread exists and none can be started.
  bool submit(std::unique_ptr<BlockingJob> job);

  /// Refuses further jobs, destroys the queued ones without running them,
  /// waits for the running ones to return and joins every thread.
  void shutdown() noexcept;

private:
  void run_thread(std::uint64_t id) noexcept;
  /// With the lock held; throws if the thread cannot be started.
  void start_thread();
  /// Threads that have exited on their own, to be joined without the lock.
  std::vector<std::thread> take_exited() noexcept;

  const BlockingPoolOptions options_;
  std::mutex mutex_;
  std::condition_variable work_available_;
  std::deque<std::unique_ptr<BlockingJob>> queue_;
  std::size_t threads_ = 0;
  std::size_t idle_ = 0;
  // Wake-ups sent to idle threads and not yet taken by one of them.
  std::size_t notified_ = 0;
  bool shut_down_ = false;
  std::uint64_t next_thread_id_ = 0;
  std::unordered_map<std::uint64_t, std::thread> live_;
  std::vector<std::thread> exited_;
};

} // namespace corolint::rt::detail
