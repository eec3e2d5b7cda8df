// A minimal C++20 coroutine runtime shared by the examples.
//
//   Task<T>          lazy coroutine result; awaiting it starts it, and its
//                    completion resumes the awaiter by symmetric transfer.
//   ThreadPool       fixed number of worker threads resuming coroutines.
//   schedule_on(p)   awaitable that resumes the awaiting coroutine on a
//                    worker thread of p.
//   sync_wait(task)  runs a task from ordinary code and blocks until it ends.
#pragma once

#include <condition_variable>
#include <coroutine>
#include <cstddef>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace mini_rt {

template <class T = void>
class Task;

namespace detail {

class PromiseBase {
 public:
  struct FinalAwaiter {
    bool await_ready() const noexcept { return false; }
    template <class Promise>
    std::coroutine_handle<> await_suspend(std::coroutine_handle<Promise> done) noexcept {
      return done.promise().continuation_;
    }
    void await_resume() const noexcept {}
  };

  std::suspend_always initial_suspend() const noexcept { return {}; }
  FinalAwaiter final_suspend() const noexcept { return {}; }
  void unhandled_exception() noexcept { error_ = std::current_exception(); }

  void set_continuation(std::coroutine_handle<> awaiting) noexcept { continuation_ = awaiting; }

 protected:
  void rethrow_if_failed() const {
    if (error_) std::rethrow_exception(error_);
  }

 private:
  std::coroutine_handle<> continuation_ = std::noop_coroutine();
  std::exception_ptr error_;
};

template <class T>
class Promise : public PromiseBase {
 public:
  Task<T> get_return_object() noexcept;

  void return_value(T value) { value_.emplace(std::move(value)); }

  T result() {
    rethrow_if_failed();
    return std::move(*value_);
  }

 private:
  std::optional<T> value_;
};

template <>
class Promise<void> : public PromiseBase {
 public:
  Task<void> get_return_object() noexcept;
  void return_void() const noexcept {}
  void result() const { rethrow_if_failed(); }
};

}  // namespace detail

// Owns its coroutine frame. The body does not run until the task is awaited,
// and a task can be awaited once: `co_await make_task()` or
// `co_await std::move(task)`.
template <class T>
class [[nodiscard]] Task {
  static_assert(std::is_void_v<T> || std::is_object_v<T>, "Task<T> holds a value or nothing");

 public:
  using promise_type = detail::Promise<T>;
  using Handle = std::coroutine_handle<promise_type>;

  explicit Task(Handle handle) noexcept : handle_(handle) {}
  Task(Task&& other) noexcept : handle_(std::exchange(other.handle_, {})) {}
  Task& operator=(Task&& other) noexcept {
    if (this != &other) {
      if (handle_) handle_.destroy();
      handle_ = std::exchange(other.handle_, {});
    }
    return *this;
  }
  Task(const Task&) = delete;
  Task& operator=(const Task&) = delete;
  ~Task() {
    if (handle_) handle_.destroy();
  }

  class Awaiter {
   public:
    explicit Awaiter(Handle handle) noexcept : handle_(handle) {}
    bool await_ready() const noexcept { return false; }
    std::coroutine_handle<> await_suspend(std::coroutine_handle<> awaiting) noexcept {
      handle_.promise().set_continuation(awaiting);
      return handle_;
    }
    T await_resume() { return handle_.promise().result(); }

   private:
    Handle handle_;
  };

  Awaiter operator co_await() && noexcept { return Awaiter{handle_}; }

 private:
  Handle handle_;
};

namespace detail {

template <class T>
Task<T> Promise<T>::get_return_object() noexcept {
  return Task<T>{std::coroutine_handle<Promise<T>>::from_promise(*this)};
}

inline Task<void> Promise<void>::get_return_object() noexcept {
  return Task<void>{std::coroutine_handle<Promise<void>>::from_promise(*this)};
}

}  // namespace detail

