#pragma once

#include <exception>
#include <optional>
#include <utility>

namespace corolint::rt {

/// The error of a timeout whose deadline elapsed before the operation
/// finished; thrown by TimeoutResult::value() in that case.
class TimedOut : public std::exception {
public:
  const char *what() const noexcept override {
    return "corolint::rt: deadline has elapsed";
  }
};

/// What awaiting timeout() yields: the operation's value, or TimedOut.
template <class T> class [[nodiscard]] TimeoutResult {
public:
  TimeoutResult(const TimedOut &) noexcept {}
  template <class U = T>
  TimeoutResult(std::in_place_t, U &&value) : value_(std::forward<U>(value)) {}

  bool has_value() const noexcept { return value_.has_value(); }
  explicit operator bool() const noexcept { return has_value(); }
  bool timed_out() const noexcept { return !has_value(); }

  /// The value; throws TimedOut if the deadline elapsed.
  T &value() & { return checked(); }
  const T &value() const & { return checked(); }
  T &&value() && { return std::move(checked()); }

  /// Like value(): throw TimedOut if the deadline elapsed.
  T &operator*() & { return checked(); }
  const T &operator*() const & { return checked(); }
  T *operator->() { return &checked(); }
  const T *operator->() const { return &checked(); }

  /// The value, or `fallback` if the deadline elapsed.
  template <class U> T value_or(U &&fallback) && {
    return value_.has_value() ? std::move(*value_)
                              : T(std::forward<U>(fallback));
  }

  /// Only meaningful when timed_out().
  TimedOut error() const noexcept { return {}; }

private:
  T &checked() {
    if (!value_)
      throw TimedOut{};
    return *value_;
  }
  const T &checked() const {
    if (!value_)
      throw TimedOut{};
    return *value_;
  }

  std::optional<T> value_;
};

template <> class [[nodiscard]] TimeoutResult<void> {
public:
  TimeoutResult(const TimedOut &) noexcept {}
  explicit TimeoutResult(std::in_place_t) noexcept : completed_(true) {}

  bool has_value() const noexcept { return completed_; }
  explicit operator bool() const noexcept { return completed_; }
  bool timed_out() const noexcept { return !completed_; }

  /// Throws TimedOut if the deadline elapsed.
  void value() const {
    if (!completed_)
      throw TimedOut{};
  }

  TimedOut error() const noexcept { return {}; }

private:
  bool completed_ = false;
};

} // namespace corolint::rt
