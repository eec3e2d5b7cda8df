#pragma once

#include "corolint/rt/detail/annotate.h"
#include "corolint/rt/detail/blocking_call.h"
#include "corolint/rt/detail/blocking_job.h"
#include "corolint/rt/detail/completion_latch.h"
#include "corolint/rt/detail/context.h"
#include "corolint/rt/detail/scheduler.h"
#include "corolint/rt/detail/task_spawner.h"
#include "corolint/rt/join_handle.h"
#include "corolint/rt/task.h"
#include "corolint/rt/unhandled_exception_handler.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>

namespace corolint::rt {

/// Runs tasks. Two flavours, chosen with Runtime::Builder:
///
/// - multi-thread (the default): a pool of worker threads, each with a local
///   run queue, that share a global injection queue and steal work from each
///   other when idle;
/// - current-thread: no threads of its own; tasks run on the thread that
///   calls block_on, and only while it does.
///
/// Each runtime also has timers (sleep, interval, timeout) and a pool of
/// threads for blocking work (spawn_blocking).
///
/// Destroying the runtime first waits for the blocking jobs that are running
/// (however long they take) and drops those still queued, then stops its
/// workers and destroys the frames of all tasks that have not finished, which
/// runs their destructors; awaiting such a task's handle afterwards throws
/// Cancelled.
class Runtime {
public:
  class Builder;

  /// A multi-thread runtime with one worker per hardware thread.
  Runtime();
  ~Runtime();
  Runtime(Runtime &&other) noexcept;
  Runtime &operator=(Runtime &&other) noexcept;
  Runtime(const Runtime &) = delete;
  Runtime &operator=(const Runtime &) = delete;

  /// Runs `task` on this runtime and blocks the calling thread until it
  /// finishes; returns its value or rethrows its exception. Throws
  /// std::logic_error when called on a thread of any runtime.
  template <class T>
  COROLINT_RT_ANNOTATE("corolint::blocking") T block_on(Task<T> task) {
    detail::throw_if_on_runtime_thread("corolint::rt::Runtime::block_on");
    auto latch = std::make_shared<detail::CompletionLatch>();
    JoinHandle<T> handle =
        detail::TaskSpawner::spawn(*scheduler_, std::move(task), latch);
    scheduler_->block_until(*latch);
    return handle.cell_->take_result();
  }

  /// Starts `task` on this runtime. Callable from any thread.
  template <class T> JoinHandle<T> spawn(Task<T> task) {
    return detail::TaskSpawner::spawn(*scheduler_, std::move(task));
  }

  /// Runs `fn()` on this runtime's blocking pool; see
  /// corolint::rt::spawn_blocking. Callable from any thread.
  template <class F> auto spawn_blocking(F &&fn) {
    return detail::spawn_blocking_on(*scheduler_, std::forward<F>(fn));
  }

private:
  template <class> friend class JoinSet;

  explicit Runtime(std::shared_ptr<detail::Scheduler> scheduler) noexcept;
  detail::Scheduler &scheduler() const noexcept { return *scheduler_; }
  void shut_down() noexcept;

  std::shared_ptr<detail::Scheduler> scheduler_;
};

/// Configures and builds a Runtime:
///
///     Runtime rt = Runtime::Builder::multi_thread().worker_threads(4).build();
///     Runtime single = Runtime::Builder::current_thread().build();
class Runtime::Builder {
public:
  /// Worker threads default to std::thread::hardware_concurrency().
  static Builder multi_thread();
  static Builder current_thread();

  /// Number of worker threads of a multi-thread runtime. Throws
  /// std::invalid_argument for 0 and std::logic_error on a current-thread
  /// builder.
  Builder &worker_threads(std::size_t count);

  /// Where exceptions of tasks whose result nobody awaits go. The default
  /// prints them to stderr. The handler runs on whichever thread notices the
  /// loss and must not throw.
  Builder &on_unhandled_exception(UnhandledExceptionHandler handler);

  /// Most threads the blocking pool runs at once (default 512); further
  /// spawn_blocking jobs wait for one of them. Throws std::invalid_argument
  /// for 0.
  Builder &max_blocking_threads(std::size_t count);

  /// How long a blocking-pool thread without work stays around before it
  /// exits (default 10 s). Throws std::invalid_argument if negative.
  Builder &thread_keep_alive(std::chrono::nanoseconds keep_alive);

  [[nodiscard]] Runtime build() const;

private:
  enum class Flavor : std::uint8_t { multi_thread, current_thread };
  explicit Builder(Flavor flavor) noexcept;

  Flavor flavor_;
  std::size_t worker_threads_;
  UnhandledExceptionHandler handler_;
  detail::BlockingPoolOptions blocking_;
};

} // namespace corolint::rt
