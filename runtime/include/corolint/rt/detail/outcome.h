#pragma once

#include <exception>
#include <optional>
#include <stdexcept>
#include <utility>

namespace corolint::rt::detail {

/// What a finished coroutine produced: a value or an exception.
template <class T> class Outcome {
public:
  template <class... Args> void set_value(Args &&...args) {
    value_.emplace(std::forward<Args>(args)...);
  }
  void set_exception(std::exception_ptr error) noexcept {
    error_ = std::move(error);
  }
  /// Hands over the exception, if the coroutine failed.
  std::exception_ptr take_exception() noexcept {
    return std::exchange(error_, nullptr);
  }
  /// Returns the value or rethrows the exception.
  T take() {
    if (error_)
      std::rethrow_exception(std::exchange(error_, nullptr));
    if (!value_)
      throw std::logic_error("corolint::rt: the result of this task is "
                             "not available");
    return std::move(*value_);
  }

private:
  std::optional<T> value_;
  std::exception_ptr error_;
};

template <> class Outcome<void> {
public:
  void set_value() noexcept {}
  void set_exception(std::exception_ptr error) noexcept {
    error_ = std::move(error);
  }
  std::exception_ptr take_exception() noexcept {
    return std::exchange(error_, nullptr);
  }
  void take() {
    if (error_)
      std::rethrow_exception(std::exchange(error_, nullptr));
  }

private:
  std::exception_ptr error_;
};

} // namespace corolint::rt::detail
