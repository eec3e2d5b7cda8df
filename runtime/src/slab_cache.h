#pragma once

#include "corolint/rt/detail/task_memory.h"
#include "slab.h"

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>

namespace corolint::rt::detail {

/// The slabs one thread takes task memory from, one set per block size.
///
/// A cache is never destroyed: when its thread ends it waits for the next
/// thread that needs one, so that a block freed after the thread that
/// allocated it is gone still has a cache to return to.
class SlabCache {
public:
  static constexpr std::size_t kGranule = 16;
  static constexpr std::size_t kMaxBlock = 1024;
  static constexpr std::size_t kClasses = kMaxBlock / kGranule;

  static std::uint32_t size_class_of(std::size_t size) noexcept {
    return static_cast<std::uint32_t>((size + kGranule - 1) / kGranule) - 1;
  }
  static std::size_t block_size_of(std::uint32_t size_class) noexcept {
    return (std::size_t{size_class} + 1) * kGranule;
  }

  SlabCache() = default;
  SlabCache(const SlabCache &) = delete;
  SlabCache &operator=(const SlabCache &) = delete;

  /// Links the caches of ended threads; see task_memory.cpp.
  SlabCache *next_idle = nullptr;

  // The owning thread only.
  void *allocate(std::uint32_t size_class) {
    if (Slab *slab = classes_[size_class].current)
      if (void *block = slab->take())
        return block;
    return allocate_slow(size_class);
  }
  void free_own(Slab &slab, void *block) noexcept;
  /// Reclaims what other threads freed and destroys the slabs left empty;
  /// for a thread that ends.
  void trim() noexcept;
  /// Like trim(), but only for the sizes other threads freed blocks of
  /// since the last call, and keeping each size's current slab.
  void trim_remote_frees() noexcept;
  /// See the functions of the same names in task_memory.h.
  bool watch_remote_frees(RemoteFreeWatcher &watcher) noexcept;
  bool end_remote_free_watch() noexcept;

  // Any other thread.
  void free_remote(Slab &slab, void *block) noexcept {
    const std::uint32_t size_class = slab.size_class();
    // A slab whose remote frees the owner has counted may be on the full
    // list, where the owner looks only when told to.
    if (!slab.push_remote(block))
      return;
    // Sequentially consistent, as is the start of a watch: either the owner
    // sees this count when it starts watching, or this thread sees the watch.
    remote_frees_[size_class].fetch_add(1, std::memory_order_seq_cst);
    if (watch_.load(std::memory_order_seq_cst) == Watch::watching)
      tell_watcher();
  }

private:
  struct SizeClass {
    // Where blocks are taken from; never on a list.
    Slab *current = nullptr;
    // Slabs with room when they were listed.
    Slab *available = nullptr;
    // Slabs without room when last looked at; blocks other threads free
    // into them are reclaimed when remote_frees_ says there are some.
    Slab *full = nullptr;
    // remote_frees_ when the full list was last reclaimed, and when
    // trim_remote_frees() last looked.
    std::uint64_t remote_frees_seen = 0;
    std::uint64_t remote_frees_trimmed = 0;
  };

  enum class Watch : std::uint8_t { none, watching, telling };

  void tell_watcher() noexcept;
  void *allocate_slow(std::uint32_t index);
  /// Reclaims the remote frees of every slab on `list`, destroying those
  /// left empty and moving full ones that got room to the available list.
  static void trim_list(SizeClass &size_class, Slab::List list) noexcept;
  static void trim_lists(SizeClass &size_class) noexcept;
  /// Unlists and returns an available slab with room, or nullptr.
  Slab *take_available(SizeClass &size_class) noexcept;
  static void link(SizeClass &size_class, Slab &slab, Slab::List list) noexcept;
  static void unlink(SizeClass &size_class, Slab &slab) noexcept;
  static Slab *&head(SizeClass &size_class, Slab::List list) noexcept;

  std::array<SizeClass, kClasses> classes_{};
  // Bumped each time a slab of the class gets its first remote free since
  // it was last reclaimed.
  std::array<std::atomic<std::uint64_t>, kClasses> remote_frees_{};
  // The owner's watch for remote frees: the freeing thread that moves it
  // from watching to telling tells watcher_, then sets it to none.
  std::atomic<Watch> watch_{Watch::none};
  RemoteFreeWatcher *watcher_ = nullptr;
  // The owner's: whether it started a watch it has not ended yet.
  bool watch_started_ = false;
};

} // namespace corolint::rt::detail
