// Declarations with the real names and shapes of channel and queue types of
// libraries Debian does not ship.
#ifndef COROLINT_TEST_CHANNEL_LIBS_H
#define COROLINT_TEST_CHANNEL_LIBS_H

#include "coro_test.h"
#include <cstddef>
#include <utility>

namespace folly::coro {
template <typename T> class AsyncGenerator {};
template <typename T, bool SingleProducer = false, bool SingleConsumer = false>
class UnboundedQueue {
public:
  void enqueue(T value);
  Task<T> dequeue();
};
template <typename T, bool SingleProducer = false, bool SingleConsumer = false>
class BoundedQueue {
public:
  explicit BoundedQueue(std::size_t capacity);
  Task<> enqueue(T value);
  bool try_enqueue(T value);
  Task<T> dequeue();
};
template <typename T> class AsyncPipe {
public:
  static std::pair<AsyncGenerator<T>, AsyncPipe> create();
  bool write(T value) &&;
  bool write(T value) &;
};
template <typename T> class BoundedAsyncPipe {
public:
  static std::pair<AsyncGenerator<T>, BoundedAsyncPipe> create(std::size_t capacity);
  Task<bool> write(T value);
  bool try_write(T value);
};
} // namespace folly::coro

namespace folly::channels {
template <typename T> class Receiver {};
template <typename T> class Sender {
public:
  void write(T value);
};
template <typename T> class Channel {
public:
  static std::pair<Sender<T>, Receiver<T>> create();
};
} // namespace folly::channels

namespace coro {
enum class queue_produce_result { produced, stopped };
template <typename T> class queue {
public:
  struct PushAwaiter {
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<>) const noexcept {}
    queue_produce_result await_resume() const noexcept { return queue_produce_result::produced; }
  };
  PushAwaiter push(T value);
};
namespace rb { enum class produce_result { produced, notifying, stopped }; }
template <typename T, std::size_t N> class ring_buffer {
public:
  struct ProduceAwaiter {
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<>) const noexcept {}
    rb::produce_result await_resume() const noexcept { return rb::produce_result::produced; }
  };
  ProduceAwaiter produce(T value);
};
} // namespace coro

namespace boost::fibers {
enum class channel_op_status { success, empty, full, closed, timeout };
template <typename T> class unbounded_channel {
public:
  channel_op_status push(T value);
};
template <typename T> class buffered_channel {
public:
  explicit buffered_channel(std::size_t capacity);
  channel_op_status push(T value);
  channel_op_status try_push(T value);
};
} // namespace boost::fibers

namespace boost::system {
template <typename T> class result {
public:
  bool has_value() const noexcept;
  explicit operator bool() const noexcept;
  T value() const;
};
template <> class result<void> {
public:
  bool has_value() const noexcept;
  explicit operator bool() const noexcept;
  void value() const;
};
} // namespace boost::system

namespace boost::cobalt {
template <typename T> struct Op {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  T await_resume() const;
};
template <typename T> class channel {
public:
  explicit channel(std::size_t limit = 10u);
  Op<void> write(T value);
  Op<T> read();
};
template <typename Awaitable> Op<system::result<void>> as_result(Awaitable &&op);
} // namespace boost::cobalt

#endif
