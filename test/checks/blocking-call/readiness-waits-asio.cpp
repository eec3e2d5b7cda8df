// RUN: %check_clang_tidy %s coro-blocking-call %t

#include "asio_coro.h"
#include <sys/socket.h>
#include <unistd.h>

using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;

// Waiting for readiness with async_wait, then calling the socket API on the
// native handle, which asio leaves to the caller to make non-blocking.
awaitable<void> waitsThenReceives(tcp::socket &socket) {
  co_await socket.async_wait(tcp::socket::wait_read, use_awaitable);
  char data[64];
  ::recv(socket.native_handle(), data, sizeof data, 0);
}

awaitable<void> waitsThenAccepts(tcp::acceptor &acceptor) {
  co_await acceptor.async_wait(tcp::acceptor::wait_read, use_awaitable);
  ::accept(acceptor.native_handle(), nullptr, nullptr);
}

awaitable<void> waitsThenReads(asio::posix::stream_descriptor &descriptor) {
  co_await descriptor.async_wait(asio::posix::stream_descriptor::wait_read,
                                 use_awaitable);
  char data[64];
  ::read(descriptor.native_handle(), data, sizeof data);
}

// Waiting for an error condition is not waiting for data.
awaitable<void> waitsForErrors(tcp::socket &errored) {
  co_await errored.async_wait(tcp::socket::wait_error, use_awaitable);
  char data[64];
  ::recv(errored.native_handle(), data, sizeof data, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'recv' blocks the thread (blocking-io)
}

// A socket nothing waits on.
awaitable<void> receivesWithoutWaiting(tcp::socket &unwatched) {
  char data[64];
  ::recv(unwatched.native_handle(), data, sizeof data, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'recv' blocks the thread (blocking-io)
  co_return;
}
