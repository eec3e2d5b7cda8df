#include <coroutine>
#include <sys/socket.h>
template <class T = void> struct task { struct promise_type { task get_return_object() { return {}; } std::suspend_never initial_suspend() { return {}; } std::suspend_never final_suspend() noexcept { return {}; } void return_void() {} void unhandled_exception() {} }; bool await_ready() { return false; } void await_suspend(std::coroutine_handle<>) {} void await_resume() {} };
namespace coro {
enum class poll_op { read, write };
namespace net {
class socket {
public:
  explicit socket(int fd) : m_fd(fd) {}
  int native_handle() const { return m_fd; }
private:
  int m_fd;
};
enum class blocking_t { yes, no };
socket make_socket(blocking_t b);    // sets O_NONBLOCK, in another file
} // namespace net
struct scheduler { task<> poll(const net::socket &s, poll_op op); };
} // namespace coro
struct client {
  coro::scheduler *m_scheduler;
  coro::net::socket m_socket = coro::net::make_socket(coro::net::blocking_t::no);
  long recv_now(char *buf, unsigned n) { return ::recv(m_socket.native_handle(), buf, n, 0); }  // EAGAIN, never blocks
  task<> read(char *buf, unsigned n) {
    co_await m_scheduler->poll(m_socket, coro::poll_op::read);   // readiness of the same socket
    recv_now(buf, n);                // was flagged: 'client::recv_now' may block ... calls 'recv'
  }
};
