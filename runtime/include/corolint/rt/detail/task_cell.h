#pragma once

#include "corolint/rt/detail/task_header.h"

#include <optional>
#include <stdexcept>
#include <utility>

namespace corolint::rt::detail {

/// A spawned task's header plus the slot for the value it returns.
template <class T> class TaskCell final : public TaskHeader {
public:
  using TaskHeader::TaskHeader;

  template <class U> void store_value(U &&value) {
    value_.emplace(std::forward<U>(value));
  }

  /// Returns the value, or throws Cancelled or the task's exception.
  T take_result() {
    claim_outcome();
    if (!value_)
      throw std::logic_error("corolint::rt: the result of this task is "
                             "not available");
    return std::move(*value_);
  }

private:
  std::optional<T> value_;
};

template <> class TaskCell<void> final : public TaskHeader {
public:
  using TaskHeader::TaskHeader;

  void store_value() noexcept {}

  void take_result() { claim_outcome(); }
};

} // namespace corolint::rt::detail
