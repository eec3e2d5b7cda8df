#pragma once

#include "corolint/rt/detail/channel_end.h"
#include "corolint/rt/detail/mpsc_chan.h"
#include "corolint/rt/waker.h"

#include <coroutine>
#include <memory>
#include <optional>
#include <utility>

namespace corolint::rt::detail {

/// `co_await rx.recv()`: the next value, or nothing once the channel is
/// finished and drained. The value is taken from the buffer only when the
/// awaiting task goes on (without suspending, or once resumed), so
/// destroying a suspended awaiter loses nothing.
template <class T> class MpscRecvAwaiter {
public:
  explicit MpscRecvAwaiter(MpscChan<T> &chan) noexcept : chan_(&chan) {}
  MpscRecvAwaiter(MpscRecvAwaiter &&other) noexcept
      : chan_(other.chan_), taken_(std::exchange(other.taken_, std::nullopt)),
        registered_(std::exchange(other.registered_, false)) {}
  MpscRecvAwaiter(const MpscRecvAwaiter &) = delete;
  MpscRecvAwaiter &operator=(const MpscRecvAwaiter &) = delete;
  MpscRecvAwaiter &operator=(MpscRecvAwaiter &&) = delete;
  ~MpscRecvAwaiter() {
    if (registered_)
      chan_->unregister_receiver();
  }

  // Taking the value here is as safe as in await_resume: when this returns
  // true the awaiting coroutine goes on without suspending.
  bool await_ready() { return chan_->try_recv_ready(taken_); }

  bool await_suspend(std::coroutine_handle<> awaiting) {
    registered_ = chan_->register_receiver(current_waker(awaiting));
    return registered_;
  }

  std::optional<T> await_resume() {
    registered_ = false;
    // Reset, not just moved from: the awaiter may be awaited again.
    if (taken_)
      return std::exchange(taken_, std::nullopt);
    return chan_->try_recv();
  }

private:
  MpscChan<T> *chan_;
  std::optional<T> taken_;
  bool registered_ = false;
};

/// What mpsc::Receiver and mpsc::UnboundedReceiver share.
template <class T>
class MpscReceiverBase
    : public ChannelEnd<MpscChan<T>, &MpscChan<T>::drop_receiver> {
  using Base = ChannelEnd<MpscChan<T>, &MpscChan<T>::drop_receiver>;

public:

  /// `co_await rx.recv()` yields the next value, waiting for one if needed,
  /// or an empty optional once every sender is gone (or close() was
  /// called) and the buffer is drained.
  ///
  /// Cancellation safe: a task aborted while waiting, or a recv() that
  /// loses a select, leaves the value in the channel for the next recv().
  /// Only one recv() may be pending at a time.
  [[nodiscard]] MpscRecvAwaiter<T> recv() noexcept {
    return MpscRecvAwaiter<T>{*state_};
  }

  /// The next value if one is buffered, without waiting. An empty result
  /// means either "nothing yet" or, when is_closed(), "nothing more".
  [[nodiscard]] std::optional<T> try_recv() { return state_->try_recv(); }

  /// Refuses further sends: waiting and later sends fail with their value
  /// given back. Values already buffered can still be received.
  void close() noexcept { state_->close(); }

  /// Whether no further value can arrive: close() was called or every
  /// sender is gone. Buffered values may remain.
  [[nodiscard]] bool is_closed() const noexcept { return state_->is_finished(); }

protected:
  explicit MpscReceiverBase(std::shared_ptr<MpscChan<T>> chan) noexcept
      : Base(std::move(chan)) {}

private:
  using Base::state_;
};

} // namespace corolint::rt::detail
