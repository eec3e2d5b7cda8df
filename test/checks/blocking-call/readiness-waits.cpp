// RUN: %check_clang_tidy %s coro-blocking-call %t

#include "libcoro_net.h"
#include <cerrno>
#include <sys/socket.h>

using coro::poll_op;
using coro::poll_status;
namespace net = coro::net;

// libcoro's tcp::client: the socket comes from a factory whose body is in
// another translation unit (it sets O_NONBLOCK there). recv, send and
// connect return EAGAIN or EINPROGRESS, and the coroutines wait for the same
// socket to be ready through the scheduler's poll.
class client {
public:
  explicit client(coro::scheduler &scheduler)
      : m_scheduler(&scheduler),
        m_socket(net::make_socket({net::socket::blocking_t::no})) {}

  Task<long> read_some(char *buffer, unsigned size) {
    long read = recv(buffer, size);
    if (read >= 0)
      co_return read;
    if (co_await poll(poll_op::read) != poll_status::read)
      co_return -1;
    co_return recv(buffer, size);
  }

  Task<long> write_some(const char *buffer, unsigned size) {
    if (co_await poll(poll_op::write) != poll_status::write)
      co_return -1;
    co_return send(buffer, size);
  }

  Task<bool> connect(const sockaddr *address, socklen_t length) {
    if (::connect(m_socket.native_handle(), address, length) == 0)
      co_return true;
    if (errno != EINPROGRESS)
      co_return false;
    co_return co_await m_scheduler->poll(m_socket, poll_op::write) ==
        poll_status::write;
  }

private:
  Task<poll_status> poll(poll_op op) { return m_scheduler->poll(m_socket, op); }
  long recv(char *buffer, unsigned size) {
    return ::recv(m_socket.native_handle(), buffer, size, 0);
  }
  long send(const char *buffer, unsigned size) {
    return ::send(m_socket.native_handle(), buffer, size, MSG_NOSIGNAL);
  }

  coro::scheduler *m_scheduler;
  net::socket m_socket;
};

// libcoro's tls::server: accept in a coroutine that does not poll itself;
// its callers wait first through the server's poll(), on the same socket.
class server {
public:
  explicit server(coro::scheduler &scheduler)
      : m_scheduler(&scheduler),
        m_accept_socket(net::make_socket({net::socket::blocking_t::no})) {}

  Task<poll_status> poll() {
    return m_scheduler->poll(m_accept_socket, poll_op::read);
  }
  Task<int> accept() {
    int peer = ::accept(m_accept_socket.native_handle(), nullptr, nullptr);
    co_return peer;
  }

private:
  coro::scheduler *m_scheduler;
  net::socket m_accept_socket;
};

// A plain descriptor of unknown origin, polled, read through a helper that
// takes it as a parameter.
int openEventDescriptor();
long receiveInto(int fd, char *buffer, unsigned size) {
  return ::recv(fd, buffer, size, 0);
}

class events {
public:
  explicit events(coro::scheduler &scheduler)
      : m_scheduler(&scheduler), m_fd(openEventDescriptor()) {}
  Task<long> next(char *buffer, unsigned size) {
    co_await m_scheduler->poll(m_fd, poll_op::read);
    co_return receiveInto(m_fd, buffer, size);
  }

private:
  coro::scheduler *m_scheduler;
  int m_fd;
};

// A coroutine that never waits for readiness: a descriptor of unknown
// origin is taken to block.
Task<> plainReceive(int fd) {
  char buffer[64];
  recv(fd, buffer, sizeof buffer, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'recv' blocks the thread (blocking-io)
  co_return;
}

// Readiness of another descriptor says nothing about this one, which the
// translation unit shows created blocking.
Task<> pollsAnother(coro::scheduler &scheduler, int other) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  co_await scheduler.poll(other, poll_op::read);
  char buffer[64];
  recv(fd, buffer, sizeof buffer, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'recv' blocks the thread (blocking-io)
  co_return;
}

// Created blocking where the translation unit shows it: a readiness
// wake-up can be spurious, or another reader can drain the socket first,
// and the blocking call then waits.
Task<> pollsBlocking(coro::scheduler &scheduler) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  co_await scheduler.poll(fd, poll_op::read);
  char buffer[64];
  recv(fd, buffer, sizeof buffer, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'recv' blocks the thread (blocking-io)
  co_return;
}

// The same through the wrapper, constructed from a blocking socket.
Task<> pollsWrappedBlocking(coro::scheduler &scheduler) {
  net::socket wrapped{::socket(AF_INET, SOCK_STREAM, 0)};
  co_await scheduler.poll(wrapped, poll_op::read);
  ::accept(wrapped.native_handle(), nullptr, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'accept' blocks the thread (blocking-io)
  co_return;
}

// Another member of the same class is polled, not the one read.
class two_sockets {
public:
  explicit two_sockets(coro::scheduler &scheduler)
      : m_scheduler(&scheduler),
        m_control(net::make_socket({net::socket::blocking_t::no})),
        m_data(net::make_socket({net::socket::blocking_t::no})) {}
  Task<> pump() {
    co_await m_scheduler->poll(m_control, poll_op::read);
    char buffer[64];
    ::recv(m_data.native_handle(), buffer, sizeof buffer, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'recv' blocks the thread (blocking-io)
    co_return;
  }

private:
  coro::scheduler *m_scheduler;
  net::socket m_control;
  net::socket m_data;
};
