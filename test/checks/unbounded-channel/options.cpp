// RUN: %check_clang_tidy %s coro-unbounded-channel %t \
// RUN:   --config="{CheckOptions: {coro-unbounded-channel.CapacityThreshold: '1000', ModelFiles: '%inputs/models/user-channels.json'}}"

#include "asio_coro.h"
#include <asio/experimental/channel.hpp>

namespace app {
template <typename T> class EventLog {};
struct Mailbox {
  bool post(int message);
};
Mailbox makeMailbox();
Mailbox makeBoundedMailbox(unsigned capacity);
} // namespace app

using Channel = asio::experimental::channel<void(asio::error_code, int)>;

void thresholdFromTheOption(asio::io_context &io) {
  Channel thousand(io, 1000);
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: capacity 1000 makes 'asio::experimental::basic_channel' unbounded in practice (at or above 1000)
  Channel belowIt(io, 999);
}

void fromTheUserModel() {
  app::EventLog<int> log;
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'log' ('app::EventLog') has no bound: {{.*}}; instead, use app::BoundedEventLog
  app::Mailbox mailbox = app::makeMailbox();
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: the channel that 'app::makeMailbox' creates has no bound
  app::Mailbox big = app::makeBoundedMailbox(50000);
  // CHECK-MESSAGES: :[[@LINE-1]]:46: warning: capacity 50000 makes 'app::makeBoundedMailbox' unbounded in practice (at or above 1000): {{.*}}; instead, pick a capacity the consumer can drain
  app::Mailbox small = app::makeBoundedMailbox(10);
}

template <typename T> struct Holder {
  app::EventLog<T> log;
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: member 'log' ('app::EventLog') has no bound
};
Holder<int> first;
Holder<long> second;

#define MAKE_MAILBOX() app::makeMailbox()
void throughAMacro() {
  app::Mailbox mailbox = MAKE_MAILBOX();
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: the channel that 'app::makeMailbox' creates has no bound
}
