#pragma once

#include "corolint/rt/detail/blocking_call.h"
#include "corolint/rt/detail/context.h"
#include "corolint/rt/join_handle.h"

#include <utility>

namespace corolint::rt {

/// Runs `fn()` on the blocking pool of the calling task's runtime, a set of
/// threads apart from the workers that poll tasks, and returns a JoinHandle
/// for its result: `co_await` yields the returned value or rethrows what
/// `fn` threw. Use it for work that blocks the thread (file or database
/// calls, thread synchronisation) or keeps the CPU busy for long (hashing,
/// compression), so that the runtime's other tasks keep running meanwhile.
///
/// The pool starts threads on demand up to Runtime::Builder::
/// max_blocking_threads (512 by default); beyond that jobs wait in FIFO
/// order. A thread idle for thread_keep_alive (10 s by default) exits.
///
/// Aborting the handle before `fn` starts keeps it from running; once it
/// runs it cannot be interrupted, and an abort only discards its result.
/// Dropping the handle detaches the job. When the runtime is destroyed it
/// waits for running jobs to return, and drops queued ones without running
/// them (their handles yield Cancelled); jobs spawned after that are
/// cancelled at once.
///
/// `fn` runs outside of any runtime: from it, start tasks with
/// Runtime::spawn, not corolint::rt::spawn. Throws std::logic_error when
/// called outside of a runtime; use Runtime::spawn_blocking there.
template <class F> auto spawn_blocking(F &&fn) {
  return detail::spawn_blocking_on(
      detail::current_scheduler_or_throw("corolint::rt::spawn_blocking"),
      std::forward<F>(fn));
}

} // namespace corolint::rt
