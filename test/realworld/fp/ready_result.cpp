#include <coroutine>
#include <tuple>
namespace concurrencpp {
enum class result_status { idle, value, exception };
template <class T> struct result {
  struct promise_type {
    result get_return_object() { return {}; }
    std::suspend_never initial_suspend() { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_value(T) {}
    void unhandled_exception() {}
  };
  T get();                      // blocks until the result is ready
  void wait();
  result_status status() const;
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<>) {}
  T await_resume();
  struct resolved { bool await_ready() { return true; } void await_suspend(std::coroutine_handle<>) {} result await_resume(); };
  resolved resolve();           // co_await r.resolve() yields r, ready
};
template <class... R> struct all_of { bool await_ready(); void await_suspend(std::coroutine_handle<>); std::tuple<R...> await_resume(); };
template <class... R> all_of<R...> when_all(R... r);
}  // namespace concurrencpp
using namespace concurrencpp;

void check_ready(result<int> r) {  // a test helper
  if (r.status() != result_status::value) throw 0;
  r.get();
}
result<int> after_when_all(result<int> a, result<int> b) {
  auto done = co_await when_all(std::move(a), std::move(b));
  check_ready(std::move(std::get<0>(done)));   // FP: ready, out of when_all
  co_return 0;
}
result<int> after_resolve(result<int> a) {
  auto done = co_await a.resolve();
  co_return done.get();                        // FP: ready, out of resolve()
}
result<int> after_wait(result<int> a) {
  a.wait();                                    // true: blocks
  co_return a.get();                           // FP: ready after wait()
}
