#pragma once

#include "corolint/rt/detail/waiter_list.h"
#include "corolint/rt/waker.h"

#include <atomic>
#include <cstddef>
#include <memory>
#include <mutex>

namespace corolint::rt::detail {

/// The state shared by the handles of one CancellationToken: whether it is
/// cancelled, the tasks waiting for that, and the tree of child tokens.
///
/// A child keeps its parent alive and is listed in it only while the child
/// lives: its destructor unlists it, so a parent does not accumulate the
/// children that were dropped. Cancelling walks the subtree top-down, holding
/// each node's mutex while it visits the node's children; a dying child
/// waits for its parent's mutex to unlist itself, so it is never visited
/// after it is gone. Locks are only ever taken parent before child.
class CancellationNode {
public:
  /// A root: the node of a new CancellationToken.
  CancellationNode() noexcept = default;
  CancellationNode(const CancellationNode &) = delete;
  CancellationNode &operator=(const CancellationNode &) = delete;
  ~CancellationNode();

  /// A new node listed under `parent`, or a cancelled unlisted one if
  /// `parent` is cancelled already.
  static std::shared_ptr<CancellationNode>
  make_child(const std::shared_ptr<CancellationNode> &parent);

  bool is_cancelled() const noexcept {
    return cancelled_.load(std::memory_order_acquire);
  }

  /// Cancels this node and its descendants and wakes their waiters.
  void cancel() noexcept;

  /// Lists `waiter` to be woken by cancel(), unless the node is cancelled
  /// already; returns whether it was listed.
  bool wait(Waiter &waiter, Waker waker);
  /// Unlists `waiter` if cancel() has not woken it yet.
  void stop_waiting(Waiter &waiter) noexcept;

  /// The children listed now: those alive that were created before this
  /// node was cancelled.
  std::size_t child_count() const noexcept;

private:
  /// With mutex_ held.
  void cancel_locked() noexcept;
  void list_child(CancellationNode &child) noexcept;
  void unlist_child(CancellationNode &child) noexcept;

  std::atomic<bool> cancelled_{false};
  mutable std::mutex mutex_;
  WaiterList waiters_;
  CancellationNode *first_child_ = nullptr;

  // Set once, before the node is shared.
  std::shared_ptr<CancellationNode> parent_;
  // Guarded by the parent's mutex.
  CancellationNode *prev_sibling_ = nullptr;
  CancellationNode *next_sibling_ = nullptr;
};

} // namespace corolint::rt::detail
