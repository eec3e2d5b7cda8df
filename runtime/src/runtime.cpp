#include "corolint/rt/runtime.h"

#include "current_thread_scheduler.h"
#include "multi_thread_scheduler.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <thread>
#include <utility>

namespace corolint::rt {

Runtime::Runtime() : Runtime(Builder::multi_thread().build()) {}

Runtime::Runtime(std::shared_ptr<detail::Scheduler> scheduler) noexcept
    : scheduler_(std::move(scheduler)) {}

Runtime::~Runtime() { shut_down(); }

Runtime::Runtime(Runtime &&other) noexcept = default;

Runtime &Runtime::operator=(Runtime &&other) noexcept {
  if (this != &other) {
    shut_down();
    scheduler_ = std::move(other.scheduler_);
  }
  return *this;
}

void Runtime::shut_down() noexcept {
  if (!scheduler_)
    return;
  if (detail::current_scheduler() == scheduler_.get()) {
    // Shutting down waits for the workers, this thread among them.
    std::fputs("corolint::rt: a Runtime cannot be destroyed from one of its "
               "own threads\n",
               stderr);
    std::abort();
  }
  scheduler_->shutdown();
  scheduler_.reset();
}

Runtime::Builder::Builder(Flavor flavor) noexcept
    : flavor_(flavor),
      worker_threads_(std::max(1U, std::thread::hardware_concurrency())) {}

Runtime::Builder Runtime::Builder::multi_thread() {
  return Builder(Flavor::multi_thread);
}

Runtime::Builder Runtime::Builder::current_thread() {
  return Builder(Flavor::current_thread);
}

Runtime::Builder &Runtime::Builder::worker_threads(std::size_t count) {
  if (flavor_ == Flavor::current_thread)
    throw std::logic_error("corolint::rt::Runtime::Builder::worker_threads "
                           "does not apply to a current-thread runtime");
  if (count == 0)
    throw std::invalid_argument("corolint::rt::Runtime::Builder::"
                                "worker_threads: at least one worker needed");
  worker_threads_ = count;
  return *this;
}

Runtime::Builder &Runtime::Builder::max_blocking_threads(std::size_t count) {
  if (count == 0)
    throw std::invalid_argument("corolint::rt::Runtime::Builder::"
                                "max_blocking_threads: at least one thread "
                                "needed");
  blocking_.max_threads = count;
  return *this;
}

Runtime::Builder &
Runtime::Builder::thread_keep_alive(std::chrono::nanoseconds keep_alive) {
  if (keep_alive < std::chrono::nanoseconds::zero())
    throw std::invalid_argument("corolint::rt::Runtime::Builder::"
                                "thread_keep_alive: negative duration");
  blocking_.keep_alive = keep_alive;
  return *this;
}

Runtime::Builder &
Runtime::Builder::on_unhandled_exception(UnhandledExceptionHandler handler) {
  handler_ = std::move(handler);
  return *this;
}

Runtime Runtime::Builder::build() const {
  if (flavor_ == Flavor::current_thread)
    return Runtime(
        std::make_shared<detail::CurrentThreadScheduler>(handler_, blocking_));
  auto scheduler = std::make_shared<detail::MultiThreadScheduler>(
      worker_threads_, handler_, blocking_);
  scheduler->start();
  return Runtime(std::move(scheduler));
}

} // namespace corolint::rt
