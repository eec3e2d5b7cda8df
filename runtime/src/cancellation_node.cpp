#include "corolint/rt/detail/cancellation_node.h"

#include <cassert>
#include <utility>

namespace corolint::rt::detail {

namespace {

// Releasing a node's parent may destroy the parent, whose destructor
// releases its own parent, and so on up a chain of any length. Only the
// outermost release on a thread loops; a release nested in it hands its
// parent over to that loop instead of recursing.
thread_local bool releasing_parents = false;
thread_local std::shared_ptr<CancellationNode> handed_over_parent;

void release_parent(std::shared_ptr<CancellationNode> parent) noexcept {
  if (releasing_parents) {
    assert(handed_over_parent == nullptr);
    handed_over_parent = std::move(parent);
    return;
  }
  releasing_parents = true;
  while (parent != nullptr) {
    parent.reset();
    parent = std::move(handed_over_parent);
  }
  releasing_parents = false;
}

} // namespace

CancellationNode::~CancellationNode() {
  // No child is left (each keeps this node alive) and no waiter (each keeps
  // a handle): only the parent can still reach this node.
  if (parent_ == nullptr)
    return;
  {
    const std::lock_guard lock(parent_->mutex_);
    parent_->unlist_child(*this);
  }
  release_parent(std::move(parent_));
}

std::shared_ptr<CancellationNode>
CancellationNode::make_child(const std::shared_ptr<CancellationNode> &parent) {
  auto child = std::make_shared<CancellationNode>();
  const std::lock_guard lock(parent->mutex_);
  if (parent->is_cancelled()) {
    child->cancelled_.store(true, std::memory_order_relaxed);
    child->subtree_cancelled_.store(true, std::memory_order_relaxed);
    return child;
  }
  child->parent_ = parent;
  parent->list_child(*child);
  return child;
}

void CancellationNode::cancel() noexcept {
  if (subtree_cancelled_.load(std::memory_order_acquire))
    return;
  cancel_self();
  // Depth-first, the subtrees that are cancelled already left out. `node`
  // is where the walk stands, kept alive by `pinned` below this node, and
  // `child` the next node below it to cancel.
  CancellationNode *node = this;
  std::shared_ptr<CancellationNode> pinned;
  std::shared_ptr<CancellationNode> child = next_child_to_cancel(nullptr);
  while (true) {
    if (child != nullptr) {
      child->cancel_self();
      pinned = std::move(child);
      node = pinned.get();
      child = node->next_child_to_cancel(nullptr);
      continue;
    }
    node->subtree_cancelled_.store(true, std::memory_order_release);
    if (node == this)
      return;
    std::shared_ptr<CancellationNode> parent = node->parent_;
    child = parent->next_child_to_cancel(node);
    pinned = std::move(parent);
    node = pinned.get();
  }
}

void CancellationNode::cancel_self() noexcept {
  {
    const std::lock_guard lock(mutex_);
    cancelled_.store(true, std::memory_order_release);
  }
  // A waiter may be destroyed as soon as the lock is released, so each
  // waker is taken out under the lock and woken after it.
  while (true) {
    Waker waker;
    {
      const std::lock_guard lock(mutex_);
      Waiter *waiter = waiters_.pop_front();
      if (waiter == nullptr)
        return;
      waker = std::move(waiter->waker);
    }
    waker.wake();
  }
}

std::shared_ptr<CancellationNode> CancellationNode::next_child_to_cancel(
    const CancellationNode *previous) const noexcept {
  const std::lock_guard lock(mutex_);
  CancellationNode *child =
      previous == nullptr ? first_child_ : previous->next_sibling_;
  for (; child != nullptr; child = child->next_sibling_) {
    if (child->subtree_cancelled_.load(std::memory_order_acquire))
      continue;
    // A child whose last handle is gone waits for this lock to unlist
    // itself; nothing can observe it any more.
    if (std::shared_ptr<CancellationNode> alive = child->weak_from_this().lock())
      return alive;
  }
  return nullptr;
}

bool CancellationNode::wait(Waiter &waiter, Waker waker) {
  // `waker` ends up holding the waker that is dropped, and drops it after
  // the lock is released.
  const std::lock_guard lock(mutex_);
  if (is_cancelled()) {
    waiters_.remove_if_linked(waiter);
    return false;
  }
  waiters_.add_or_update(waiter, waker);
  return true;
}

void CancellationNode::stop_waiting(Waiter &waiter) noexcept {
  const std::lock_guard lock(mutex_);
  waiters_.remove_if_linked(waiter);
}

std::size_t CancellationNode::child_count() const noexcept {
  const std::lock_guard lock(mutex_);
  std::size_t count = 0;
  for (const CancellationNode *child = first_child_; child != nullptr;
       child = child->next_sibling_)
    ++count;
  return count;
}

void CancellationNode::list_child(CancellationNode &child) noexcept {
  child.prev_sibling_ = nullptr;
  child.next_sibling_ = first_child_;
  if (first_child_ != nullptr)
    first_child_->prev_sibling_ = &child;
  first_child_ = &child;
}

void CancellationNode::unlist_child(CancellationNode &child) noexcept {
  if (child.prev_sibling_ != nullptr)
    child.prev_sibling_->next_sibling_ = child.next_sibling_;
  else
    first_child_ = child.next_sibling_;
  if (child.next_sibling_ != nullptr)
    child.next_sibling_->prev_sibling_ = child.prev_sibling_;
  child.prev_sibling_ = child.next_sibling_ = nullptr;
}

} // namespace corolint::rt::detail
