// RUN: %check_clang_tidy %s coro-unchecked-send %t \
// RUN:   --config="{CheckOptions: {coro-unchecked-send.SendFunctions: 'legacy::Bus::publish', coro-unchecked-send.AwaitedSendFunctions: 'legacy::Bus::publishAsync', ModelFiles: '%inputs/models/user-channels.json'}}"

#include "coro_test.h"

namespace legacy {
struct Bus {
  bool publish(int event);
  Task<bool> publishAsync(int event);
};
} // namespace legacy

namespace app {
struct Mailbox {
  bool post(int message);
};
} // namespace app

namespace mylib {
struct [[clang::annotate("corolint::send_result")]] Delivery {
  explicit operator bool() const;
  void value() const;
};
struct Topic {
  Delivery emit(int event);
};
} // namespace mylib

Task<> fromOptions(legacy::Bus &bus) {
  bus.publish(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: the result of 'legacy::Bus::publish' is ignored: the send fails when the channel is full or closed
  co_await bus.publishAsync(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'legacy::Bus::publishAsync' is ignored
  if (!co_await bus.publishAsync(3))
    co_return;
}

void fromTheUserModel(app::Mailbox &mailbox) {
  mailbox.post(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: the result of 'app::Mailbox::post' is ignored: the send fails when the mailbox is closed
}

void fromTheAnnotation(mylib::Topic &topic) {
  topic.emit(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: the result of 'mylib::Topic::emit' is ignored: the send fails when the channel is full or closed
  topic.emit(2).value();
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'value' unwraps the result of 'mylib::Topic::emit' without checking it
  if (auto delivered = topic.emit(3))
    delivered.value();
}

struct Slot {
  mylib::Delivery &emplace(mylib::Delivery delivery);
};

void referencesToResultsAreNotSends(Slot &slot, mylib::Topic &topic) {
  slot.emplace(topic.emit(4));
}

template <typename Sink> void forward(Sink &sink) {
  sink.post(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: the result of 'app::Mailbox::post' is ignored
}
template void forward(app::Mailbox &);

#define POST(box, message) (box).post(message)
void throughAMacro(app::Mailbox &mailbox) {
  POST(mailbox, 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'app::Mailbox::post' is ignored
  (void)POST(mailbox, 2);
}

legacy::Bus globalBus;
bool returned() { return globalBus.publish(4); }
