// The shapes of corolint::rt's channels, for the channel checks' tests.
#ifndef COROLINT_TEST_RT_CHANNELS_H
#define COROLINT_TEST_RT_CHANNELS_H

#include "coro_test.h"
#include <cstddef>
#include <utility>

namespace corolint::rt::mpsc {
template <class T> class [[nodiscard, clang::annotate("corolint::send_result")]] SendResult {
public:
  explicit operator bool() const noexcept;
  bool is_closed() const noexcept;
  T take_value();
  void unwrap();
};
template <class T> class [[nodiscard, clang::annotate("corolint::send_result")]] TrySendResult {
public:
  explicit operator bool() const noexcept;
  bool is_full() const noexcept;
  bool is_closed() const noexcept;
  T take_value();
  void unwrap();
};
template <class T> struct SendAwaiter {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  SendResult<T> await_resume() const;
};
template <class T> class Sender {
public:
  SendAwaiter<T> send(T value);
  TrySendResult<T> try_send(T value);
};
template <class T> class Receiver {};
template <class T> class UnboundedSender {
public:
  SendResult<T> send(T value);
};
template <class T> class UnboundedReceiver {};
template <class T> std::pair<Sender<T>, Receiver<T>> channel(std::size_t capacity);
template <class T>
[[clang::annotate("corolint::unbounded_channel")]] std::pair<UnboundedSender<T>, UnboundedReceiver<T>>
unbounded_channel();
} // namespace corolint::rt::mpsc

namespace corolint::rt::oneshot {
template <class T> class [[nodiscard, clang::annotate("corolint::send_result")]] SendResult {
public:
  explicit operator bool() const noexcept;
  T take_value();
  void unwrap();
};
template <class T> class Sender {
public:
  SendResult<T> send(T value) &&;
};
} // namespace corolint::rt::oneshot

namespace corolint::rt::watch {
template <class T> class [[nodiscard, clang::annotate("corolint::send_result")]] SendResult {
public:
  explicit operator bool() const noexcept;
  void unwrap();
};
template <class T> class Sender {
public:
  SendResult<T> send(T value);
};
} // namespace corolint::rt::watch

#endif
