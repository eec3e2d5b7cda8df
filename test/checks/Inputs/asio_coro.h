// Real asio from Debian's libasio-dev, with its C++20 coroutine support on:
// asio 1.22 only detects it through a macro that clang 17+ no longer defines.
#ifndef COROLINT_TEST_ASIO_CORO_H
#define COROLINT_TEST_ASIO_CORO_H
#if !defined(ASIO_HAS_CO_AWAIT) && defined(__cpp_impl_coroutine)
#define ASIO_HAS_CO_AWAIT 1
#endif
#include <asio.hpp>
#endif
