#pragma once

#include "corolint/rt/waker.h"

#include <coroutine>

namespace corolint::rt {

/// Awaitable that suspends the current task and queues it behind the tasks
/// already waiting to run. An aborted task stops here.
class YieldNow {
public:
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> awaiting) const {
    current_waker(awaiting).wake();
  }
  void await_resume() const noexcept {}
};

[[nodiscard]] inline YieldNow yield_now() noexcept { return {}; }

} // namespace corolint::rt
