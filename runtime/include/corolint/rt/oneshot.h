#pragma once

#include "corolint/rt/detail/channel_end.h"
#include "corolint/rt/detail/oneshot_state.h"
#include "corolint/rt/send_result.h"
#include "corolint/rt/waker.h"

#include <cassert>
#include <coroutine>
#include <memory>
#include <optional>
#include <stdexcept>
#include <utility>

/// A channel for sending a single value, after tokio::sync::oneshot.
///
///     auto [tx, rx] = oneshot::channel<Reply>();
///     spawn(serve(std::move(tx)));      // eventually: (void)tx.send(reply)
///     Reply reply = co_await rx;        // throws oneshot::RecvError if the
///                                       // sender is dropped without sending
namespace corolint::rt::oneshot {

/// Thrown by `co_await receiver` when the sender was destroyed, or already
/// used up, without a value for this receiver.
class RecvError : public std::runtime_error {
public:
  RecvError()
      : std::runtime_error("corolint::rt::oneshot: the sender was dropped "
                           "without sending a value") {}
};

template <class T> class Sender;
template <class T> class Receiver;

template <class T> std::pair<Sender<T>, Receiver<T>> channel();

/// The sending half; move-only, and used up by send().
template <class T>
class Sender
    : public detail::ChannelEnd<detail::OneshotState<T>,
                                &detail::OneshotState<T>::drop_sender> {
public:

  /// Sends `value` and uses the sender up: afterwards it is empty, like a
  /// moved-from one, and calling send() again throws std::logic_error. Never
  /// waits. Fails, giving the value back, when the receiver is gone.
  SendResult<T> send(T value) {
    if (!state_)
      throw std::logic_error(
          "corolint::rt::oneshot::Sender::send on a used-up sender");
    const std::shared_ptr<detail::OneshotState<T>> state = std::move(state_);
    if (state->send(value))
      return SendResult<T>::sent();
    return SendResult<T>::closed(std::move(value));
  }

  /// Whether the receiver is gone, so that send() would fail.
  [[nodiscard]] bool is_closed() const noexcept {
    return !state_ || state_->receiver_gone();
  }

private:
  using Base = detail::ChannelEnd<detail::OneshotState<T>,
                                  &detail::OneshotState<T>::drop_sender>;
  using Base::state_;

  friend std::pair<Sender<T>, Receiver<T>> channel<T>();
  explicit Sender(std::shared_ptr<detail::OneshotState<T>> state) noexcept
      : Base(std::move(state)) {}
};

/// The receiving half; move-only.
///
/// `co_await rx` waits for the value and yields it, or throws RecvError if
/// the sender is destroyed without sending. The value is taken only when the
/// awaiting task resumes: a task aborted while waiting (or a losing select
/// branch) leaves it in the channel for a later `co_await rx`. The value can
/// be received once; awaiting again throws RecvError.
template <class T>
class Receiver
    : public detail::ChannelEnd<detail::OneshotState<T>,
                                &detail::OneshotState<T>::drop_receiver> {
public:

  class Awaiter {
  public:
    explicit Awaiter(detail::OneshotState<T> &state) noexcept
        : state_(&state) {}
    Awaiter(Awaiter &&other) noexcept
        : state_(other.state_),
          registered_(std::exchange(other.registered_, false)) {}
    Awaiter(const Awaiter &) = delete;
    Awaiter &operator=(const Awaiter &) = delete;
    Awaiter &operator=(Awaiter &&) = delete;
    ~Awaiter() {
      if (registered_)
        state_->unregister_receiver();
    }

    bool await_ready() const noexcept { return state_->ready(); }
    bool await_suspend(std::coroutine_handle<> awaiting) {
      registered_ = state_->register_receiver(current_waker(awaiting));
      return registered_;
    }
    T await_resume() {
      registered_ = false;
      std::optional<T> value = state_->take();
      if (!value)
        throw RecvError{};
      return std::move(*value);
    }

  private:
    detail::OneshotState<T> *state_;
    bool registered_ = false;
  };

  Awaiter operator co_await() noexcept {
    assert(state_ && "awaiting a moved-from oneshot::Receiver");
    return Awaiter{*state_};
  }

  /// The value if it has been sent and not yet received, without waiting.
  [[nodiscard]] std::optional<T> try_recv() { return state_->take(); }

private:
  using Base = detail::ChannelEnd<detail::OneshotState<T>,
                                  &detail::OneshotState<T>::drop_receiver>;
  using Base::state_;

  friend std::pair<Sender<T>, Receiver<T>> channel<T>();
  explicit Receiver(std::shared_ptr<detail::OneshotState<T>> state) noexcept
      : Base(std::move(state)) {}
};

/// Creates a oneshot channel.
template <class T> std::pair<Sender<T>, Receiver<T>> channel() {
  auto state = std::make_shared<detail::OneshotState<T>>();
  return {Sender<T>{state}, Receiver<T>{std::move(state)}};
}

} // namespace corolint::rt::oneshot
