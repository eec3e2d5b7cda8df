#pragma once

#include "corolint/rt/detail/annotate.h"
#include "corolint/rt/detail/mpsc_chan.h"
#include "corolint/rt/detail/mpsc_receiver.h"
#include "corolint/rt/send_result.h"

#include <cassert>
#include <cstddef>
#include <limits>
#include <memory>
#include <utility>

namespace corolint::rt::mpsc {

template <class T> class UnboundedSender;
template <class T> class UnboundedReceiver;

template <class T>
COROLINT_RT_ANNOTATE("corolint::unbounded_channel")
std::pair<UnboundedSender<T>, UnboundedReceiver<T>> unbounded_channel();

/// The sending half of an unbounded channel. Copies send into the same
/// channel; the channel closes for the receiver once the last copy is
/// destroyed.
template <class T> class UnboundedSender {
public:
  UnboundedSender(const UnboundedSender &other) noexcept : chan_(other.chan_) {
    if (chan_)
      chan_->add_sender();
  }
  UnboundedSender(UnboundedSender &&) noexcept = default;
  UnboundedSender &operator=(UnboundedSender other) noexcept {
    std::swap(chan_, other.chan_);
    return *this;
  }
  ~UnboundedSender() {
    if (chan_)
      chan_->drop_sender();
  }

  /// Sends `value` without waiting: the buffer grows as needed. Fails, giving
  /// the value back, once the receiver is closed or gone.
  SendResult<T> send(T value) {
    assert(chan_ && "send on a moved-from mpsc::UnboundedSender");
    if (chan_->try_send(value) == detail::SendStatus::sent)
      return SendResult<T>::sent();
    return SendResult<T>::closed(std::move(value));
  }

  /// Whether the receiver is closed or gone, so that sends fail.
  [[nodiscard]] bool is_closed() const noexcept {
    return !chan_ || chan_->is_closed();
  }

private:
  friend std::pair<UnboundedSender<T>, UnboundedReceiver<T>>
  unbounded_channel<T>();
  explicit UnboundedSender(std::shared_ptr<detail::MpscChan<T>> chan) noexcept
      : chan_(std::move(chan)) {}

  std::shared_ptr<detail::MpscChan<T>> chan_;
};

/// The receiving half of an unbounded channel; move-only. Destroying it
/// closes the channel: later sends fail, and buffered values are dropped.
template <class T>
class UnboundedReceiver : public detail::MpscReceiverBase<T> {
private:
  friend std::pair<UnboundedSender<T>, UnboundedReceiver<T>>
  unbounded_channel<T>();
  using detail::MpscReceiverBase<T>::MpscReceiverBase;
};

/// Creates a channel without a capacity: send() never waits, so nothing
/// slows a producer that outpaces its consumer, and the buffer grows without
/// limit. It exists for completeness; prefer mpsc::channel(capacity).
/// corolint's checks flag its use.
template <class T>
COROLINT_RT_ANNOTATE("corolint::unbounded_channel")
std::pair<UnboundedSender<T>, UnboundedReceiver<T>> unbounded_channel() {
  auto chan = std::make_shared<detail::MpscChan<T>>(
      std::numeric_limits<std::size_t>::max());
  return {UnboundedSender<T>{chan}, UnboundedReceiver<T>{std::move(chan)}};
}

} // namespace corolint::rt::mpsc
