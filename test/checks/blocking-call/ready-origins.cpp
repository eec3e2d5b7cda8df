// RUN: %check_clang_tidy %s coro-blocking-call %t \
// RUN:   --config="{CheckOptions: {ModelFiles: '%inputs/models/ready-origins.json'}}"

#include "coro_test.h"
#include <chrono>
#include <cstddef>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

// A concurrencpp-style result: get() blocks until the result is set (its
// body is visible, as in a library bundled with the project's sources: a
// modelled call that does not block is not looked into); what
// `co_await r.resolve()`, `co_await when_all(...)` and the winner of
// `co_await when_any(...)` give back is ready.
namespace lib {
enum class status { idle, ready };
struct result {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
  int get() {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return 0;
  }
  void wait();
  status wait_for(int milliseconds);
  Task<result> resolve();
};
Task<std::tuple<result, result>> when_all(result a, result b);
Task<std::vector<result>> when_all(std::vector<result> all);
struct any_result {
  std::size_t index;
  std::tuple<result, result> results;
};
Task<any_result> when_any(result a, result b);
struct any_of_vector {
  std::size_t index;
  std::vector<result> results;
};
Task<any_of_vector> when_any(std::vector<result> all);
} // namespace lib

Task<> afterResolve(lib::result r) {
  auto done = co_await r.resolve();
  use(done.get());
  use(r.get());
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'lib::result::get' blocks the thread (sync-wait)
}

Task<> partsOfWhenAll(lib::result a, lib::result b, std::vector<lib::result> many) {
  auto both = co_await lib::when_all(std::move(a), std::move(b));
  use(std::get<0>(both).get() + std::get<1>(both).get());
  auto pending = lib::when_all(std::move(many));
  auto all = co_await pending;
  for (std::size_t i = 0; i < all.size(); ++i)
    use(all[i].get());
  auto &first = all[0];
  use(first.get());
}

Task<> winnerOfWhenAny(std::vector<lib::result> many) {
  auto any = co_await lib::when_any(std::move(many));
  use(any.results[any.index].get());
  auto &winner = any.results[any.index];
  use(winner.get());
  use(any.results[0].get());
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'lib::result::get' blocks the thread (sync-wait)
}

Task<> winnerBySwitch(lib::result a, lib::result b) {
  auto any = co_await lib::when_any(std::move(a), std::move(b));
  switch (any.index) {
  case 0: {
    use(std::get<0>(any.results).get());
    break;
  }
  case 1:
    use(std::get<0>(any.results).get());
    // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: 'lib::result::get' blocks the thread (sync-wait)
    use(std::get<1>(any.results).get());
    break;
  }
}

Task<> fallThroughIsNotTheWinner(lib::result a, lib::result b) {
  auto any = co_await lib::when_any(std::move(a), std::move(b));
  switch (any.index) {
  case 0:
    use(1);
  case 1:
    use(std::get<1>(any.results).get());
    // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: 'lib::result::get' blocks the thread (sync-wait)
    break;
  }
}

Task<> getAfterWait(lib::result r, lib::result other) {
  r.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'lib::result::wait' blocks the thread (sync-wait)
  use(r.get());
  use(other.get());
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'lib::result::get' blocks the thread (sync-wait)
  co_return;
}

Task<> getOnceNoLongerPending(lib::result r, lib::result other) {
  while (r.wait_for(5) == lib::status::idle) {
  }
  use(r.get());
  if (other.wait_for(0) != lib::status::idle)
    co_return;
  use(other.get());
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'lib::result::get' blocks the thread (sync-wait)
}

// Helpers that wait on what they are given block only if it is not ready.
void check(lib::result r) { use(r.get()); }
void checkByReference(lib::result &r) { use(r.get()); }
void forward(lib::result r) { check(std::move(r)); }
void checkLocal(lib::result r) {
  lib::result mine;
  use(mine.get());
}
template <typename T> void checkTemplate(T r) { use(r.get()); }

Task<> helpersOnReadyResults(lib::result a, lib::result b) {
  auto done = co_await a.resolve();
  check(std::move(done));
  checkByReference(done);
  forward(done);
  checkTemplate(done);
  auto both = co_await lib::when_all(std::move(a), std::move(b));
  forward(std::get<1>(both));
}

Task<> helpersOnPendingResults(lib::result a, lib::result b, lib::result c) {
  check(std::move(a));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'check' may block the thread: it calls 'lib::result::get' (sync-wait)
  // CHECK-MESSAGES: :[[@LINE-22]]:35: note: 'check' calls 'lib::result::get' here, which blocks
  forward(b);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'forward' may block the thread: it calls 'lib::result::get' (sync-wait)
  // CHECK-MESSAGES: :[[@LINE-23]]:31: note: 'forward' calls 'check' here
  // CHECK-MESSAGES: :[[@LINE-26]]:35: note: 'check' calls 'lib::result::get' here, which blocks
  auto done = co_await c.resolve();
  checkLocal(done);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'checkLocal' may block the thread: it calls 'lib::result::get' (sync-wait)
  // CHECK-MESSAGES: :[[@LINE-25]]:12: note: 'checkLocal' calls 'lib::result::get' here, which blocks
  co_return;
}
