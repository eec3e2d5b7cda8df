#pragma once

#include "corolint/rt/detail/spin_mutex.h"
#include "corolint/rt/waker.h"

#include <mutex>
#include <optional>
#include <utility>

namespace corolint::rt::detail {

/// The slot shared by the two halves of a oneshot channel.
template <class T> class OneshotState {
public:
  OneshotState() = default;
  OneshotState(const OneshotState &) = delete;
  OneshotState &operator=(const OneshotState &) = delete;
  ~OneshotState() = default;

  /// Stores `value` (moving from it) unless the receiver is gone.
  bool send(T &value) {
    Waker receiver;
    {
      const std::lock_guard lock(mutex_);
      if (receiver_gone_)
        return false;
      value_.emplace(std::move(value));
      sender_done_ = true;
      receiver = std::move(receiver_waker_);
    }
    receiver.wake();
    return true;
  }

  /// The sender is gone without sending.
  void drop_sender() noexcept {
    Waker receiver;
    {
      const std::lock_guard lock(mutex_);
      sender_done_ = true;
      receiver = std::move(receiver_waker_);
    }
    receiver.wake();
  }

  bool receiver_gone() const noexcept {
    const std::lock_guard lock(mutex_);
    return receiver_gone_;
  }

  /// Whether a receive completes without waiting: a value is there, or
  /// none can come any more.
  bool ready() const noexcept {
    const std::lock_guard lock(mutex_);
    return sender_done_;
  }

  bool register_receiver(Waker waker) {
    const std::lock_guard lock(mutex_);
    if (sender_done_)
      return false;
    receiver_waker_ = std::move(waker);
    return true;
  }

  void unregister_receiver() noexcept {
    Waker dropped;
    const std::lock_guard lock(mutex_);
    dropped = std::move(receiver_waker_);
  }

  /// Takes the value if there is one.
  std::optional<T> take() {
    const std::lock_guard lock(mutex_);
    return std::exchange(value_, std::nullopt);
  }

  /// The receiver is gone: later sends fail, a sent value is dropped.
  void drop_receiver() noexcept {
    std::optional<T> dropped;
    const std::lock_guard lock(mutex_);
    receiver_gone_ = true;
    if (value_) {
      dropped.emplace(std::move(*value_));
      value_.reset();
    }
    receiver_waker_ = Waker{};
  }

private:
  mutable SpinMutex mutex_;
  std::optional<T> value_;
  bool sender_done_ = false;
  bool receiver_gone_ = false;
  Waker receiver_waker_;
};

} // namespace corolint::rt::detail
