#include "corolint/rt/detail/timer_queue.h"

#include <utility>

namespace corolint::rt::detail {

bool TimerQueue::arm(TimerEntry &entry, TimerClock::time_point deadline,
                     Waker waker) {
  std::lock_guard lock(mutex_);
  heap_.push_back(&entry);
  entry.deadline = deadline;
  entry.sequence = next_sequence_++;
  entry.waker = std::move(waker);
  entry.fired.store(false, std::memory_order_relaxed);
  place(&entry, heap_.size() - 1);
  sift_up(entry.heap_index);
  const bool earliest = heap_.front() == &entry;
  if (earliest)
    publish_next_deadline();
  return earliest;
}

bool TimerQueue::rewake(TimerEntry &entry, Waker waker) noexcept {
  Waker previous;
  std::lock_guard lock(mutex_);
  if (entry.heap_index == TimerEntry::kNotQueued)
    return false;
  // The previous waker is released after the lock, by `previous`.
  previous = std::exchange(entry.waker, std::move(waker));
  return true;
}

void TimerQueue::disarm(TimerEntry &entry) noexcept {
  Waker dropped;
  std::lock_guard lock(mutex_);
  if (entry.heap_index == TimerEntry::kNotQueued)
    return;
  remove_at(entry.heap_index);
  dropped = std::move(entry.waker);
  publish_next_deadline();
}

std::size_t TimerQueue::fire_due(TimerClock::time_point now) {
  std::vector<Waker> due;
  {
    std::lock_guard lock(mutex_);
    while (!heap_.empty() && heap_.front()->deadline <= now) {
      TimerEntry *entry = heap_.front();
      remove_at(0);
      due.push_back(std::move(entry->waker));
      // Last access: once unlocked, the entry's owner may destroy it.
      entry->fired.store(true, std::memory_order_release);
    }
    if (!due.empty())
      publish_next_deadline();
  }
  for (const Waker &waker : due)
    waker.wake();
  return due.size();
}

std::size_t TimerQueue::fire_due_now() {
  const TimerClock::rep next = next_deadline_.load(std::memory_order_acquire);
  if (next == kNoDeadline)
    return 0;
  const TimerClock::time_point now = TimerClock::now();
  if (now.time_since_epoch().count() < next)
    return 0;
  return fire_due(now);
}

std::optional<TimerClock::time_point>
TimerQueue::next_deadline() const noexcept {
  const TimerClock::rep next = next_deadline_.load(std::memory_order_acquire);
  if (next == kNoDeadline)
    return std::nullopt;
  return TimerClock::time_point(TimerClock::duration(next));
}

std::size_t TimerQueue::size() const {
  std::lock_guard lock(mutex_);
  return heap_.size();
}

bool TimerQueue::earlier(const TimerEntry *a, const TimerEntry *b) noexcept {
  if (a->deadline != b->deadline)
    return a->deadline < b->deadline;
  return a->sequence < b->sequence;
}

void TimerQueue::place(TimerEntry *entry, std::size_t index) noexcept {
  heap_[index] = entry;
  entry->heap_index = index;
}

void TimerQueue::sift_up(std::size_t index) noexcept {
  TimerEntry *entry = heap_[index];
  while (index > 0) {
    const std::size_t parent = (index - 1) / 2;
    if (!earlier(entry, heap_[parent]))
      break;
    place(heap_[parent], index);
    index = parent;
  }
  place(entry, index);
}

void TimerQueue::sift_down(std::size_t index) noexcept {
  TimerEntry *entry = heap_[index];
  const std::size_t size = heap_.size();
  for (;;) {
    std::size_t child = 2 * index + 1;
    if (child >= size)
      break;
    if (child + 1 < size && earlier(heap_[child + 1], heap_[child]))
      ++child;
    if (!earlier(heap_[child], entry))
      break;
    place(heap_[child], index);
    index = child;
  }
  place(entry, index);
}

void TimerQueue::remove_at(std::size_t index) noexcept {
  TimerEntry *removed = heap_[index];
  TimerEntry *last = heap_.back();
  heap_.pop_back();
  removed->heap_index = TimerEntry::kNotQueued;
  if (last == removed)
    return;
  place(last, index);
  if (index > 0 && earlier(last, heap_[(index - 1) / 2]))
    sift_up(index);
  else
    sift_down(index);
}

void TimerQueue::publish_next_deadline() noexcept {
  next_deadline_.store(heap_.empty()
                           ? kNoDeadline
                           : heap_.front()->deadline.time_since_epoch().count(),
                       std::memory_order_release);
}

} // namespace corolint::rt::detail
