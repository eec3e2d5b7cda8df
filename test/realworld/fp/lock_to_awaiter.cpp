#include <coroutine>
#include <mutex>
struct task { struct promise_type { task get_return_object() { return {}; } std::suspend_never initial_suspend() { return {}; } std::suspend_never final_suspend() noexcept { return {}; } void return_void() {} void unhandled_exception() {} }; };
struct lock_awaiter {
  lock_awaiter(std::unique_lock<std::mutex>& lock) noexcept : lock_(std::move(lock)) {}
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<>) { auto released = std::move(lock_); }  // unlocks
  void await_resume() {}
  std::unique_lock<std::mutex> lock_;
};
std::mutex m;
bool locked = false;
task lock_async() {
  while (true) {
    std::unique_lock<std::mutex> lock(m);     // FP: reported as held at the co_await
    if (!locked) { locked = true; break; }
    co_await lock_awaiter(lock);              // the awaiter took the lock and releases it
  }
}
