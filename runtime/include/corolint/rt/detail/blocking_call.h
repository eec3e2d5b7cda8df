#pragma once

#include "corolint/rt/detail/blocking_job.h"
#include "corolint/rt/detail/outcome.h"
#include "corolint/rt/detail/scheduler.h"
#include "corolint/rt/detail/task_spawner.h"
#include "corolint/rt/join_handle.h"
#include "corolint/rt/task.h"
#include "corolint/rt/waker.h"

#include <coroutine>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <type_traits>
#include <utility>

namespace corolint::rt::detail {

/// Where a blocking job leaves its outcome for the task that awaits it.
template <class T> class BlockingResult {
public:
  /// Called by the pool thread. Returns false, when the awaiting task is
  /// gone, to skip running the job at all.
  bool begin() {
    std::lock_guard lock(mutex_);
    if (stage_ == Stage::abandoned)
      return false;
    stage_ = Stage::running;
    return true;
  }

  template <class F> void run(F &fn) noexcept {
    try {
      if constexpr (std::is_void_v<T>) {
        std::invoke(fn);
        outcome_.set_value();
      } else {
        outcome_.set_value(std::invoke(fn));
      }
    } catch (...) {
      outcome_.set_exception(std::current_exception());
    }
    Waker waiter;
    {
      std::lock_guard lock(mutex_);
      stage_ = Stage::done;
      waiter = std::move(waiter_);
    }
    waiter.wake();
  }

  /// Returns false, storing nothing, when the job is done already.
  bool wait(Waker waker) {
    std::lock_guard lock(mutex_);
    if (stage_ == Stage::done)
      return false;
    waiter_ = std::move(waker);
    return true;
  }

  bool done() {
    std::lock_guard lock(mutex_);
    return stage_ == Stage::done;
  }

  /// The awaiting task is destroyed: a job that has not started never will.
  void abandon() noexcept {
    Waker dropped;
    std::lock_guard lock(mutex_);
    if (stage_ == Stage::queued)
      stage_ = Stage::abandoned;
    dropped = std::move(waiter_);
  }

  T take() { return outcome_.take(); }

private:
  enum class Stage : std::uint8_t { queued, running, done, abandoned };

  std::mutex mutex_;
  Stage stage_ = Stage::queued;
  Waker waiter_;
  Outcome<T> outcome_;
};

template <class F, class T> class BlockingCall final : public BlockingJob {
public:
  BlockingCall(F fn, std::shared_ptr<BlockingResult<T>> result)
      : fn_(std::move(fn)), result_(std::move(result)) {}

  void run() noexcept override {
    if (result_->begin())
      result_->run(fn_);
  }

private:
  F fn_;
  std::shared_ptr<BlockingResult<T>> result_;
};

/// The waiting side's claim on a job's result, owned by the frame of the
/// task behind the JoinHandle. Destroying it unclaimed (the task was aborted
/// or cancelled, even before it first ran) abandons the job.
template <class T> class BlockingClaim {
public:
  explicit BlockingClaim(std::shared_ptr<BlockingResult<T>> result) noexcept
      : result_(std::move(result)) {}
  BlockingClaim(BlockingClaim &&other) noexcept
      : result_(std::move(other.result_)), taken_(other.taken_) {}
  BlockingClaim &operator=(BlockingClaim &&) = delete;
  BlockingClaim(const BlockingClaim &) = delete;
  BlockingClaim &operator=(const BlockingClaim &) = delete;
  ~BlockingClaim() {
    if (result_ && !taken_)
      result_->abandon();
  }

  bool await_ready() { return result_->done(); }
  bool await_suspend(std::coroutine_handle<> awaiting) {
    return result_->wait(current_waker(awaiting));
  }
  T await_resume() {
    taken_ = true;
    return result_->take();
  }

private:
  std::shared_ptr<BlockingResult<T>> result_;
  bool taken_ = false;
};

/// The task behind a spawn_blocking JoinHandle: it waits for the job.
template <class T> Task<T> await_blocking(BlockingClaim<T> claim) {
  co_return co_await claim;
}

template <class F>
using BlockingValue = std::invoke_result_t<std::decay_t<F> &>;

template <class F>
JoinHandle<BlockingValue<F>> spawn_blocking_on(Scheduler &scheduler, F &&fn) {
  using T = BlockingValue<F>;
  static_assert(!std::is_reference_v<T>,
                "spawn_blocking: the function must return a value, not a "
                "reference");
  auto result = std::make_shared<BlockingResult<T>>();
  auto job = std::make_unique<BlockingCall<std::decay_t<F>, T>>(
      std::forward<F>(fn), result);
  JoinHandle<T> handle =
      TaskSpawner::spawn(scheduler, await_blocking(BlockingClaim<T>(result)));
  try {
    if (!scheduler.submit_blocking(std::move(job)))
      handle.abort();
  } catch (...) {
    handle.abort();
    throw;
  }
  return handle;
}

} // namespace corolint::rt::detail
