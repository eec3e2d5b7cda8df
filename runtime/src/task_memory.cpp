#include "corolint/rt/detail/task_memory.h"

#include "slab_cache.h"

#include <mutex>
#include <utility>
#include <vector>

#if defined(__SANITIZE_ADDRESS__)
#define COROLINT_RT_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define COROLINT_RT_ASAN 1
#endif
#endif

namespace corolint::rt::detail {

#ifdef COROLINT_RT_ASAN

void *allocate_task_memory(std::size_t size) { return ::operator new(size); }

void free_task_memory(void *block, std::size_t size) noexcept {
  ::operator delete(block, size);
}

#else

namespace {

/// The caches of threads that ended, for threads that start; never freed,
/// since blocks from them may be freed at any time.
class IdleCaches {
public:
  SlabCache *take() {
    {
      const std::lock_guard lock(mutex_);
      if (!idle_.empty()) {
        SlabCache *cache = idle_.back();
        idle_.pop_back();
        return cache;
      }
    }
    return new SlabCache;
  }

  void give_back(SlabCache *cache) noexcept {
    cache->trim();
    const std::lock_guard lock(mutex_);
    try {
      idle_.push_back(cache);
    } catch (...) {
      // Without room on the list the cache stays where it is: its blocks
      // can still be freed into it.
    }
  }

private:
  std::mutex mutex_;
  std::vector<SlabCache *> idle_;
};

IdleCaches &idle_caches() {
  static auto *caches = new IdleCaches;
  return *caches;
}

// For a thread whose own cache is already given back, while its other
// thread-local objects are destroyed.
SlabCache &shared_cache(std::unique_lock<std::mutex> &lock) {
  static auto *mutex = new std::mutex;
  static auto *cache = new SlabCache;
  lock = std::unique_lock(*mutex);
  return *cache;
}

thread_local SlabCache *tls_cache = nullptr;
thread_local bool tls_cache_given_back = false;

struct CacheLease {
  SlabCache *cache = nullptr;
  ~CacheLease() {
    tls_cache = nullptr;
    tls_cache_given_back = true;
    if (cache != nullptr)
      idle_caches().give_back(cache);
  }
};

thread_local CacheLease tls_lease;

void *allocate_without_cache(std::uint32_t size_class) {
  if (!tls_cache_given_back) {
    tls_lease.cache = idle_caches().take();
    tls_cache = tls_lease.cache;
    return tls_cache->allocate(size_class);
  }
  std::unique_lock<std::mutex> lock;
  return shared_cache(lock).allocate(size_class);
}

} // namespace

void *allocate_task_memory(std::size_t size) {
  if (size > SlabCache::kMaxBlock || size == 0)
    return ::operator new(size);
  const std::uint32_t size_class = SlabCache::size_class_of(size);
  if (SlabCache *cache = tls_cache)
    return cache->allocate(size_class);
  return allocate_without_cache(size_class);
}

void free_task_memory(void *block, std::size_t size) noexcept {
  if (size > SlabCache::kMaxBlock || size == 0) {
    ::operator delete(block, size);
    return;
  }
  Slab *slab = Slab::of(block);
  SlabCache &owner = slab->owner();
  if (&owner == tls_cache)
    owner.free_own(*slab, block);
  else
    owner.free_remote(*slab, block);
}

#endif

} // namespace corolint::rt::detail
