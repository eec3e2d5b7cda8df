#include "blocking_pool.h"

#include <utility>

namespace corolint::rt::detail {
namespace {

void join_all(std::vector<std::thread> threads) noexcept {
  for (std::thread &thread : threads)
    if (thread.joinable())
      thread.join();
}

} // namespace

BlockingPool::BlockingPool(BlockingPoolOptions options) : options_(options) {}

BlockingPool::~BlockingPool() { shutdown(); }

bool BlockingPool::submit(std::unique_ptr<BlockingJob> job) {
  std::vector<std::thread> exited;
  {
    std::lock_guard lock(mutex_);
    if (shut_down_)
      return false;
    queue_.push_back(std::move(job));
    if (idle_ > notified_) {
      ++notified_;
      work_available_.notify_one();
    } else if (threads_ < options_.max_threads) {
      try {
        start_thread();
      } catch (...) {
        // The job waits for a running thread, if there is one.
        if (threads_ == 0) {
          job = std::move(queue_.back());
          queue_.pop_back();
          throw;
        }
      }
    }
    exited = take_exited();
  }
  join_all(std::move(exited));
  return true;
}

void BlockingPool::shutdown() noexcept {
  std::deque<std::unique_ptr<BlockingJob>> dropped;
  std::vector<std::thread> threads;
  {
    std::lock_guard lock(mutex_);
    if (shut_down_)
      return;
    shut_down_ = true;
    dropped = std::move(queue_);
    threads = take_exited();
    for (auto &entry : live_)
      threads.push_back(std::move(entry.second));
    live_.clear();
  }
  work_available_.notify_all();
  dropped.clear();
  join_all(std::move(threads));
}

void BlockingPool::start_thread() {
  const std::uint64_t id = next_thread_id_++;
  // The new thread needs the lock to start, so it finds itself in live_.
  live_.emplace(id, std::thread([this, id] { run_thread(id); }));
  ++threads_;
}

std::vector<std::thread> BlockingPool::take_exited() noexcept {
  return std::exchange(exited_, {});
}

void BlockingPool::run_thread(std::uint64_t id) noexcept {
  std::unique_lock lock(mutex_);
  for (;;) {
    if (!queue_.empty()) {
      std::unique_ptr<BlockingJob> job = std::move(queue_.front());
      queue_.pop_front();
      lock.unlock();
      job->run();
      job.reset();
      lock.lock();
      continue;
    }
    if (shut_down_)
      break;
    ++idle_;
    const bool woken = work_available_.wait_for(
        lock, options_.keep_alive,
        [this] { return notified_ > 0 || shut_down_; });
    --idle_;
    if (notified_ > 0) {
      --notified_;
      continue;
    }
    if (!woken)
      break;
  }
  --threads_;
  // Unless shutdown took it already, leave this thread's handle for the next
  // submit or the shutdown to join.
  if (auto it = live_.find(id); it != live_.end()) {
    exited_.push_back(std::move(it->second));
    live_.erase(it);
  }
}

} // namespace corolint::rt::detail
