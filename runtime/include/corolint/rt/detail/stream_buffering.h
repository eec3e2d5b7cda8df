#pragma once

#include "corolint/rt/detail/stream_promise.h"
#include "corolint/rt/join_handle.h"
#include "corolint/rt/join_set.h"
#include "corolint/rt/select.h"
#include "corolint/rt/spawn.h"
#include "corolint/rt/task.h"

#include <cstddef>
#include <deque>
#include <memory>
#include <optional>
#include <utility>
#include <variant>

namespace corolint::rt::detail {

/// Spawned tasks whose results are taken in completion order. Destroying
/// the set aborts the tasks still running.
template <class U> class UnorderedTasks {
public:
  void spawn(Task<U> task) { tasks_.spawn(std::move(task)); }
  std::size_t size() const noexcept { return tasks_.size(); }
  bool empty() const noexcept { return tasks_.empty(); }
  /// What to await for the next result; cancellation-safe.
  auto next_done() { return tasks_.join_next(); }
  /// The result, once the awaitable of next_done() has completed.
  static std::optional<U> take(std::optional<U> result) { return result; }

private:
  JoinSet<U> tasks_;
};

/// Spawned tasks whose results are taken in the order they were spawned.
/// Destroying the queue aborts the tasks still in it.
template <class U> class OrderedTasks {
public:
  OrderedTasks() = default;
  OrderedTasks(const OrderedTasks &) = delete;
  OrderedTasks &operator=(const OrderedTasks &) = delete;
  ~OrderedTasks() {
    for (const JoinHandle<U> &handle : handles_)
      handle.abort();
  }

  void spawn(Task<U> task) { handles_.push_back(rt::spawn(std::move(task))); }
  std::size_t size() const noexcept { return handles_.size(); }
  bool empty() const noexcept { return handles_.empty(); }
  /// The oldest task's handle, awaited in place: losing a select leaves it
  /// queued.
  JoinHandle<U> &next_done() noexcept { return handles_.front(); }
  std::optional<U> take(U result) {
    handles_.pop_front();
    return std::optional<U>(std::move(result));
  }

private:
  std::deque<JoinHandle<U>> handles_;
};

/// Runs `task` while holding a share of `owner`: the task may borrow from
/// it, as a task made by a coroutine lambda reads the lambda's captures.
template <class U, class Owner>
Task<U> keeping_alive(std::shared_ptr<Owner> owner, Task<U> task) {
  static_cast<void>(owner);
  // A local goes before the parameters, whether the task ends or is aborted.
  Task<U> borrower = std::move(task);
  co_return co_await std::move(borrower);
}

/// Runs the tasks of `unshared_source`, at most `limit` at once, and yields
/// their results in the order `Running` takes them.
template <class U, class Running>
Stream<U> buffered_tasks(Stream<Task<U>> unshared_source, std::size_t limit) {
  // The source lives as long as the adapter and every task that came from
  // it, even one that runs on another thread while the adapter is dropped.
  const auto source =
      std::make_shared<Stream<Task<U>>>(std::move(unshared_source));
  Running running;
  bool source_open = true;
  for (;;) {
    if (source_open && running.size() < limit) {
      std::optional<Task<U>> task;
      if (running.empty()) {
        task = co_await source->next();
      } else {
        auto first = co_await select_biased(source->next(), running.next_done());
        if (first.index() == 1) {
          if (std::optional<U> result = running.take(std::move(std::get<1>(first))))
            co_yield std::move(*result);
          continue;
        }
        task = std::move(std::get<0>(first));
      }
      if (task)
        running.spawn(keeping_alive(source, std::move(*task)));
      else
        source_open = false;
      continue;
    }
    if (running.empty())
      co_return;
    std::optional<U> result = running.take(co_await running.next_done());
    if (!result)
      co_return;
    co_yield std::move(*result);
  }
}

template <class U>
Stream<U> buffer_unordered_stream(Stream<Task<U>> source, std::size_t limit) {
  return buffered_tasks<U, UnorderedTasks<U>>(std::move(source), limit);
}

template <class U>
Stream<U> buffered_stream(Stream<Task<U>> source, std::size_t limit) {
  return buffered_tasks<U, OrderedTasks<U>>(std::move(source), limit);
}

} // namespace corolint::rt::detail
