// RUN: %check_clang_tidy %s coro-unchecked-send %t \
// RUN:   --config="{CheckOptions: {coro-unchecked-send.SendFunctions: 'bus::try_send', coro-unchecked-send.AwaitedSendFunctions: 'bus::async_send'}}"

// Sends that are free functions taking the channel, and report failure as an
// error code, returned or yielded by the awaitable they return.
#include "coro_test.h"
#include <system_error>

namespace bus {
struct Channel {};
std::error_code try_send(Channel &channel, int value);
struct SendAwaiter {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  std::error_code await_resume() const noexcept { return {}; }
};
SendAwaiter async_send(Channel &channel, int value);
void log(const std::error_code &error);
} // namespace bus

Task<> dropsErrors(bus::Channel &channel) {
  bus::try_send(channel, 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'bus::try_send' is ignored: the send fails when the channel is full or closed, and the message is then lost without a trace; check the result and handle the failure, or discard it explicitly with (void)
  co_await bus::async_send(channel, 2);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'bus::async_send' is ignored
  std::error_code unused = co_await bus::async_send(channel, 3);
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: the result of 'bus::async_send' is stored in 'unused' but never checked
}

Task<> checksErrors(bus::Channel &channel) {
  if (bus::try_send(channel, 1))
    co_return;
  if (auto error = co_await bus::async_send(channel, 2))
    bus::log(error);
  // value() of an error code reads it; it does not throw.
  if (bus::try_send(channel, 3).value() != 0)
    co_return;
  std::error_code error = co_await bus::async_send(channel, 4);
  if (error.value() == 0)
    co_return;
  (void)bus::try_send(channel, 5);
}
