#pragma once

#include "corolint/rt/detail/channel_end.h"
#include "corolint/rt/detail/watch_state.h"
#include "corolint/rt/send_result.h"
#include "corolint/rt/waker.h"

#include <cassert>
#include <coroutine>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <shared_mutex>
#include <type_traits>
#include <utility>

/// A single-producer, multi-consumer channel that keeps only the latest
/// value, after tokio::sync::watch. Receivers see the most recent value and
/// can wait for it to change; intermediate values may be skipped.
///
///     auto [tx, rx] = watch::channel<Config>(load());
///     (void)tx.send(reload());                // in the producer
///     while (co_await rx.changed())           // in each consumer
///       apply(*rx.borrow_and_update());       // copy out, then release
namespace corolint::rt::watch {

template <class T> class Sender;
template <class T> class Receiver;

template <class T> std::pair<Sender<T>, Receiver<T>> channel(T initial);

/// Read access to the current value of a watch channel.
///
/// A Ref holds a shared lock on the value: while it exists the sender cannot
/// store a new value and blocks its thread trying. Keep it short-lived, and
/// never hold it across a co_await: copy out what you need first. It is a
/// thread lock, so it must also be released on the thread that took it.
template <class T> class [[nodiscard]] Ref {
public:
  Ref(Ref &&) noexcept = default;
  Ref(const Ref &) = delete;
  Ref &operator=(const Ref &) = delete;
  Ref &operator=(Ref &&) = delete;
  ~Ref() = default;

  const T &operator*() const noexcept { return *value_; }
  const T *operator->() const noexcept { return value_; }

  /// Whether this value had not been seen by the receiver that borrowed it
  /// (always false for a borrow through the sender).
  bool has_changed() const noexcept { return changed_; }

private:
  template <class> friend class Sender;
  template <class> friend class Receiver;

  Ref(const detail::WatchState<T> &state, bool changed)
      : lock_(state.value_mutex()), value_(&state.value()), changed_(changed) {}

  std::shared_lock<std::shared_mutex> lock_;
  const T *value_;
  bool changed_;
};

/// The sending half; move-only. Destroying it ends the channel: receivers
/// waiting in changed() get false.
template <class T>
class Sender : public detail::ChannelEnd<detail::WatchState<T>,
                                         &detail::WatchState<T>::drop_sender> {
public:

  /// Stores `value` as the current one and wakes the receivers waiting in
  /// changed(). Fails, giving the value back and storing nothing, when every
  /// receiver is gone.
  SendResult<T> send(T value) {
    assert(state_ && "send on a moved-from watch::Sender");
    if (state_->receiver_count() == 0)
      return SendResult<T>::closed(std::move(value));
    state_->modify([&value](T &current) {
      current = std::move(value);
      return true;
    });
    return SendResult<T>::sent();
  }

  /// Stores `value` whether or not any receiver is left, and returns the
  /// value it replaces.
  T send_replace(T value) {
    assert(state_ && "send_replace on a moved-from watch::Sender");
    state_->modify([&value](T &current) {
      std::swap(current, value);
      return true;
    });
    return value;
  }

  /// Changes the value in place under the write lock; `modify` returns
  /// whether receivers should be told of a change. Stores even without
  /// receivers. `modify` must not block or touch this channel.
  template <class Modify>
    requires std::is_invocable_r_v<bool, Modify &, T &>
  void send_if_modified(Modify modify) {
    assert(state_ && "send_if_modified on a moved-from watch::Sender");
    state_->modify([&modify](T &current) -> bool { return modify(current); });
  }

  /// Reads the current value; see Ref for how long it may be kept.
  Ref<T> borrow() const { return Ref<T>{*state_, false}; }

  /// A new receiver that has seen the current value.
  [[nodiscard]] Receiver<T> subscribe() const {
    state_->add_receiver();
    return Receiver<T>{state_, state_->version()};
  }

  /// Whether every receiver is gone, so that send() fails.
  [[nodiscard]] bool is_closed() const noexcept {
    return state_->receiver_count() == 0;
  }

  [[nodiscard]] std::size_t receiver_count() const noexcept {
    return state_->receiver_count();
  }

private:
  using Base = detail::ChannelEnd<detail::WatchState<T>,
                                  &detail::WatchState<T>::drop_sender>;
  using Base::state_;

  friend std::pair<Sender<T>, Receiver<T>> channel<T>(T initial);
  explicit Sender(std::shared_ptr<detail::WatchState<T>> state) noexcept
      : Base(std::move(state)) {}
};

/// A receiving half. Copies are independent receivers of the same channel,
/// each remembering which version it has seen; a copy starts out having
/// seen what the original had.
template <class T> class Receiver {
public:
  Receiver(const Receiver &other) noexcept
      : state_(other.state_), seen_(other.seen_) {
    if (state_)
      state_->add_receiver();
  }
  Receiver(Receiver &&other) noexcept
      : state_(std::move(other.state_)), seen_(other.seen_) {}
  Receiver &operator=(Receiver other) noexcept {
    std::swap(state_, other.state_);
    std::swap(seen_, other.seen_);
    return *this;
  }
  ~Receiver() {
    if (state_)
      state_->drop_receiver();
  }

  /// Reads the current value without marking it seen; see Ref for how long
  /// it may be kept.
  Ref<T> borrow() const {
    assert(state_ && "borrow on a moved-from watch::Receiver");
    Ref<T> ref{*state_, false};
    ref.changed_ = state_->version() != seen_;
    return ref;
  }

  /// Reads the current value and marks it seen, so that changed() waits
  /// for a newer one.
  Ref<T> borrow_and_update() {
    assert(state_ && "borrow_and_update on a moved-from watch::Receiver");
    Ref<T> ref{*state_, false};
    const std::uint64_t current = state_->version();
    ref.changed_ = current != seen_;
    seen_ = current;
    return ref;
  }

  /// Whether a value this receiver has not seen was stored.
  [[nodiscard]] bool has_changed() const noexcept {
    return state_->version() != seen_;
  }

  class ChangedAwaiter {
  public:
    explicit ChangedAwaiter(Receiver &receiver) noexcept
        : receiver_(&receiver) {}
    ChangedAwaiter(ChangedAwaiter &&other) noexcept
        : receiver_(other.receiver_) {
      assert(!other.registered_ && "moving a changed() that is waiting");
    }
    ChangedAwaiter(const ChangedAwaiter &) = delete;
    ChangedAwaiter &operator=(const ChangedAwaiter &) = delete;
    ChangedAwaiter &operator=(ChangedAwaiter &&) = delete;
    ~ChangedAwaiter() { stop_waiting(); }

    bool await_ready() const noexcept {
      return receiver_->has_changed() || receiver_->state_->sender_gone();
    }
    bool await_suspend(std::coroutine_handle<> awaiting) {
      registered_ = receiver_->state_->wait_for_change(
          receiver_->seen_, waiter_, current_waker(awaiting));
      return registered_;
    }
    [[nodiscard]] bool await_resume() noexcept {
      stop_waiting();
      const std::uint64_t current = receiver_->state_->version();
      if (current == receiver_->seen_)
        return false;
      receiver_->seen_ = current;
      return true;
    }

  private:
    void stop_waiting() noexcept {
      if (std::exchange(registered_, false))
        receiver_->state_->stop_waiting(waiter_);
    }

    Receiver *receiver_;
    detail::WatchWaiter waiter_;
    bool registered_ = false;
  };

  /// `co_await rx.changed()` waits until a value this receiver has not seen
  /// is stored, marks it seen and yields true; yields false once the sender
  /// is gone and no unseen value is left. Cancellation safe: an aborted or
  /// losing changed() marks nothing seen.
  [[nodiscard]] ChangedAwaiter changed() noexcept {
    assert(state_ && "changed on a moved-from watch::Receiver");
    return ChangedAwaiter{*this};
  }

private:
  friend class Sender<T>;
  friend std::pair<Sender<T>, Receiver<T>> channel<T>(T initial);

  Receiver(std::shared_ptr<detail::WatchState<T>> state,
           std::uint64_t seen) noexcept
      : state_(std::move(state)), seen_(seen) {}

  std::shared_ptr<detail::WatchState<T>> state_;
  std::uint64_t seen_;
};

/// Creates a watch channel holding `initial`, which its receiver has seen.
template <class T> std::pair<Sender<T>, Receiver<T>> channel(T initial) {
  auto state = std::make_shared<detail::WatchState<T>>(std::move(initial));
  return {Sender<T>{state}, Receiver<T>{std::move(state), 0}};
}

} // namespace corolint::rt::watch
