#pragma once

#include "corolint/rt/cancelled.h"
#include "corolint/rt/join_handle.h"
#include "corolint/rt/send_result.h"
#include "corolint/rt/task.h"

#include <atomic>
#include <stdexcept>
#include <utility>

namespace corolint::rt::testing {

/// For sends that must succeed in a test: throws, failing the task and so
/// the test, when the send failed.
template <class Result> void require_sent(const Result &result) {
  if (!result)
    throw std::runtime_error("a send that had to succeed failed");
}

/// Awaits an aborted task; returns whether it ended cancelled.
template <class T> Task<bool> was_cancelled(JoinHandle<T> &handle) {
  try {
    (void)co_await handle;
  } catch (const Cancelled &) {
    co_return true;
  }
  co_return false;
}

/// A move-only value that counts live instances, to observe that a channel
/// destroyed what it held.
class MoveOnlyCounter {
public:
  explicit MoveOnlyCounter(std::atomic<int> &live) noexcept : live_(&live) {
    live_->fetch_add(1);
  }
  MoveOnlyCounter(MoveOnlyCounter &&other) noexcept
      : live_(std::exchange(other.live_, nullptr)) {}
  MoveOnlyCounter &operator=(MoveOnlyCounter &&other) noexcept {
    std::swap(live_, other.live_);
    return *this;
  }
  MoveOnlyCounter(const MoveOnlyCounter &) = delete;
  MoveOnlyCounter &operator=(const MoveOnlyCounter &) = delete;
  ~MoveOnlyCounter() {
    if (live_ != nullptr)
      live_->fetch_sub(1);
  }

private:
  std::atomic<int> *live_;
};

} // namespace corolint::rt::testing
