#pragma once

#include "corolint/rt/runtime.h"
#include "corolint/rt/task.h"
#include "corolint/rt/unhandled_exception_handler.h"
#include "corolint/rt/waker.h"
#include "corolint/rt/yield_now.h"

#include <atomic>
#include <chrono>
#include <coroutine>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace corolint::rt::testing {

/// A one-shot event: tasks awaiting wait() suspend until open() is called,
/// from any thread. Built only on the public Waker API, the way channels
/// and timers register their wake-ups.
class Gate {
public:
  void open() {
    std::vector<Waker> waiters;
    {
      std::lock_guard lock(mutex_);
      open_ = true;
      waiters.swap(waiters_);
    }
    for (const Waker &waiter : waiters)
      waiter.wake();
  }

  class Awaiter {
  public:
    explicit Awaiter(Gate &gate) noexcept : gate_(&gate) {}
    bool await_ready() const {
      std::lock_guard lock(gate_->mutex_);
      return gate_->open_;
    }
    bool await_suspend(std::coroutine_handle<> awaiting) const {
      Waker waker = current_waker(awaiting);
      std::lock_guard lock(gate_->mutex_);
      if (gate_->open_)
        return false;
      gate_->waiters_.push_back(std::move(waker));
      return true;
    }
    void await_resume() const noexcept {}

  private:
    Gate *gate_;
  };

  [[nodiscard]] Awaiter wait() noexcept { return Awaiter{*this}; }

private:
  std::mutex mutex_;
  bool open_ = false;
  std::vector<Waker> waiters_;
};

/// Sets a flag when destroyed, to observe that a coroutine frame was torn
/// down.
class SetOnDestruction {
public:
  explicit SetOnDestruction(std::atomic<bool> &flag) noexcept : flag_(&flag) {}
  SetOnDestruction(SetOnDestruction &&other) noexcept
      : flag_(std::exchange(other.flag_, nullptr)) {}
  SetOnDestruction(const SetOnDestruction &) = delete;
  SetOnDestruction &operator=(const SetOnDestruction &) = delete;
  SetOnDestruction &operator=(SetOnDestruction &&) = delete;
  ~SetOnDestruction() {
    if (flag_ != nullptr)
      flag_->store(true);
  }

private:
  std::atomic<bool> *flag_;
};

/// The runtime configurations most tests run against.
enum class Flavor : std::uint8_t { current_thread, one_worker, four_workers };

inline Runtime build_runtime(Flavor flavor,
                             UnhandledExceptionHandler handler = {}) {
  Runtime::Builder builder = flavor == Flavor::current_thread
                                 ? Runtime::Builder::current_thread()
                                 : Runtime::Builder::multi_thread();
  if (flavor == Flavor::one_worker)
    builder.worker_threads(1);
  if (flavor == Flavor::four_workers)
    builder.worker_threads(4);
  return builder.on_unhandled_exception(std::move(handler)).build();
}

inline std::string flavor_name(Flavor flavor) {
  switch (flavor) {
  case Flavor::current_thread:
    return "CurrentThread";
  case Flavor::one_worker:
    return "OneWorker";
  case Flavor::four_workers:
    return "FourWorkers";
  }
  return "Unknown";
}

inline const std::vector<Flavor> &all_flavors() {
  static const std::vector<Flavor> flavors = {
      Flavor::current_thread, Flavor::one_worker, Flavor::four_workers};
  return flavors;
}

/// How long a test waits for something that must happen before it calls it
/// a hang. Only for detecting hangs: on a loaded machine a thread can go
/// unscheduled for a long time, and a test must not fail for that. When
/// things work, the wait ends as soon as the awaited event happens.
inline constexpr std::chrono::seconds kHangTimeout{60};

/// Yields until `condition` holds, or until kHangTimeout has passed. Returns
/// whether it held. Lets a test wait for work done on other threads without
/// blocking a worker.
template <class Condition> Task<bool> yield_until(Condition condition) {
  const auto give_up = std::chrono::steady_clock::now() + kHangTimeout;
  while (!condition()) {
    if (std::chrono::steady_clock::now() >= give_up)
      co_return condition();
    co_await yield_now();
  }
  co_return true;
}

/// Like yield_until, for a plain thread: checks `condition` every
/// millisecond until it holds or kHangTimeout has passed.
template <class Condition> bool wait_until(Condition condition) {
  const auto give_up = std::chrono::steady_clock::now() + kHangTimeout;
  while (!condition()) {
    if (std::chrono::steady_clock::now() >= give_up)
      return condition();
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

/// For a check that needs something to happen within a window of time, which
/// a busy machine can miss: calls `attempt(window)` with windows doubling
/// from `first` up to 64 times it, until one returns a result (an optional
/// that is set), which it returns; nothing if none did.
template <class Attempt>
auto with_widening_window(std::chrono::steady_clock::duration first,
                          Attempt attempt) -> decltype(attempt(first)) {
  for (auto window = first; window <= 64 * first; window *= 2)
    if (auto result = attempt(window))
      return result;
  return {};
}

/// Counts live instances, to observe that frames holding them were destroyed.
class LiveCounter {
public:
  explicit LiveCounter(std::atomic<int> &live) noexcept : live_(&live) {
    live_->fetch_add(1);
  }
  LiveCounter(const LiveCounter &other) noexcept : live_(other.live_) {
    live_->fetch_add(1);
  }
  LiveCounter &operator=(const LiveCounter &) = delete;
  ~LiveCounter() { live_->fetch_sub(1); }

private:
  std::atomic<int> *live_;
};

} // namespace corolint::rt::testing
