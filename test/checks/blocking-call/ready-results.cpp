// RUN: %check_clang_tidy %s coro-blocking-call %t \
// RUN:   --config="{CheckOptions: {ModelFiles: '%inputs/models/ready-results.json'}}"

#include "coro_test.h"
#include <chrono>
#include <future>

using namespace std::chrono_literals;

// A concurrencpp-style result: awaitable, and get() blocks until it is set.
namespace lib {
enum class status { idle, ready };
struct result {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
  int get();
  void wait();
  status state() const;
};
Task<> when_all(result &a, result &b);
Task<> when_any(result &a, result &b);
} // namespace lib

Task<> getAfterAwait(lib::result r) {
  co_await r;
  use(r.get());
}

Task<> getAfterWhenAll(lib::result a, lib::result b) {
  co_await lib::when_all(a, b);
  use(a.get() + b.get());
  a.wait();
}

Task<> getAfterStatusTest(lib::result r) {
  if (r.state() == lib::status::ready)
    use(r.get());
  if (r.state() != lib::status::ready)
    co_return;
  use(r.get());
}

Task<> getBeforeAwait(lib::result r) {
  use(r.get());
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'lib::result::get' blocks the thread (sync-wait)
  co_await r;
}

Task<> getOnAnotherObject(lib::result a, lib::result b) {
  co_await a;
  use(b.get());
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'lib::result::get' blocks the thread (sync-wait)
}

Task<> awaitedOnOnePathOnly(lib::result r) {
  if (check())
    co_await r;
  use(r.get());
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'lib::result::get' blocks the thread (sync-wait)
}

Task<> getWhereTheTestFailed(lib::result r) {
  if (r.state() == lib::status::ready) {
    co_return;
  } else {
    use(r.get());
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'lib::result::get' blocks the thread (sync-wait)
  }
}

// The model lists no readiness test for wait().
Task<> waitAfterStatusTest(lib::result r) {
  if (r.state() == lib::status::ready)
    r.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'lib::result::wait' blocks the thread (sync-wait)
  co_return;
}

// A member of the coroutine's class.
struct Holder {
  lib::result pending;
  Task<> finish() {
    co_await pending;
    use(pending.get());
  }
  Task<> tooEarly() {
    use(pending.get());
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'lib::result::get' blocks the thread (sync-wait)
    co_return;
  }
};

// std::future, on the real header: ready once a zero wait says so.
Task<> futureCheckedReady(std::future<int> f) {
  if (f.wait_for(0s) == std::future_status::ready)
    use(f.get());
  co_return;
}

Task<> futureCheckedNotReady(std::future<int> f) {
  if (f.wait_for(0s) != std::future_status::ready)
    use(f.get());
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'std::future::get' blocks the thread (sync-wait)
  co_return;
}

Task<> futureOtherChecked(std::future<int> f, std::future<int> g) {
  if (g.wait_for(0s) == std::future_status::ready)
    use(f.get());
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'std::future::get' blocks the thread (sync-wait)
  co_return;
}
