#pragma once

#include <exception>
#include <functional>

namespace corolint::rt {

/// Receives exceptions that escaped a task whose result nobody awaited: the
/// task was detached, or its JoinHandle was dropped without being awaited.
using UnhandledExceptionHandler = std::function<void(std::exception_ptr)>;

} // namespace corolint::rt
