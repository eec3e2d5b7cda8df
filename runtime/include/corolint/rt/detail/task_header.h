#pragma once

#include "corolint/rt/detail/task_memory.h"
#include "corolint/rt/detail/task_state.h"
#include "corolint/rt/detail/wake_target.h"
#include "corolint/rt/waker.h"

#include <atomic>
#include <coroutine>
#include <cstdint>
#include <exception>
#include <memory>

namespace corolint::rt::detail {

class CompletionObserver;
class Scheduler;
class TaskList;
class TaskRegistry;

/// The shared, reference-counted state of one spawned task: its lifecycle,
/// its coroutine frame, its outcome and whoever waits for it.
///
/// References are held by the JoinHandle, by each run-queue entry, by each
/// Waker and by the scheduler's registry while the task is unfinished. The
/// coroutine frame is owned separately: it is destroyed exactly once, by the
/// thread that completes or cancels the task.
class TaskHeader : public WakeTarget, public TaskMemoryAllocated {
public:
  explicit TaskHeader(std::shared_ptr<Scheduler> scheduler) noexcept;
  virtual ~TaskHeader();
  TaskHeader(const TaskHeader &) = delete;
  TaskHeader &operator=(const TaskHeader &) = delete;

  void retain(std::uint32_t count = 1) noexcept {
    refs_.fetch_add(count, std::memory_order_relaxed);
  }
  void release(std::uint32_t count = 1) noexcept {
    if (refs_.fetch_sub(count, std::memory_order_acq_rel) == count)
      delete this;
  }

  Scheduler &scheduler() const noexcept { return *scheduler_; }
  TaskState &state() noexcept { return state_; }
  const TaskState &state() const noexcept { return state_; }

  // The coroutine frame. Only the thread that polls the task touches it.
  void attach_frame(std::coroutine_handle<> root) noexcept {
    root_ = root;
    resume_point_ = root;
  }
  void resume_frame() const { resume_point_.resume(); }
  bool frame_done() const noexcept { return root_.done(); }
  /// Moves what the finished frame returned or threw into the task, before
  /// the frame is destroyed.
  virtual void collect_outcome() noexcept = 0;
  /// Destroys the value the task returned, once nobody can take it.
  virtual void drop_value() noexcept = 0;
  void destroy_frame() noexcept;

  /// Called by the running task just before it suspends.
  std::uint64_t begin_suspension(std::coroutine_handle<> resume_at) noexcept {
    resume_point_ = resume_at;
    return state_.begin_suspension();
  }

  // Any thread.
  void wake(std::uint64_t generation) noexcept;

  // What wakers made while the task runs, outside any branch, point at.
  void retain_target() noexcept final { retain(); }
  void release_target() noexcept final { release(); }
  std::uint64_t
  begin_suspension_at(std::coroutine_handle<> resume_at) noexcept final {
    return begin_suspension(resume_at);
  }
  void wake_target(std::uint64_t generation) noexcept final {
    wake(generation);
  }
  void abort() noexcept;

  // The outcome, written by the polling thread before the task completes.
  void store_failure(std::exception_ptr failure) noexcept {
    failure_ = std::move(failure);
  }
  void mark_cancelled() noexcept { cancelled_ = true; }

  /// Marks the outcome as observed. Throws Cancelled or the task's exception
  /// if it did not return normally. Only valid once the task is complete.
  void claim_outcome();

  // The waiting side.
  void set_completion_observer(
      std::shared_ptr<CompletionObserver> observer) noexcept {
    observer_ = std::move(observer);
  }
  /// Stores the waker to wake on completion. Returns false, without storing,
  /// if the task is already complete.
  bool set_join_waker(Waker waker);
  /// Publishes completion: wakes the waiters, and reports a failure or
  /// destroys a value nobody can take any more.
  void publish_completion() noexcept;
  /// The JoinHandle goes away: reports an unobserved failure of a completed
  /// task, destroys its value and releases the handle's reference. The
  /// header itself may live on a while, for its registry entry is dropped
  /// in a batch.
  void drop_join_handle() noexcept;

protected:
  void *frame_address() const noexcept { return root_.address(); }

private:
  friend class TaskList;
  friend class TaskRegistry;

  /// Reports a failure nobody observed and destroys the value nobody took.
  void drop_outcome() noexcept;

  std::atomic<std::uint32_t> refs_{1};
  TaskState state_;
  std::shared_ptr<Scheduler> scheduler_;
  std::coroutine_handle<> root_;
  std::coroutine_handle<> resume_point_;

  std::exception_ptr failure_;
  bool cancelled_ = false;
  bool outcome_claimed_ = false;
  // The registry shard the task is in while unfinished.
  std::uint8_t registry_shard_ = 0;

  std::shared_ptr<CompletionObserver> observer_;
  // Handed between the JoinHandle's side and the completing thread by the
  // join-waker bit of `state_`.
  Waker join_waker_;

  // Hooks of the intrusive lists the task is on. A task is in at most one
  // run queue while scheduled; once complete, the same hook links it into a
  // JoinSet's completion queue.
  TaskHeader *list_next_ = nullptr;
  TaskHeader *registry_prev_ = nullptr;
  TaskHeader *registry_next_ = nullptr;
};

} // namespace corolint::rt::detail
