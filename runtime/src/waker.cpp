#include "corolint/rt/waker.h"

#include "corolint/rt/detail/context.h"
#include "corolint/rt/detail/wake_target.h"

#include <stdexcept>
#include <utility>

namespace corolint::rt {

Waker::Waker(detail::WakeTarget *target, std::uint64_t generation) noexcept
    : target_(target), generation_(generation) {
  target_->retain_target();
}

Waker::Waker(const Waker &other) noexcept
    : target_(other.target_), generation_(other.generation_) {
  if (target_ != nullptr)
    target_->retain_target();
}

Waker::Waker(Waker &&other) noexcept
    : target_(std::exchange(other.target_, nullptr)),
      generation_(other.generation_) {}

Waker &Waker::operator=(Waker other) noexcept {
  std::swap(target_, other.target_);
  std::swap(generation_, other.generation_);
  return *this;
}

Waker::~Waker() {
  if (target_ != nullptr)
    target_->release_target();
}

void Waker::wake() const noexcept {
  if (target_ != nullptr)
    target_->wake_target(generation_);
}

Waker current_waker(std::coroutine_handle<> resume_at) {
  detail::WakeTarget *target = detail::current_wake_target();
  if (target == nullptr)
    throw std::logic_error("corolint::rt: this awaitable can only be awaited "
                           "by a task running on a corolint::rt runtime");
  return Waker(target, target->begin_suspension_at(resume_at));
}

} // namespace corolint::rt
