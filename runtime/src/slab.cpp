#include "slab.h"

#include "corolint/rt/detail/task_memory.h"

namespace corolint::rt::detail {
namespace {

std::atomic<std::size_t> live_slabs{0};

// Blocks start on a cache line of their own.
constexpr std::size_t kHeaderBytes = (sizeof(Slab) + 63) / 64 * 64;

} // namespace

Slab::Slab(SlabCache &owner, std::uint32_t size_class,
           std::size_t block_size) noexcept
    : owner_(&owner), size_class_(size_class),
      block_size_(static_cast<std::uint32_t>(block_size)),
      unused_bytes_(static_cast<std::uint32_t>((kBytes - kHeaderBytes) /
                                               block_size * block_size)) {}

Slab *Slab::create(SlabCache &owner, std::uint32_t size_class,
                   std::size_t block_size) {
  void *memory = ::operator new(kBytes, std::align_val_t{kBytes});
  live_slabs.fetch_add(1, std::memory_order_relaxed);
  return new (memory) Slab(owner, size_class, block_size);
}

void Slab::destroy(Slab *slab) noexcept {
  slab->~Slab();
  ::operator delete(static_cast<void *>(slab), kBytes,
                    std::align_val_t{kBytes});
  live_slabs.fetch_sub(1, std::memory_order_relaxed);
}

bool Slab::reclaim_remote() noexcept {
  if (remote_count_.load(std::memory_order_relaxed) != 0)
    used_ -= remote_count_.exchange(0, std::memory_order_acquire);
  return remote_free_.load(std::memory_order_relaxed) != nullptr;
}

std::size_t live_task_memory_slabs() noexcept {
  return live_slabs.load(std::memory_order_relaxed);
}

} // namespace corolint::rt::detail
