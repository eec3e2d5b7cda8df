#include "print_unhandled_exception.h"

#include <cstdio>
#include <utility>

namespace corolint::rt::detail {

void print_unhandled_exception(std::exception_ptr failure) noexcept {
  try {
    std::rethrow_exception(std::move(failure));
  } catch (const std::exception &error) {
    std::fprintf(stderr,
                 "corolint::rt: unhandled exception in a task whose result "
                 "nobody awaited: %s\n",
                 error.what());
  } catch (...) {
    std::fprintf(stderr, "corolint::rt: unhandled exception of unknown type "
                         "in a task whose result nobody awaited\n");
  }
}

} // namespace corolint::rt::detail
