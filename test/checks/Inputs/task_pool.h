// A task library in a non-system header: coroutine templates that run the
// callable the user hands them on the executor.
#ifndef COROLINT_TEST_TASK_POOL_H
#define COROLINT_TEST_TASK_POOL_H

#include "coro_test.h"
#include <chrono>
#include <thread>
#include <utility>

namespace pool {

template <typename F> Task<> spawn(F work) {
  work();
  co_return;
}

template <typename F> Task<> submitAfter(int ticks, F work) {
  for (int i = 0; i < ticks; ++i)
    co_await Yield{};
  std::move(work)();
}

class Executor {
public:
  template <typename F> Task<> post(F work) {
    co_await Yield{};
    work();
  }
  // The library's own blocking call, not the user's: reported here.
  template <typename F> Task<> postThrottled(F work) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    work();
    co_return;
  }
};

} // namespace pool

#endif
