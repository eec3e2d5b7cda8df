#include "corolint/rt/detail/cancellation_node.h"

#include <utility>

namespace corolint::rt::detail {

CancellationNode::~CancellationNode() {
  // No child is left (each keeps this node alive) and no waiter (each keeps
  // a handle): only the parent can still reach this node.
  if (parent_ != nullptr) {
    const std::lock_guard lock(parent_->mutex_);
    parent_->unlist_child(*this);
  }
}

std::shared_ptr<CancellationNode>
CancellationNode::make_child(const std::shared_ptr<CancellationNode> &parent) {
  auto child = std::make_shared<CancellationNode>();
  const std::lock_guard lock(parent->mutex_);
  if (parent->is_cancelled()) {
    child->cancelled_.store(true, std::memory_order_relaxed);
    return child;
  }
  child->parent_ = parent;
  parent->list_child(*child);
  return child;
}

void CancellationNode::cancel() noexcept {
  if (is_cancelled())
    return;
  const std::lock_guard lock(mutex_);
  cancel_locked();
}

void CancellationNode::cancel_locked() noexcept {
  if (is_cancelled())
    return; // and so is the whole subtree
  cancelled_.store(true, std::memory_order_release);
  waiters_.wake_all();
  for (CancellationNode *child = first_child_; child != nullptr;
       child = child->next_sibling_) {
    const std::lock_guard child_lock(child->mutex_);
    child->cancel_locked();
  }
}

bool CancellationNode::wait(Waiter &waiter, Waker waker) {
  const std::lock_guard lock(mutex_);
  if (is_cancelled())
    return false;
  waiter.waker = std::move(waker);
  waiters_.push_back(waiter);
  return true;
}

void CancellationNode::stop_waiting(Waiter &waiter) noexcept {
  const std::lock_guard lock(mutex_);
  if (waiter.linked)
    waiters_.remove(waiter);
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
