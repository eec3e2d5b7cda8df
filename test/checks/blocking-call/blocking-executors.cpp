// RUN: %check_clang_tidy %s coro-blocking-call %t \
// RUN:   --config="{CheckOptions: {ModelFiles: '%inputs/models/blocking-executors.json'}}"

// A task handed to an executor whose tasks may block (concurrencpp's
// thread_executor, which runs each on a new thread, and background_executor,
// its pool for blocking work) may block: only the tasks handed to the other
// executors are reported.

#include "executor_lib.h"
#include <array>
#include <chrono>
#include <memory>
#include <span>
#include <thread>

using namespace std::chrono_literals;
using namespace concurrencpp;

void nap() { std::this_thread::sleep_for(1ms); }

void onSharedExecutors(runtime &rt) {
  std::shared_ptr<thread_pool_executor> pool = rt.thread_pool_executor();
  pool->submit([] { std::this_thread::sleep_for(1ms); });
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'std::this_thread::sleep_for' blocks the thread (sleep): every task
  // CHECK-MESSAGES: executor_lib.h:22:15: note: 'concurrencpp::executor::runReturning' invokes the callable here
  // CHECK-MESSAGES: executor_lib.h:33:12: note: the callable is handed to 'concurrencpp::executor::runReturning' here
  rt.make_worker_thread_executor()->submit([] { nap(); return 1; });
  // CHECK-MESSAGES: :[[@LINE-1]]:49: warning: 'nap' may block the thread: it calls 'std::this_thread::sleep_for' (sleep)
  // CHECK-MESSAGES: :19:14: note: 'nap' calls 'std::this_thread::sleep_for' here, which blocks
  // CHECK-MESSAGES: executor_lib.h:22:15: note: 'concurrencpp::executor::runReturning' invokes the callable here
  // CHECK-MESSAGES: executor_lib.h:33:12: note: the callable is handed to 'concurrencpp::executor::runReturning' here
  rt.make_manual_executor()->post([] { std::this_thread::sleep_until(std::chrono::steady_clock::now()); });
  // CHECK-MESSAGES: :[[@LINE-1]]:40: warning: 'std::this_thread::sleep_until' blocks the thread (sleep): every task
  // CHECK-MESSAGES: executor_lib.h:26:5: note: 'concurrencpp::executor::runDiscarding' invokes the callable here
  // CHECK-MESSAGES: executor_lib.h:36:5: note: the callable is handed to 'concurrencpp::executor::runDiscarding' here

  // Each task runs on a thread of its own, or on the pool for blocking work.
  std::shared_ptr<concurrencpp::thread_executor> te = rt.thread_executor();
  te->submit([] { std::this_thread::sleep_for(1ms); });
  te->post([] { nap(); });
  rt.thread_executor()->submit([] { nap(); });
  rt.background_executor()->submit([] { nap(); return 2; });
  rt.background_executor()->post([] { nap(); });
  auto background = rt.background_executor();
  background->submit([] { nap(); });
}

Task<> awaitsWhatItHandsOver(runtime &rt, inline_executor &inline_, thread_executor &threads,
                             std::unique_ptr<thread_executor> owned) {
  co_await inline_.submit([] { nap(); });
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: 'nap' may block the thread: it calls 'std::this_thread::sleep_for' (sleep)
  // CHECK-MESSAGES: :19:14: note: 'nap' calls 'std::this_thread::sleep_for' here, which blocks
  // CHECK-MESSAGES: executor_lib.h:22:15: note: 'concurrencpp::executor::runReturning' invokes the callable here
  // CHECK-MESSAGES: executor_lib.h:33:12: note: the callable is handed to 'concurrencpp::executor::runReturning' here
  co_await threads.submit([] { nap(); });
  co_await owned->submit([] { nap(); });
}

// A lambda held in a variable is the same callable wherever it is handed.
void storedLambdas(runtime &rt) {
  auto sleeper = [] { nap(); };
  rt.thread_executor()->submit(sleeper);

  auto everywhere = [] { nap(); };
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'nap' may block the thread: it calls 'std::this_thread::sleep_for' (sleep)
  // CHECK-MESSAGES: :19:14: note: 'nap' calls 'std::this_thread::sleep_for' here, which blocks
  // CHECK-MESSAGES: executor_lib.h:22:15: note: 'concurrencpp::executor::runReturning' invokes the callable here
  // CHECK-MESSAGES: executor_lib.h:33:12: note: the callable is handed to 'concurrencpp::executor::runReturning' here
  rt.thread_executor()->submit(everywhere);
  rt.thread_pool_executor()->submit(everywhere);

  // The bulk forms hand over a span of callables.
  auto batch = [] { nap(); };
  std::array<decltype(batch), 2> Batch{batch, batch};
  rt.background_executor()->bulk_submit(std::span<decltype(batch)>(Batch));
  rt.thread_executor()->bulk_post(std::span<decltype(batch)>(Batch));
}

// A functor class is the user's callable too.
struct Snooze {
  void operator()() const { nap(); }
};
struct Doze {
  void operator()() const { nap(); }
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'nap' may block the thread: it calls 'std::this_thread::sleep_for' (sleep)
  // CHECK-MESSAGES: :19:14: note: 'nap' calls 'std::this_thread::sleep_for' here, which blocks
  // CHECK-MESSAGES: executor_lib.h:22:15: note: 'concurrencpp::executor::runReturning' invokes the callable here
  // CHECK-MESSAGES: executor_lib.h:33:12: note: the callable is handed to 'concurrencpp::executor::runReturning' here
};

void functors(runtime &rt, std::shared_ptr<executor> unknown) {
  rt.thread_executor()->submit(Snooze{});
  rt.background_executor()->submit(Snooze{});
  // An executor known only by the base class may be any of them.
  unknown->submit(Doze{});
}

// An executor class of the application's, modelled as blocking in a model
// file: classes derived from it are blocking executors too, for the methods
// the model names.
namespace app {
class BlockingPool : public concurrencpp::executor {};
class DiskPool final : public BlockingPool {};
} // namespace app

void derivedExecutor(app::DiskPool &disk) {
  disk.submit([] { nap(); });
  disk.post([] { nap(); });
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'nap' may block the thread: it calls 'std::this_thread::sleep_for' (sleep)
  // CHECK-MESSAGES: :19:14: note: 'nap' calls 'std::this_thread::sleep_for' here, which blocks
  // CHECK-MESSAGES: executor_lib.h:26:5: note: 'concurrencpp::executor::runDiscarding' invokes the callable here
  // CHECK-MESSAGES: executor_lib.h:36:5: note: the callable is handed to 'concurrencpp::executor::runDiscarding' here
}
