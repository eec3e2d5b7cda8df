#include "slab_cache.h"

#include <utility>

namespace corolint::rt::detail {

void *SlabCache::allocate_slow(std::uint32_t index) {
  SizeClass &size_class = classes_[index];
  if (Slab *slab = size_class.current) {
    if (slab->reclaim_remote())
      return slab->take();
    size_class.current = nullptr;
    link(size_class, *slab, Slab::List::full);
  }
  const std::uint64_t remote_frees =
      remote_frees_[index].load(std::memory_order_acquire);
  if (remote_frees != size_class.remote_frees_seen) {
    size_class.remote_frees_seen = remote_frees;
    trim_list(size_class, Slab::List::full);
  }
  size_class.current = take_available(size_class);
  if (size_class.current == nullptr)
    size_class.current = Slab::create(*this, index, block_size_of(index));
  return size_class.current->take();
}

Slab *SlabCache::take_available(SizeClass &size_class) noexcept {
  while (Slab *slab = size_class.available) {
    unlink(size_class, *slab);
    slab->reclaim_remote();
    if (slab->has_room())
      return slab;
    link(size_class, *slab, Slab::List::full);
  }
  return nullptr;
}

void SlabCache::free_own(Slab &slab, void *block) noexcept {
  slab.put(block);
  SizeClass &size_class = classes_[slab.size_class()];
  if (&slab == size_class.current)
    return;
  if (!slab.in_use()) {
    unlink(size_class, slab);
    Slab::destroy(&slab);
  } else if (slab.list == Slab::List::full) {
    unlink(size_class, slab);
    link(size_class, slab, Slab::List::available);
  }
}

void SlabCache::trim() noexcept {
  for (SizeClass &size_class : classes_) {
    if (Slab *slab = size_class.current) {
      size_class.current = nullptr;
      link(size_class, *slab,
           slab->has_room() ? Slab::List::available : Slab::List::full);
    }
    trim_lists(size_class);
  }
}

void SlabCache::trim_remote_frees() noexcept {
  for (std::size_t index = 0; index < kClasses; ++index) {
    SizeClass &size_class = classes_[index];
    const std::uint64_t remote_frees =
        remote_frees_[index].load(std::memory_order_acquire);
    if (remote_frees == size_class.remote_frees_trimmed)
      continue;
    size_class.remote_frees_trimmed = remote_frees;
    if (Slab *slab = size_class.current)
      slab->reclaim_remote();
    trim_lists(size_class);
  }
}

bool SlabCache::watch_remote_frees(RemoteFreeWatcher &watcher) noexcept {
  watcher_ = &watcher;
  watch_started_ = true;
  watch_.store(Watch::watching, std::memory_order_seq_cst);
  for (std::size_t index = 0; index < kClasses; ++index) {
    if (remote_frees_[index].load(std::memory_order_seq_cst) !=
        classes_[index].remote_frees_trimmed) {
      end_remote_free_watch();
      return false;
    }
  }
  return true;
}

bool SlabCache::end_remote_free_watch() noexcept {
  if (!std::exchange(watch_started_, false))
    return false;
  Watch watch = Watch::watching;
  // Acquire: what the watcher did when told happens before this returns.
  if (watch_.compare_exchange_strong(watch, Watch::none,
                                     std::memory_order_acquire))
    return false;
  while (watch == Watch::telling) {
    watch_.wait(Watch::telling, std::memory_order_acquire);
    watch = watch_.load(std::memory_order_acquire);
  }
  return true;
}

void SlabCache::tell_watcher() noexcept {
  Watch watch = Watch::watching;
  // Only one thread tells, and only until the owner ends the watch.
  if (!watch_.compare_exchange_strong(watch, Watch::telling,
                                      std::memory_order_acquire,
                                      std::memory_order_relaxed))
    return;
  watcher_->on_remote_free();
  watch_.store(Watch::none, std::memory_order_release);
  watch_.notify_one();
}

void SlabCache::trim_lists(SizeClass &size_class) noexcept {
  trim_list(size_class, Slab::List::available);
  trim_list(size_class, Slab::List::full);
}

void SlabCache::trim_list(SizeClass &size_class, Slab::List list) noexcept {
  Slab *slab = head(size_class, list);
  while (slab != nullptr) {
    Slab *next = slab->next;
    slab->reclaim_remote();
    if (!slab->in_use()) {
      unlink(size_class, *slab);
      Slab::destroy(slab);
    } else if (list == Slab::List::full && slab->has_room()) {
      unlink(size_class, *slab);
      link(size_class, *slab, Slab::List::available);
    }
    slab = next;
  }
}

Slab *&SlabCache::head(SizeClass &size_class, Slab::List list) noexcept {
  return list == Slab::List::full ? size_class.full : size_class.available;
}

void SlabCache::link(SizeClass &size_class, Slab &slab,
                     Slab::List list) noexcept {
  Slab *&first = head(size_class, list);
  slab.list = list;
  slab.prev = nullptr;
  slab.next = first;
  if (first != nullptr)
    first->prev = &slab;
  first = &slab;
}

void SlabCache::unlink(SizeClass &size_class, Slab &slab) noexcept {
  if (slab.prev != nullptr)
    slab.prev->next = slab.next;
  else
    head(size_class, slab.list) = slab.next;
  if (slab.next != nullptr)
    slab.next->prev = slab.prev;
  slab.prev = nullptr;
  slab.next = nullptr;
  slab.list = Slab::List::none;
}

} // namespace corolint::rt::detail
