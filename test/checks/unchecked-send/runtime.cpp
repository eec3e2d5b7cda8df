// RUN: %check_clang_tidy %s coro-unchecked-send %t

#include "rt_channels.h"
#include <utility>

namespace rt = corolint::rt;

Task<> ignored(rt::mpsc::Sender<int> &tx, rt::mpsc::UnboundedSender<int> &unbounded) {
  co_await tx.send(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'corolint::rt::mpsc::Sender::send' is ignored: the send fails when the receiver is gone, and the message is then lost without a trace
  tx.try_send(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: the result of 'corolint::rt::mpsc::Sender::try_send' is ignored: the send fails when the channel is full or the receiver is gone
  unbounded.send(3);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: the result of 'corolint::rt::mpsc::UnboundedSender::send' is ignored
  auto result = co_await tx.send(4);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: the result of 'corolint::rt::mpsc::Sender::send' is stored in 'result' but never checked
}

void oneshotAndWatch(rt::oneshot::Sender<int> reply, rt::watch::Sender<int> &config) {
  std::move(reply).send(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: the result of 'corolint::rt::oneshot::Sender::send' is ignored
  config.send(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: the result of 'corolint::rt::watch::Sender::send' is ignored: the send fails when every receiver is gone
}

Task<> unwrapped(rt::mpsc::Sender<int> &tx) {
  (co_await tx.send(1)).unwrap();
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'unwrap' unwraps the result of 'corolint::rt::mpsc::Sender::send' without checking it: it throws when the receiver is gone
  auto sent = co_await tx.send(2);
  sent.unwrap();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'unwrap' unwraps the result of 'corolint::rt::mpsc::Sender::send' without checking it
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: the result is stored in 'sent' here
  tx.try_send(3).unwrap();
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'unwrap' unwraps the result of 'corolint::rt::mpsc::Sender::try_send' without checking it
}

Task<bool> handled(rt::mpsc::Sender<int> &tx) {
  if (auto sent = co_await tx.send(1); !sent)
    co_return false;
  auto full = tx.try_send(2);
  if (full.is_full())
    (void)co_await tx.send(full.take_value());
  co_return static_cast<bool>(co_await tx.send(3));
}
