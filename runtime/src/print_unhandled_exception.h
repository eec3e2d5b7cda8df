#pragma once

#include <exception>

namespace corolint::rt::detail {

/// The default unhandled-exception handler: describes `failure` on stderr.
void print_unhandled_exception(std::exception_ptr failure) noexcept;

} // namespace corolint::rt::detail
