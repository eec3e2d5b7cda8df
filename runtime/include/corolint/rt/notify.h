#pragma once

#include <coroutine>
#include <cstdint>
#include <mutex>

#include "corolint/rt/detail/spin_mutex.h"
#include "corolint/rt/detail/waiter_list.h"
#include "corolint/rt/waker.h"

namespace corolint::rt {

/// Wakes tasks waiting for an event, like tokio::sync::Notify.
///
///     co_await notify.notified();   // waiting side
///     notify.notify_one();          // any thread
///
/// notify_one() wakes the task that has waited longest; if none waits it
/// stores a single permit, so that the next notified() completes at once
/// (several calls still store one permit). notify_waiters() wakes every task
/// waiting now and stores nothing. Cancellation-safe: a waiter destroyed
/// after notify_one() picked it, before its task resumed, passes the
/// notification on to the next waiter (or stores it as the permit).
/// The Notify must outlive its waiters.
class Notify {
public:
  Notify() = default;
  Notify(const Notify &) = delete;
  Notify &operator=(const Notify &) = delete;
  ~Notify();

  /// An lvalue may be awaited again after a select it lost: it keeps its
  /// place in the queue, and a notification it was picked for meanwhile.
  class [[nodiscard]] Notified : private detail::Waiter {
  public:
    /// Not while a task is suspended on `other`. Takes over `other`'s place
    /// in the queue, or the notification it was picked for.
    Notified(Notified &&other) noexcept;
    Notified &operator=(Notified &&) = delete;
    Notified(const Notified &) = delete;
    Notified &operator=(const Notified &) = delete;
    ~Notified();

    bool await_ready() noexcept;
    bool await_suspend(std::coroutine_handle<> awaiting);
    void await_resume() noexcept;

  private:
    friend class Notify;
    enum class Stage : std::uint8_t {
      init,
      waiting,
      picked_one,
      picked_all,
      done
    };

    explicit Notified(Notify &notify) noexcept;
    /// With the lock held: completes if a permit or a notify_waiters() call
    /// is there to take.
    bool try_complete() noexcept;

    Notify *notify_;
    // notify_waiters() calls made before this Notified was created.
    std::uint64_t waiters_calls_;
    // Guarded by the Notify's mutex while `queued_` is set.
    Stage stage_ = Stage::init;
    bool queued_ = false;
  };

  /// A future notification: `co_await notify.notified()`. It already
  /// receives notify_waiters() calls made after it was created, even before
  /// it is awaited.
  Notified notified() noexcept { return Notified(*this); }

  /// Wakes the longest-waiting task, or stores a permit if none waits.
  void notify_one() noexcept;

  /// Wakes every task waiting now, and every Notified created before this
  /// call that is not awaited yet. Does not store a permit.
  void notify_waiters() noexcept;

private:
  void notify_one_locked() noexcept;

  mutable detail::SpinMutex mutex_;
  detail::WaiterList waiters_;
  bool permit_ = false;
  std::uint64_t waiters_calls_ = 0;
};

} // namespace corolint::rt
