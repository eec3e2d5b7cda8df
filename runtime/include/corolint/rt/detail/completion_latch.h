#pragma once

#include "corolint/rt/detail/completion_observer.h"

#include <condition_variable>
#include <mutex>

namespace corolint::rt::detail {

/// Lets a thread outside the runtime block until a task completes.
class CompletionLatch final : public CompletionObserver {
public:
  void on_task_complete(TaskHeader &) noexcept override {
    std::lock_guard lock(mutex_);
    done_ = true;
    done_changed_.notify_all();
  }

  bool is_set() const {
    std::lock_guard lock(mutex_);
    return done_;
  }

  void wait() {
    std::unique_lock lock(mutex_);
    done_changed_.wait(lock, [this] { return done_; });
  }

private:
  mutable std::mutex mutex_;
  std::condition_variable done_changed_;
  bool done_ = false;
};

} // namespace corolint::rt::detail
