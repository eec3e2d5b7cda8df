#pragma once

#include "corolint/rt/detail/mpsc_chan.h"
#include "corolint/rt/detail/mpsc_receiver.h"
#include "corolint/rt/mpsc_unbounded.h"
#include "corolint/rt/send_result.h"
#include "corolint/rt/waker.h"

#include <cassert>
#include <coroutine>
#include <cstddef>
#include <memory>
#include <stdexcept>
#include <utility>

/// Multi-producer, single-consumer channels, after tokio::sync::mpsc.
///
///     auto [tx, rx] = mpsc::channel<Job>(64);
///     spawn(produce(tx));                       // Sender is copyable
///     while (std::optional<Job> job = co_await rx.recv())
///       handle(*job);                           // ends when all senders are gone
///
/// A bounded channel makes producers wait while it is full, which is what
/// keeps a fast producer from running a slow consumer out of memory.
namespace corolint::rt::mpsc {

template <class T> class Sender;
template <class T> class Receiver;

template <class T>
std::pair<Sender<T>, Receiver<T>> channel(std::size_t capacity);

/// The sending half of a bounded channel. Copies send into the same channel;
/// the channel closes for the receiver once the last copy is destroyed.
template <class T> class Sender {
public:
  Sender(const Sender &other) noexcept : chan_(other.chan_) {
    if (chan_)
      chan_->add_sender();
  }
  Sender(Sender &&) noexcept = default;
  Sender &operator=(Sender other) noexcept {
    std::swap(chan_, other.chan_);
    return *this;
  }
  ~Sender() {
    if (chan_)
      chan_->drop_sender();
  }

  class SendAwaiter;

  /// `co_await tx.send(value)` sends `value`, first waiting for room while
  /// the channel is full. Yields a SendResult: success, or failure with the
  /// value given back once the receiver is closed or gone, including while
  /// this send waits.
  ///
  /// Cancellation safe: a send that is aborted, or loses a select, while it
  /// waits for room has not sent and does not send its value.
  [[nodiscard]] SendAwaiter send(T value) {
    assert(chan_ && "send on a moved-from mpsc::Sender");
    return SendAwaiter{*chan_, std::move(value)};
  }

  /// Sends `value` only if there is room right now: the result tells sent,
  /// full or closed, and gives a refused value back.
  TrySendResult<T> try_send(T value) {
    assert(chan_ && "try_send on a moved-from mpsc::Sender");
    switch (chan_->try_send(value)) {
    case detail::SendStatus::sent:
      return TrySendResult<T>::sent();
    case detail::SendStatus::full:
      return TrySendResult<T>::full(std::move(value));
    default:
      return TrySendResult<T>::closed(std::move(value));
    }
  }

  /// Whether the receiver is closed or gone, so that sends fail.
  [[nodiscard]] bool is_closed() const noexcept {
    return !chan_ || chan_->is_closed();
  }

private:
  friend std::pair<Sender<T>, Receiver<T>> channel<T>(std::size_t capacity);
  explicit Sender(std::shared_ptr<detail::MpscChan<T>> chan) noexcept
      : chan_(std::move(chan)) {}

  std::shared_ptr<detail::MpscChan<T>> chan_;
};

/// The awaitable of Sender::send(). Owns the value until it is sent.
template <class T> class Sender<T>::SendAwaiter {
public:
  SendAwaiter(detail::MpscChan<T> &chan, T value)
      : chan_(&chan), value_(std::move(value)) {}
  SendAwaiter(SendAwaiter &&other) noexcept(
      std::is_nothrow_move_constructible_v<T>)
      : chan_(other.chan_), value_(std::move(other.value_)),
        status_(other.status_) {
    assert(status_ != detail::SendStatus::waiting &&
           "moving a send that is waiting");
  }
  SendAwaiter(const SendAwaiter &) = delete;
  SendAwaiter &operator=(const SendAwaiter &) = delete;
  SendAwaiter &operator=(SendAwaiter &&) = delete;
  ~SendAwaiter() {
    if (status_ == detail::SendStatus::waiting)
      chan_->abandon_wait(waiter_);
  }

  bool await_ready() {
    if (status_ == detail::SendStatus::waiting)
      return false;
    status_ = chan_->try_send(value_);
    return status_ != detail::SendStatus::full;
  }

  bool await_suspend(std::coroutine_handle<> awaiting) {
    if (status_ == detail::SendStatus::waiting) {
      Waker waker = current_waker(awaiting);
      return chan_->keep_waiting(waiter_, waker);
    }
    status_ = chan_->send_or_wait(value_, waiter_, current_waker(awaiting));
    return status_ == detail::SendStatus::waiting;
  }

  SendResult<T> await_resume() {
    if (status_ == detail::SendStatus::waiting)
      status_ = chan_->finish_wait(value_, waiter_);
    if (status_ == detail::SendStatus::sent)
      return SendResult<T>::sent();
    return SendResult<T>::closed(std::move(value_));
  }

private:
  detail::MpscChan<T> *chan_;
  T value_;
  detail::SlotWaiter waiter_;
  detail::SendStatus status_ = detail::SendStatus::full;
};

/// The receiving half of a bounded channel; move-only. Destroying it closes
/// the channel: waiting and later sends fail, and buffered values are
/// dropped.
template <class T> class Receiver : public detail::MpscReceiverBase<T> {
private:
  friend std::pair<Sender<T>, Receiver<T>> channel<T>(std::size_t capacity);
  using detail::MpscReceiverBase<T>::MpscReceiverBase;
};

/// Creates a bounded channel that buffers up to `capacity` values; a send
/// waits while it is full. Throws std::invalid_argument for a capacity of 0
/// (as Tokio requires a capacity above 0: a rendezvous channel is not
/// offered).
template <class T>
std::pair<Sender<T>, Receiver<T>> channel(std::size_t capacity) {
  if (capacity == 0)
    throw std::invalid_argument(
        "corolint::rt::mpsc::channel: the capacity must be greater than 0");
  auto chan = std::make_shared<detail::MpscChan<T>>(capacity);
  return {Sender<T>{chan}, Receiver<T>{std::move(chan)}};
}

} // namespace corolint::rt::mpsc
