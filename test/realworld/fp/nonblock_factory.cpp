#include <coroutine>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>
struct task { struct promise_type { task get_return_object() { return {}; } std::suspend_never initial_suspend() { return {}; } std::suspend_never final_suspend() noexcept { return {}; } void return_void() {} void unhandled_exception() {} }; };
struct readable { bool await_ready() { return false; } void await_suspend(std::coroutine_handle<>) {} void await_resume() {} };
enum class blocking_t { yes, no };
int make_socket(blocking_t b) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  int flags = fcntl(fd, F_GETFL, 0);
  fcntl(fd, F_SETFL, b == blocking_t::no ? (flags | O_NONBLOCK) : (flags & ~O_NONBLOCK));
  return fd;
}
struct client {
  int fd_ = make_socket(blocking_t::no);
  long recv_now(char *buf, unsigned n) { return ::recv(fd_, buf, n, 0); }  // EAGAIN, never blocks
  task read(char *buf, unsigned n) {
    co_await readable{};             // poll for readiness
    recv_now(buf, n);                // flagged: 'client::recv_now' may block ... calls 'recv'
  }
};
