#pragma once

#include "corolint/rt/detail/annotate.h"

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <utility>

namespace corolint::rt {

/// Thrown by SendResult::unwrap() when the value could not be sent because
/// the receiving side of the channel is gone or closed.
class SendError : public std::runtime_error {
public:
  SendError()
      : std::runtime_error("corolint::rt: send failed: the channel is closed") {
  }
};

/// Thrown by TrySendResult::unwrap() when the value could not be sent right
/// away: the channel was full, or closed.
class TrySendError : public std::runtime_error {
public:
  explicit TrySendError(bool full)
      : std::runtime_error(full ? "corolint::rt: try_send failed: the "
                                  "channel is full"
                                : "corolint::rt: try_send failed: the "
                                  "channel is closed"),
        full_(full) {}

  bool is_full() const noexcept { return full_; }
  bool is_closed() const noexcept { return !full_; }

private:
  bool full_;
};

/// The outcome of sending a value over a channel (mpsc, oneshot, watch):
/// either it was sent, or the channel was closed and the value comes back.
///
///     if (SendResult<Job> sent = co_await tx.send(std::move(job)); !sent)
///       requeue(sent.take_value());
///
/// A failed send is how a producer learns that nobody listens any more, so
/// the result must not be ignored: check it, or call unwrap() to turn a
/// failure into a SendError.
template <class T>
class [[nodiscard]] COROLINT_RT_ANNOTATE("corolint::send_result") SendResult {
public:
  /// A successful send.
  static SendResult sent() noexcept { return SendResult{}; }
  /// A send refused because the channel is closed; keeps `unsent`.
  static SendResult closed(T unsent) {
    return SendResult{std::move(unsent)};
  }

  /// True when the value was sent.
  explicit operator bool() const noexcept { return !closed_; }

  /// True when the value was not sent because the channel is closed.
  bool is_closed() const noexcept { return closed_; }

  /// The value that was not sent. Throws std::logic_error after a successful
  /// send, or when the value was already taken.
  T take_value() {
    if (!unsent_)
      throw std::logic_error(
          closed_ ? "corolint::rt: the unsent value was already taken"
                  : "corolint::rt: take_value() on a successful send");
    T value = std::move(*unsent_);
    unsent_.reset();
    return value;
  }

  /// Does nothing after a successful send; throws SendError otherwise.
  void unwrap() const {
    if (closed_)
      throw SendError{};
  }

private:
  SendResult() noexcept = default;
  explicit SendResult(T unsent)
      : unsent_(std::in_place, std::move(unsent)), closed_(true) {}

  std::optional<T> unsent_;
  bool closed_ = false;
};

/// The outcome of a send that does not wait (mpsc::Sender::try_send): sent,
/// refused because the channel is full, or refused because it is closed. A
/// refused value comes back.
template <class T>
class [[nodiscard]] COROLINT_RT_ANNOTATE(
    "corolint::send_result") TrySendResult {
public:
  static TrySendResult sent() noexcept { return TrySendResult{}; }
  static TrySendResult full(T unsent) {
    return TrySendResult{Status::full, std::move(unsent)};
  }
  static TrySendResult closed(T unsent) {
    return TrySendResult{Status::closed, std::move(unsent)};
  }

  /// True when the value was sent.
  explicit operator bool() const noexcept { return status_ == Status::sent; }

  /// True when the value was not sent because the channel was full.
  bool is_full() const noexcept { return status_ == Status::full; }

  /// True when the value was not sent because the channel is closed.
  bool is_closed() const noexcept { return status_ == Status::closed; }

  /// The value that was not sent. Throws std::logic_error after a successful
  /// send, or when the value was already taken.
  T take_value() {
    if (!unsent_)
      throw std::logic_error(
          status_ == Status::sent
              ? "corolint::rt: take_value() on a successful send"
              : "corolint::rt: the unsent value was already taken");
    T value = std::move(*unsent_);
    unsent_.reset();
    return value;
  }

  /// Does nothing after a successful send; throws TrySendError otherwise.
  void unwrap() const {
    if (status_ != Status::sent)
      throw TrySendError{status_ == Status::full};
  }

private:
  enum class Status : std::uint8_t { sent, full, closed };

  TrySendResult() noexcept = default;
  TrySendResult(Status status, T unsent)
      : unsent_(std::in_place, std::move(unsent)), status_(status) {}

  std::optional<T> unsent_;
  Status status_ = Status::sent;
};

} // namespace corolint::rt
