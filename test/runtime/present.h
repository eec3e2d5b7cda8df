#pragma once

#include <optional>
#include <stdexcept>
#include <utility>

namespace corolint::rt::testing {

/// The value of `optional`, or a test failure by exception if it is empty.
template <class T> T &present(std::optional<T> &optional) {
  if (!optional.has_value())
    throw std::logic_error("expected a value, got an empty optional");
  return *optional;
}

/// The same for a temporary: the value is moved out.
template <class T> T present(std::optional<T> &&optional) {
  if (!optional.has_value())
    throw std::logic_error("expected a value, got an empty optional");
  return std::move(*optional);
}

} // namespace corolint::rt::testing
