#include "corolint/rt/detail/timer_registration.h"

#include "corolint/rt/detail/context.h"
#include "corolint/rt/detail/scheduler.h"

#include <utility>

namespace corolint::rt::detail {

bool TimerRegistration::arm(TimerClock::time_point deadline, Waker waker) {
  assert(scheduler_ == nullptr && "arming an armed timer");
  if (deadline <= TimerClock::now()) {
    entry_.fired.store(true, std::memory_order_relaxed);
    return false;
  }
  Scheduler &scheduler = current_scheduler_or_throw("corolint::rt timers");
  const bool earliest =
      scheduler.timers().arm(entry_, deadline, std::move(waker));
  scheduler_ = &scheduler;
  if (earliest)
    scheduler.on_earliest_deadline(deadline);
  return true;
}

bool TimerRegistration::rewake(Waker waker) noexcept {
  return scheduler_ != nullptr &&
         scheduler_->timers().rewake(entry_, std::move(waker));
}

void TimerRegistration::disarm() noexcept {
  if (scheduler_ != nullptr)
    std::exchange(scheduler_, nullptr)->timers().disarm(entry_);
}

} // namespace corolint::rt::detail
