#pragma once

#include "corolint/rt/detail/task_header.h"
#include "corolint/rt/detail/task_promise.h"

#include <coroutine>
#include <exception>
#include <optional>
#include <stdexcept>
#include <utility>

namespace corolint::rt::detail {

/// A spawned task's header plus the slot for the value it returns. The
/// task's own coroutine is the frame the header resumes.
template <class T> class TaskCell final : public TaskHeader {
public:
  using TaskHeader::TaskHeader;

  void collect_outcome() noexcept override {
    Outcome<T> &outcome = promise().outcome();
    if (std::exception_ptr failure = outcome.take_exception()) {
      store_failure(std::move(failure));
      return;
    }
    try {
      value_.emplace(outcome.take());
    } catch (...) {
      store_failure(std::current_exception());
    }
  }

  void drop_value() noexcept override { value_.reset(); }

  /// Returns the value, or throws Cancelled or the task's exception.
  T take_result() {
    claim_outcome();
    if (!value_)
      throw std::logic_error("corolint::rt: the result of this task is "
                             "not available");
    return std::move(*value_);
  }

private:
  TaskPromise<T> &promise() const noexcept {
    return std::coroutine_handle<TaskPromise<T>>::from_address(
               frame_address())
        .promise();
  }

  std::optional<T> value_;
};

template <> class TaskCell<void> final : public TaskHeader {
public:
  using TaskHeader::TaskHeader;

  void collect_outcome() noexcept override {
    if (std::exception_ptr failure =
            std::coroutine_handle<TaskPromise<void>>::from_address(
                frame_address())
                .promise()
                .outcome()
                .take_exception())
      store_failure(std::move(failure));
  }

  void drop_value() noexcept override {}

  void take_result() { claim_outcome(); }
};

} // namespace corolint::rt::detail
