#pragma once

#include "corolint/rt/detail/task_header.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>

namespace corolint::rt::detail {

/// A worker's run queue: a fixed ring that only its owner pushes to, and
/// that its owner and other workers take from the front of, without a lock.
///
/// `head_` and `tail_` count pushes and takes since the start, so they never
/// wrap in practice and a taker's compare-exchange on `head_` cannot succeed
/// on a stale value. Slots are atomics because a taker may read a slot the
/// owner is refilling; such a taker then fails its compare-exchange and
/// discards what it read.
class LocalRunQueue {
public:
  static constexpr std::uint64_t kCapacity = 256;

  /// Owner only. Returns false, leaving the task, when the ring is full.
  bool try_push(TaskHeader *task) noexcept {
    const std::uint64_t tail = tail_.load(std::memory_order_relaxed);
    // Acquire: the slot being reused was read by whoever advanced head.
    if (tail - head_.load(std::memory_order_acquire) >= kCapacity)
      return false;
    slot(tail).store(task, std::memory_order_relaxed);
    // Release: publishes the slot, and the task, to takers.
    tail_.store(tail + 1, std::memory_order_release);
    return true;
  }

  /// Owner only, after try_push failed: takes the older half of the queued
  /// tasks out, oldest first, into `out`; returns how many.
  std::size_t take_older_half(
      std::array<TaskHeader *, kCapacity / 2> &out) noexcept {
    std::uint64_t head = head_.load(std::memory_order_acquire);
    for (;;) {
      const std::uint64_t tail = tail_.load(std::memory_order_relaxed);
      const std::uint64_t count = std::min<std::uint64_t>(
          (tail - head) / 2, kCapacity / 2);
      for (std::uint64_t i = 0; i < count; ++i)
        out[i] = slot(head + i).load(std::memory_order_relaxed);
      if (head_.compare_exchange_weak(head, head + count,
                                      std::memory_order_acq_rel,
                                      std::memory_order_acquire))
        return count;
    }
  }

  /// Any thread: takes the oldest task, or returns nullptr.
  TaskHeader *pop() noexcept {
    std::uint64_t head = head_.load(std::memory_order_acquire);
    for (;;) {
      if (head == tail_.load(std::memory_order_acquire))
        return nullptr;
      TaskHeader *task = slot(head).load(std::memory_order_relaxed);
      if (head_.compare_exchange_weak(head, head + 1,
                                      std::memory_order_acq_rel,
                                      std::memory_order_acquire))
        return task;
    }
  }

  /// Called by the owner of `into`, whose ring is empty: moves the older
  /// half of this ring (rounded up) into `into` and returns the newest of the
  /// moved tasks for the caller to run, kept out of `into`. Returns nullptr
  /// if this ring is empty.
  TaskHeader *steal_into(LocalRunQueue &into) noexcept {
    const std::uint64_t into_tail = into.tail_.load(std::memory_order_relaxed);
    const std::uint64_t room =
        kCapacity - (into_tail - into.head_.load(std::memory_order_acquire));
    std::uint64_t head = head_.load(std::memory_order_acquire);
    std::uint64_t count = 0;
    for (;;) {
      const std::uint64_t available =
          tail_.load(std::memory_order_acquire) - head;
      count = std::min(available - available / 2, room);
      if (count == 0)
        return nullptr;
      for (std::uint64_t i = 0; i < count; ++i)
        into.slot(into_tail + i)
            .store(slot(head + i).load(std::memory_order_relaxed),
                   std::memory_order_relaxed);
      if (head_.compare_exchange_weak(head, head + count,
                                      std::memory_order_acq_rel,
                                      std::memory_order_acquire))
        break;
    }
    --count;
    TaskHeader *task = into.slot(into_tail + count).load(std::memory_order_relaxed);
    if (count > 0)
      into.tail_.store(into_tail + count, std::memory_order_release);
    return task;
  }

  /// How many tasks are queued; a snapshot. Relaxed: a hint only, which
  /// the owner never gets too low, as takers only move head forward.
  std::size_t size() const noexcept {
    return static_cast<std::size_t>(tail_.load(std::memory_order_relaxed) -
                                    head_.load(std::memory_order_relaxed));
  }

  /// Whether a task is queued; a snapshot, for deciding whether to park.
  bool has_tasks() const noexcept {
    return head_.load(std::memory_order_acquire) !=
           tail_.load(std::memory_order_acquire);
  }

private:
  std::atomic<TaskHeader *> &slot(std::uint64_t index) noexcept {
    return slots_[index % kCapacity];
  }

  // Takers and the owner's pushes touch different lines.
  alignas(64) std::atomic<std::uint64_t> head_{0};
  alignas(64) std::atomic<std::uint64_t> tail_{0};
  std::array<std::atomic<TaskHeader *>, kCapacity> slots_{};
};

} // namespace corolint::rt::detail
