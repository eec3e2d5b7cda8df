// RUN: %check_clang_tidy %s coro-blocking-call %t

#include "asio_coro.h"
#include <chrono>
#include <thread>

using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;
using namespace std::chrono_literals;

awaitable<void> synchronousOperations(tcp::socket &socket, asio::io_context &io) {
  asio::steady_timer timer(co_await asio::this_coro::executor, 1s);
  timer.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'asio::basic_waitable_timer::wait' blocks the thread (sleep): {{.*}}; instead, co_await timer.async_wait(asio::use_awaitable)
  char data[512];
  socket.read_some(asio::buffer(data));
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'asio::basic_stream_socket::read_some' blocks the thread (blocking-io): {{.*}}; instead, co_await the async_ operation with a completion token (asio::use_awaitable)
  asio::write(socket, asio::buffer(data, 10));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'asio::write' blocks the thread (blocking-io)
  tcp::resolver resolver(io);
  auto endpoints = resolver.resolve("localhost", "80");
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'asio::ip::basic_resolver::resolve' blocks the thread (blocking-io)
  asio::connect(socket, endpoints);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'asio::connect' blocks the thread (blocking-io)
  io.run();
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'asio::io_context::run' blocks the thread (event-loop): {{.*}}; instead, co_await the operation rather than running a nested event loop
}

awaitable<void> acceptsSynchronously(tcp::acceptor &acceptor) {
  tcp::socket peer = acceptor.accept();
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'asio::basic_socket_acceptor::accept' blocks the thread (blocking-io)
  co_return;
}

awaitable<void> asynchronousOperations(tcp::socket &socket, asio::thread_pool &pool) {
  asio::steady_timer timer(co_await asio::this_coro::executor, 1s);
  co_await timer.async_wait(use_awaitable);
  char data[512];
  std::size_t n = co_await socket.async_read_some(asio::buffer(data), use_awaitable);
  co_await asio::async_write(socket, asio::buffer(data, n), use_awaitable);
  tcp::resolver resolver(co_await asio::this_coro::executor);
  auto endpoints = co_await resolver.async_resolve("localhost", "80", use_awaitable);
  co_await asio::async_connect(socket, endpoints, use_awaitable);
  asio::post(pool, [] { std::this_thread::sleep_for(10ms); });
}

awaitable<void> echo(tcp::socket socket) {
  char data[1024];
  for (;;) {
    std::size_t n = co_await socket.async_read_some(asio::buffer(data), use_awaitable);
    co_await asio::async_write(socket, asio::buffer(data, n), use_awaitable);
  }
}

int main() {
  asio::io_context io;
  asio::co_spawn(io, [&]() -> awaitable<void> {
    tcp::acceptor acceptor(io, {tcp::v4(), 0});
    co_await echo(co_await acceptor.async_accept(use_awaitable));
  }, asio::detached);
  io.run();
}
