// Executors shaped like concurrencpp's (not packaged by Debian), in a
// non-system header: submit, post and their bulk forms run the callable in a
// coroutine template of the executor base class. Only the shape matters:
// the class and method names the models use, the shared_ptr the runtime
// hands out, and the CRTP base between each executor and the base class.
#ifndef COROLINT_TEST_EXECUTOR_LIB_H
#define COROLINT_TEST_EXECUTOR_LIB_H

#include "coro_test.h"
#include <memory>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

namespace concurrencpp {

class executor {
protected:
  template <typename R, typename F> static Task<R> runReturning(F work) {
    co_await Yield{};
    co_return work();
  }
  template <typename F> static Task<> runDiscarding(F work) {
    co_await Yield{};
    work();
  }

public:
  virtual ~executor() = default;

  template <typename F> auto submit(F &&work) {
    return runReturning<std::invoke_result_t<F>>(std::forward<F>(work));
  }
  template <typename F> void post(F &&work) {
    runDiscarding(std::forward<F>(work));
  }
  template <typename F> auto bulk_submit(std::span<F> works) {
    std::vector<Task<std::invoke_result_t<F>>> Results;
    for (F &work : works)
      Results.push_back(runReturning<std::invoke_result_t<F>>(std::move(work)));
    return Results;
  }
  template <typename F> void bulk_post(std::span<F> works) {
    for (F &work : works)
      runDiscarding(std::move(work));
  }
};

template <typename Concrete> class derivable_executor : public executor {};

class thread_executor final : public derivable_executor<thread_executor> {};
class thread_pool_executor final
    : public derivable_executor<thread_pool_executor> {};
class worker_thread_executor final
    : public derivable_executor<worker_thread_executor> {};
class manual_executor final : public derivable_executor<manual_executor> {};
class inline_executor final : public derivable_executor<inline_executor> {};

class runtime {
public:
  std::shared_ptr<concurrencpp::thread_pool_executor> thread_pool_executor() const;
  std::shared_ptr<concurrencpp::thread_pool_executor> background_executor() const;
  std::shared_ptr<concurrencpp::thread_executor> thread_executor() const;
  std::shared_ptr<concurrencpp::worker_thread_executor> make_worker_thread_executor();
  std::shared_ptr<concurrencpp::manual_executor> make_manual_executor();
};

} // namespace concurrencpp

#endif
