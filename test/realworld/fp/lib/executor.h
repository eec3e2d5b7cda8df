#pragma once
#include <coroutine>
template <class T> struct result { struct promise_type { result get_return_object() { return {}; } std::suspend_never initial_suspend() { return {}; } std::suspend_never final_suspend() noexcept { return {}; } void return_value(T) {} void unhandled_exception() {} }; };
struct executor_tag {};
struct executor {
  template <class F> static result<int> bridge(executor_tag, executor&, F callable) {
    co_return callable();    // FP location: the finding lands here, in the library header
  }
  template <class F> result<int> submit(F f) { return bridge({}, *this, f); }
};
