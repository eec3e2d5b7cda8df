#include "corolint/rt/waker.h"

#include "corolint/rt/detail/context.h"
#include "corolint/rt/detail/task_header.h"

#include <stdexcept>
#include <utility>

namespace corolint::rt {

Waker::Waker(detail::TaskHeader *task, std::uint64_t generation) noexcept
    : task_(task), generation_(generation) {
  task_->retain();
}

Waker::Waker(const Waker &other) noexcept
    : task_(other.task_), generation_(other.generation_) {
  if (task_ != nullptr)
    task_->retain();
}

Waker::Waker(Waker &&other) noexcept
    : task_(std::exchange(other.task_, nullptr)),
      generation_(other.generation_) {}

Waker &Waker::operator=(Waker other) noexcept {
  std::swap(task_, other.task_);
  std::swap(generation_, other.generation_);
  return *this;
}

Waker::~Waker() {
  if (task_ != nullptr)
    task_->release();
}

void Waker::wake() const noexcept {
  if (task_ != nullptr)
    task_->wake(generation_);
}

Waker current_waker(std::coroutine_handle<> resume_at) {
  detail::TaskHeader *task = detail::current_task();
  if (task == nullptr)
    throw std::logic_error("corolint::rt: this awaitable can only be awaited "
                           "by a task running on a corolint::rt runtime");
  return Waker(task, task->begin_suspension(resume_at));
}

} // namespace corolint::rt
