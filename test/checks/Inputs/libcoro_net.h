// Declarations with libcoro's names for its networking (libcoro is not
// packaged in Debian): a socket wrapper made by a factory whose body is in
// another translation unit, and the scheduler's readiness poll.
#ifndef COROLINT_TEST_LIBCORO_NET_H
#define COROLINT_TEST_LIBCORO_NET_H

#include "coro_test.h"
#include <chrono>
#include <utility>

namespace coro {
enum class poll_op { read, write, read_write };
enum class poll_status { read, write, timeout, error, closed };

namespace net {
class socket {
public:
  enum class blocking_t { yes, no };
  struct options {
    blocking_t blocking;
  };
  socket() = default;
  explicit socket(int fd) : m_fd(fd) {}
  socket(socket &&other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}
  auto operator=(socket &&other) noexcept -> socket &;
  auto blocking(blocking_t block) -> bool;
  auto native_handle() const -> int { return m_fd; }

private:
  int m_fd{-1};
};
auto make_socket(const socket::options &opts) -> socket;
} // namespace net

class scheduler {
public:
  auto poll(int fd, poll_op op,
            std::chrono::milliseconds timeout = std::chrono::milliseconds{0})
      -> Task<poll_status>;
  auto poll(const net::socket &sock, poll_op op,
            std::chrono::milliseconds timeout = std::chrono::milliseconds{0})
      -> Task<poll_status> {
    return poll(sock.native_handle(), op, timeout);
  }
};
} // namespace coro

#endif
