#pragma once

#include <exception>

namespace corolint::rt {

/// Thrown when awaiting the result of a task that was aborted, or that was
/// still pending when its runtime shut down.
class Cancelled : public std::exception {
public:
  const char *what() const noexcept override {
    return "corolint::rt: task was cancelled";
  }
};

} // namespace corolint::rt
