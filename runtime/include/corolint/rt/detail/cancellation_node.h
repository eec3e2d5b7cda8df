#pragma once

#include "corolint/rt/detail/spin_mutex.h"
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
/// lives: its destructor unlists it, under the parent's mutex, so a parent
/// does not accumulate the children that were dropped.
///
/// cancel() walks the subtree depth-first without recursing: it keeps the
/// node it stands on alive with a shared_ptr, and that node keeps its
/// ancestors alive, so it can climb back through parent_. It holds one
/// node's mutex at a time, and none while it wakes waiters, so a woken
/// task that is destroyed at once may drop tokens freely.
class CancellationNode
    : public std::enable_shared_from_this<CancellationNode> {
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

  /// Cancels this node and its descendants and wakes their waiters. When it
  /// returns, every descendant is cancelled, also if another thread
  /// started cancelling first.
  void cancel() noexcept;

  /// Lists `waiter` to be woken by cancel(), unless the node is cancelled
  /// already; returns whether it is listed. A waiter listed already keeps
  /// its place and takes the new waker.
  bool wait(Waiter &waiter, Waker waker);
  /// Unlists `waiter` if cancel() has not woken it yet.
  void stop_waiting(Waiter &waiter) noexcept;

  /// The children listed now: those alive that were created before this
  /// node was cancelled.
  std::size_t child_count() const noexcept;

private:
  /// Sets the flag and wakes the waiters, one lock at a time.
  void cancel_self() noexcept;
  /// The first child listed after `previous` (after none: the first one)
  /// that is alive and whose subtree is not known to be cancelled.
  std::shared_ptr<CancellationNode>
  next_child_to_cancel(const CancellationNode *previous) const noexcept;
  void list_child(CancellationNode &child) noexcept;
  void unlist_child(CancellationNode &child) noexcept;

  std::atomic<bool> cancelled_{false};
  // Set once every descendant is cancelled too.
  std::atomic<bool> subtree_cancelled_{false};
  mutable SpinMutex mutex_;
  WaiterList waiters_;
  CancellationNode *first_child_ = nullptr;

  // Set once, before the node is shared.
  std::shared_ptr<CancellationNode> parent_;
  // Guarded by the parent's mutex.
  CancellationNode *prev_sibling_ = nullptr;
  CancellationNode *next_sibling_ = nullptr;
};

} // namespace corolint::rt::detail