// Runs posted coroutines on a fixed set of threads. The destructor lets the
// workers finish everything already queued, then joins them.
class ThreadPool {
 public:
  explicit ThreadPool(std::size_t threads) {
    if (threads == 0) threads = 1;
    workers_.reserve(threads);
    for (std::size_t i = 0; i < threads; ++i) workers_.emplace_back([this] { run(); });
  }
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;
  ~ThreadPool() {
    {
      std::lock_guard<std::mutex> guard(mutex_);
      stopping_ = true;
    }
    wakeup_.notify_all();
    for (std::thread& worker : workers_) worker.join();
  }

  void post(std::coroutine_handle<> coroutine) {
    {
      std::lock_guard<std::mutex> guard(mutex_);
      queue_.push_back(coroutine);
    }
    wakeup_.notify_one();
  }

 private:
  void run() {
    for (;;) {
      std::coroutine_handle<> next;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        wakeup_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;
        next = queue_.front();
        queue_.pop_front();
      }
      next.resume();
    }
  }

  std::mutex mutex_;
  std::condition_variable wakeup_;
  std::deque<std::coroutine_handle<>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;  // last: started once the rest exists
};

class ScheduleAwaiter {
 public:
  explicit ScheduleAwaiter(ThreadPool& pool) noexcept : pool_(&pool) {}
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> awaiting) { pool_->post(awaiting); }
  void await_resume() const noexcept {}

 private:
  ThreadPool* pool_;
};

// `co_await schedule_on(pool)` suspends and continues on a worker of pool.
inline ScheduleAwaiter schedule_on(ThreadPool& pool) noexcept { return ScheduleAwaiter{pool}; }

namespace detail {

struct SyncWaitState {
  std::mutex mutex;
  std::condition_variable finished;
  bool done = false;
  std::exception_ptr error;
};

// The coroutine sync_wait drives: it awaits the task, then wakes the caller.
class SyncWaitRunner {
 public:
  struct promise_type {
    SyncWaitState* state = nullptr;

    SyncWaitRunner get_return_object() noexcept {
      return SyncWaitRunner{std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    std::suspend_always initial_suspend() const noexcept { return {}; }
    auto final_suspend() const noexcept {
      struct Notify {
        bool await_ready() const noexcept { return false; }
        void await_suspend(std::coroutine_handle<promise_type> self) const noexcept {
          SyncWaitState& state = *self.promise().state;
          std::lock_guard<std::mutex> guard(state.mutex);
          state.done = true;
          state.finished.notify_one();
        }
        void await_resume() const noexcept {}
      };
      return Notify{};
    }
    void return_void() const noexcept {}
    void unhandled_exception() noexcept { state->error = std::current_exception(); }
  };

  explicit SyncWaitRunner(std::coroutine_handle<promise_type> handle) noexcept : handle_(handle) {}
  SyncWaitRunner(const SyncWaitRunner&) = delete;
  SyncWaitRunner& operator=(const SyncWaitRunner&) = delete;
  ~SyncWaitRunner() { handle_.destroy(); }

  void run_and_wait(SyncWaitState& state) {
    handle_.promise().state = &state;
    handle_.resume();
    std::unique_lock<std::mutex> lock(state.mutex);
    state.finished.wait(lock, [&state] { return state.done; });
    if (state.error) std::rethrow_exception(state.error);
  }

 private:
  std::coroutine_handle<promise_type> handle_;
};

template <class T>
SyncWaitRunner store_result(Task<T> task, std::optional<T>& out) {
  out.emplace(co_await std::move(task));
}

inline SyncWaitRunner store_result(Task<void> task) { co_await std::move(task); }

}  // namespace detail

// Starts task on the calling thread, blocks until it completes (wherever it
// completes), and returns its result or rethrows its exception.
template <class T>
T sync_wait(Task<T> task) {
  detail::SyncWaitState state;
  if constexpr (std::is_void_v<T>) {
    detail::SyncWaitRunner runner = detail::store_result(std::move(task));
    runner.run_and_wait(state);
  } else {
    std::optional<T> result;
    detail::SyncWaitRunner runner = detail::store_result(std::move(task), result);
    runner.run_and_wait(state);
    return std::move(*result);
  }
}

}  // namespace mini_rt
