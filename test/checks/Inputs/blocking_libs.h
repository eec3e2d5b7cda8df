// Declarations with the real names and shapes of coroutine libraries'
// blocking entry points, for libraries Debian does not ship.
#ifndef COROLINT_TEST_BLOCKING_LIBS_H
#define COROLINT_TEST_BLOCKING_LIBS_H

#include "coro_test.h"
#include <functional>
#include <utility>

namespace folly {
template <typename T> class Future {
public:
  T get() &&;
  Future &wait() &;
  bool isReady() const;
};
template <typename T> class SemiFuture {
public:
  T get() &&;
};
namespace coro {
template <typename T> class Task {};
template <typename Awaitable> auto blockingWait(Awaitable &&awaitable) -> int;
} // namespace coro
} // namespace folly

namespace cppcoro {
template <typename Awaitable> auto sync_wait(Awaitable &&awaitable) -> int;
} // namespace cppcoro

namespace coro {
template <typename Awaitable> auto sync_wait(Awaitable &&awaitable) -> int;
} // namespace coro

namespace async_simple::coro {
template <typename T> class Lazy {};
template <typename LazyType> auto syncAwait(LazyType &&lazy) -> int;
} // namespace async_simple::coro

namespace concurrencpp {
template <typename T> class result {
public:
  T get();
  void wait();
  bool valid() const noexcept;
};
} // namespace concurrencpp

namespace stdexec {
struct sync_wait_t {
  template <typename Sender> auto operator()(Sender &&sender) const -> int;
};
inline constexpr sync_wait_t sync_wait{};
} // namespace stdexec

namespace unifex {
template <typename Sender> auto sync_wait(Sender &&sender) -> int;
} // namespace unifex

namespace corolint::rt {
template <typename T> struct JoinHandle {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  T await_resume() const { return T{}; }
};
template <typename Fn> auto spawn_blocking(Fn &&fn) -> JoinHandle<decltype(fn())> {
  return {};
}
} // namespace corolint::rt

namespace mylib {
// Async functions that share names with blocking ones.
Yield sleep_for(int milliseconds);
Yield sync_wait(int token);
} // namespace mylib

#endif
