#pragma once

#include "corolint/rt/detail/spin_mutex.h"
#include "corolint/rt/detail/waiter_list.h"
#include "corolint/rt/waker.h"

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <utility>

namespace corolint::rt::detail {

/// A sender waiting for room in a full bounded channel. When room appears
/// the oldest waiting sender is granted a slot, which stays reserved for it
/// until it resumes and fills it, or gives it back when it is destroyed
/// without resuming (its task was aborted, or it lost a select).
struct SlotWaiter : Waiter {
  bool granted = false;
};

enum class SendStatus : std::uint8_t { sent, full, closed, waiting };

/// The state shared by the senders and the receiver of an mpsc channel,
/// bounded or not (an unbounded channel has the largest capacity).
///
/// Cancellation safety: a value enters the buffer only when a send
/// completes, and leaves it only when a receive completes, both on the
/// thread of the task doing it. Wake-ups carry no values, so a task
/// destroyed after being woken loses nothing; a slot granted to a sender
/// that never resumes is passed on to the next waiting sender.
template <class T> class MpscChan {
public:
  explicit MpscChan(std::size_t capacity) noexcept : capacity_(capacity) {}
  MpscChan(const MpscChan &) = delete;
  MpscChan &operator=(const MpscChan &) = delete;
  ~MpscChan() = default;

  // ---- Senders ----

  void add_sender() noexcept {
    const std::lock_guard lock(mutex_);
    ++senders_;
  }

  /// The last sender going away lets the receiver see the end.
  void drop_sender() noexcept {
    Waker receiver;
    {
      const std::lock_guard lock(mutex_);
      if (--senders_ == 0)
        receiver = std::move(receiver_waker_);
    }
    receiver.wake();
  }

  /// Moves `value` into the buffer if there is room; otherwise leaves it.
  SendStatus try_send(T &value) {
    Waker receiver;
    SendStatus status = SendStatus::full;
    {
      const std::lock_guard lock(mutex_);
      status = push_locked(value, receiver);
    }
    receiver.wake();
    return status;
  }

  /// Like try_send, but when the channel is full lists `waiter`, with
  /// `waker`, to be granted a slot, and returns SendStatus::waiting.
  SendStatus send_or_wait(T &value, SlotWaiter &waiter, Waker waker) {
    Waker receiver;
    SendStatus status = SendStatus::full;
    {
      const std::lock_guard lock(mutex_);
      status = push_locked(value, receiver);
      if (status == SendStatus::full) {
        waiter.waker = std::move(waker);
        send_waiters_.push_back(waiter);
        status = SendStatus::waiting;
      }
    }
    receiver.wake();
    return status;
  }

  /// A waiting sender awaited again (after losing a select, say): keeps its
  /// place, now with `waker`, and returns true; or returns false if it was
  /// granted a slot or the channel closed meanwhile. `waker` is left with
  /// the waker it replaced.
  bool keep_waiting(SlotWaiter &waiter, Waker &waker) {
    const std::lock_guard lock(mutex_);
    if (waiter.granted || closed_)
      return false;
    std::swap(waiter.waker, waker);
    return true;
  }

  /// A waiting sender resumed: fills its granted slot with `value`, or
  /// reports that the channel was closed meanwhile (leaving `value`).
  SendStatus finish_wait(T &value, SlotWaiter &waiter) {
    Waker receiver;
    {
      const std::lock_guard lock(mutex_);
      if (waiter.linked)
        send_waiters_.remove(waiter);
      if (!waiter.granted) {
        // Only a grant or closing the channel wakes a waiting sender.
        assert(closed_);
        return SendStatus::closed;
      }
      if (closed_) {
        release_slot_locked(waiter);
        return SendStatus::closed;
      }
      buffer_.push_back(std::move(value));
      release_slot_locked(waiter);
      receiver = std::move(receiver_waker_);
    }
    receiver.wake();
    return SendStatus::sent;
  }

  /// A waiting sender is destroyed without resuming: unlists it, or hands
  /// the slot it was granted to the next waiting sender.
  void abandon_wait(SlotWaiter &waiter) noexcept {
    Waker next;
    {
      const std::lock_guard lock(mutex_);
      if (waiter.linked)
        send_waiters_.remove(waiter);
      if (waiter.granted) {
        release_slot_locked(waiter);
        next = grant_locked();
      }
    }
    next.wake();
  }

  /// Whether the receiver is gone or closed: sends fail.
  bool is_closed() const noexcept {
    const std::lock_guard lock(mutex_);
    return closed_;
  }

  // ---- Receiver ----

  /// Takes the oldest buffered value into `value` if there is one. Returns
  /// whether recv() can complete without waiting: a value was taken, or no
  /// further value can arrive.
  bool try_recv_ready(std::optional<T> &value) {
    Waker next;
    {
      const std::lock_guard lock(mutex_);
      if (buffer_.empty())
        return recv_ready_locked();
      value.emplace(std::move(buffer_.front()));
      buffer_.pop_front();
      next = grant_locked();
    }
    next.wake();
    return true;
  }

  /// Stores the receiver's waker unless recv() can complete already.
  bool register_receiver(Waker waker) {
    const std::lock_guard lock(mutex_);
    if (recv_ready_locked())
      return false;
    receiver_waker_ = std::move(waker);
    return true;
  }

  void unregister_receiver() noexcept {
    Waker dropped;
    const std::lock_guard lock(mutex_);
    dropped = std::move(receiver_waker_);
  }

  /// Takes the oldest buffered value, if any.
  std::optional<T> try_recv() {
    std::optional<T> value;
    try_recv_ready(value);
    return value;
  }

  /// Whether no further value can arrive: closed, or every sender is gone.
  /// Values already buffered can still be received.
  bool is_finished() const noexcept {
    const std::lock_guard lock(mutex_);
    return closed_ || senders_ == 0;
  }

  /// Refuses further sends and fails the senders waiting for room; what is
  /// buffered stays receivable.
  void close() noexcept {
    const std::lock_guard lock(mutex_);
    closed_ = true;
    send_waiters_.wake_all();
  }

  /// The receiver is gone: closes and drops what is buffered.
  void drop_receiver() noexcept {
    std::deque<T> dropped;
    {
      const std::lock_guard lock(mutex_);
      closed_ = true;
      send_waiters_.wake_all();
      dropped.swap(buffer_);
      receiver_waker_ = Waker{};
    }
  }

private:
  bool recv_ready_locked() const noexcept {
    return !buffer_.empty() || closed_ || senders_ == 0;
  }

  SendStatus push_locked(T &value, Waker &receiver) {
    if (closed_)
      return SendStatus::closed;
    // Waiting senders hold every free slot, so a newcomer never overtakes.
    if (buffer_.size() + reserved_ >= capacity_)
      return SendStatus::full;
    buffer_.push_back(std::move(value));
    receiver = std::move(receiver_waker_);
    return SendStatus::sent;
  }

  void release_slot_locked(SlotWaiter &waiter) noexcept {
    assert(waiter.granted && reserved_ > 0);
    waiter.granted = false;
    --reserved_;
  }

  /// Grants a free slot to the oldest waiting sender; returns its waker.
  Waker grant_locked() noexcept {
    if (closed_ || send_waiters_.empty() ||
        buffer_.size() + reserved_ >= capacity_)
      return Waker{};
    auto *waiter = static_cast<SlotWaiter *>(send_waiters_.pop_front());
    waiter->granted = true;
    ++reserved_;
    return std::move(waiter->waker);
  }

  mutable SpinMutex mutex_;
  std::deque<T> buffer_;
  const std::size_t capacity_;
  std::size_t reserved_ = 0;
  std::size_t senders_ = 1;
  bool closed_ = false;
  WaiterList send_waiters_;
  Waker receiver_waker_;
};

} // namespace corolint::rt::detail
