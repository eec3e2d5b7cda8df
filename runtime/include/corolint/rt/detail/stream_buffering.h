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

/// Spawned tasks kept in the order they were spawned. Destroying the queue
/// aborts the tasks still in it.
template <class U> class OrderedTasks {
public:
  OrderedTasks() = default;
  OrderedTasks(const OrderedTasks &) = delete;
  OrderedTasks &operator=(const OrderedTasks &) = delete;
  ~OrderedTasks() {
    for (const JoinHandle<U> &handle : handles_)
      handle.abort();
  }

  void spawn_back(Task<U> task) { handles_.push_back(spawn(std::move(task))); }
  JoinHandle<U> &front() noexcept { return handles_.front(); }
  void pop_front() noexcept { handles_.pop_front(); }
  std::size_t size() const noexcept { return handles_.size(); }
  bool empty() const noexcept { return handles_.empty(); }

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

template <class U>
Stream<U> buffer_unordered_stream(Stream<Task<U>> unshared_source,
                                  std::size_t limit) {
  // The source lives as long as the adapter and every task that came from
  // it, even one that runs on another thread while the adapter is dropped.
  const auto source =
      std::make_shared<Stream<Task<U>>>(std::move(unshared_source));
  JoinSet<U> running;
  bool source_open = true;
  for (;;) {
    if (source_open && running.size() < limit) {
      std::optional<Task<U>> task;
      if (running.empty()) {
        task = co_await source->next();
      } else {
        auto first = co_await select_biased(source->next(), running.join_next());
        if (first.index() == 1) {
          if (std::optional<U> &result = std::get<1>(first))
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
    std::optional<U> result = co_await running.join_next();
    if (!result)
      co_return;
    co_yield std::move(*result);
  }
}

template <class U>
Stream<U> buffered_stream(Stream<Task<U>> unshared_source, std::size_t limit) {
  const auto source =
      std::make_shared<Stream<Task<U>>>(std::move(unshared_source));
  OrderedTasks<U> running;
  bool source_open = true;
  for (;;) {
    if (source_open && running.size() < limit) {
      std::optional<Task<U>> task;
      if (running.empty()) {
        task = co_await source->next();
      } else {
        auto first = co_await select_biased(source->next(), running.front());
        if (first.index() == 1) {
          running.pop_front();
          co_yield std::move(std::get<1>(first));
          continue;
        }
        task = std::move(std::get<0>(first));
      }
      if (task)
        running.spawn_back(keeping_alive(source, std::move(*task)));
      else
        source_open = false;
      continue;
    }
    if (running.empty())
      co_return;
    U result = co_await running.front();
    running.pop_front();
    co_yield std::move(result);
  }
}

} // namespace corolint::rt::detail
