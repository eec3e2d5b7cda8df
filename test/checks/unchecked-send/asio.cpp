// RUN: %check_clang_tidy %s coro-unchecked-send %t

#include "asio_coro.h"
#include <asio/experimental/channel.hpp>
#include <asio/experimental/concurrent_channel.hpp>

using Channel = asio::experimental::channel<void(asio::error_code, int)>;
using ConcurrentChannel =
    asio::experimental::concurrent_channel<void(asio::error_code, int)>;

void tryToSend(Channel &channel, ConcurrentChannel &shared) {
  channel.try_send(asio::error_code{}, 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: the result of 'asio::experimental::basic_channel::try_send' is ignored: the send fails when the channel is full or closed, and the message is then lost without a trace; check the result and handle the failure, or discard it explicitly with (void) [coro-unchecked-send]
  shared.try_send(asio::error_code{}, 2);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: the result of 'asio::experimental::basic_concurrent_channel::try_send' is ignored
  bool sent = channel.try_send(asio::error_code{}, 3);
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: the result of 'asio::experimental::basic_channel::try_send' is stored in 'sent' but never checked
  channel.try_send_n(4, asio::error_code{}, 5);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: the result of 'asio::experimental::basic_channel::try_send_n' is ignored
  if (channel.try_send_n(2, asio::error_code{}, 6) < 2)
    return;
}

bool checked(Channel &channel) {
  if (!channel.try_send(asio::error_code{}, 1))
    return false;
  (void)channel.try_send(asio::error_code{}, 2);
  bool sent = channel.try_send(asio::error_code{}, 3);
  if (!sent)
    return false;
  return channel.try_send(asio::error_code{}, 4);
}

asio::awaitable<void> sendsThatThrow(Channel &channel) {
  co_await channel.async_send(asio::error_code{}, 1, asio::use_awaitable);
}
