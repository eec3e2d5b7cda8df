#include "corolint/rt/detail/task_memory.h"

#include "slab_cache.h"

#include <mutex>
#include <utility>

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

void trim_task_memory() noexcept {}

bool watch_remote_frees(RemoteFreeWatcher & /*watcher*/) noexcept {
  return true;
}

bool end_remote_free_watch() noexcept { return false; }

#else

namespace {

/// The caches of threads that ended, for threads that start; never freed,
/// since blocks from them may be freed at any time. Whenever a thread
/// starts or ends, every idle cache gets back what other threads freed into
/// it and releases the slabs that emptied.
class IdleCaches {
public:
  SlabCache *take() {
    {
      const std::lock_guard lock(mutex_);
      trim_all();
      if (SlabCache *cache = first_) {
        first_ = cache->next_idle;
        cache->next_idle = nullptr;
        return cache;
      }
    }
    return new SlabCache;
  }

  void give_back(SlabCache *cache) noexcept {
    const std::lock_guard lock(mutex_);
    cache->next_idle = first_;
    first_ = cache;
    trim_all();
  }

private:
  void trim_all() noexcept {
    for (SlabCache *cache = first_; cache != nullptr; cache = cache->next_idle)
      cache->trim();
  }

  std::mutex mutex_;
  SlabCache *first_ = nullptr;
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

void trim_task_memory() noexcept {
  if (SlabCache *cache = tls_cache)
    cache->trim_remote_frees();
}

bool watch_remote_frees(RemoteFreeWatcher &watcher) noexcept {
  // Without slabs, nothing can be freed into them.
  SlabCache *cache = tls_cache;
  return cache == nullptr || cache->watch_remote_frees(watcher);
}

bool end_remote_free_watch() noexcept {
  SlabCache *cache = tls_cache;
  return cache != nullptr && cache->end_remote_free_watch();
}

#endif

} // namespace corolint::rt::detail
