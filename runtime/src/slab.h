#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <new>

namespace corolint::rt::detail {

class SlabCache;

/// A region of kBytes, aligned to its size, cut into blocks of one size.
/// Its owner, one SlabCache, takes blocks from it and puts its own frees
/// back without atomics; other threads push their frees onto a lock-free
/// list and count them. The owner takes the counts back to know when the
/// slab is empty, and the list itself in one go once it has no other
/// block left: walking it block by block would wait for each block's cache
/// line in turn.
class Slab {
  struct FreeBlock {
    FreeBlock *next;
  };

  static constexpr std::size_t kLine = 64;

  // Three cache lines: what other threads write, what they read, and what
  // the owner changes on every block it takes. Written by other threads:
  std::atomic<FreeBlock *> remote_free_{nullptr};
  std::atomic<std::uint32_t> remote_count_{0};
  [[maybe_unused]] std::byte remote_padding_[kLine - sizeof(remote_free_) -
                                             sizeof(remote_count_)]{};

public:
  // Small enough that glibc serves it from its heap rather than with a
  // mmap of its own, even with the alignment slack.
  static constexpr std::size_t kBytes = std::size_t{32} << 10;

  static Slab *create(SlabCache &owner, std::uint32_t size_class,
                      std::size_t block_size);
  static void destroy(Slab *slab) noexcept;
  /// The slab a block of it lies in.
  static Slab *of(void *block) noexcept {
    const std::size_t offset =
        reinterpret_cast<std::uintptr_t>(block) & (kBytes - 1);
    return reinterpret_cast<Slab *>(static_cast<std::byte *>(block) - offset);
  }

  SlabCache &owner() const noexcept { return *owner_; }
  std::uint32_t size_class() const noexcept { return size_class_; }

  // Owner only.
  void *take() noexcept {
    if (FreeBlock *block = local_free_) {
      local_free_ = block->next;
      // Blocks on the list were often last written by another thread:
      // start fetching the next one for writing now, not when it is taken.
      prefetch_for_writing(local_free_);
      ++used_;
      return block;
    }
    if (unused_bytes_ >= block_size_) {
      void *block = end() - unused_bytes_;
      unused_bytes_ -= block_size_;
      ++used_;
      return block;
    }
    if (remote_free_.load(std::memory_order_relaxed) != nullptr) {
      // Acquire: pairs with the release of push_remote, so that the blocks'
      // links are seen.
      local_free_ = remote_free_.exchange(nullptr, std::memory_order_acquire);
      return take();
    }
    return nullptr;
  }
  void put(void *block) noexcept {
    local_free_ = new (block) FreeBlock{local_free_};
    --used_;
  }
  /// Takes back the count of the blocks other threads freed, leaving the
  /// blocks to take(); returns whether any are waiting there.
  bool reclaim_remote() noexcept;
  bool has_room() const noexcept {
    return local_free_ != nullptr || unused_bytes_ >= block_size_ ||
           remote_free_.load(std::memory_order_relaxed) != nullptr;
  }
  bool in_use() const noexcept { return used_ != 0; }

  /// Any thread but the owner's. Returns whether this is the first remote
  /// free since the owner last took the counts back. The slab may be
  /// destroyed as soon as this returns.
  bool push_remote(void *block) noexcept {
    auto *freed = new (block) FreeBlock{nullptr};
    FreeBlock *head = remote_free_.load(std::memory_order_relaxed);
    // Release: the owner that takes the block sees every write made to it
    // before it was freed. Once pushed, the block is the owner's: only the
    // local copy of the old head is read afterwards.
    do {
      freed->next = head;
    } while (!remote_free_.compare_exchange_weak(head, freed,
                                                 std::memory_order_release,
                                                 std::memory_order_relaxed));
    // Counted after the push, so the owner never counts a block as free
    // before it is; and last, so that once counted the slab is no longer
    // touched. Release: pairs with reclaim_remote(), after which the slab
    // may be destroyed.
    return remote_count_.fetch_add(1, std::memory_order_release) == 0;
  }

  enum class List : std::uint8_t { none, available, full };

private:
  Slab(SlabCache &owner, std::uint32_t size_class,
       std::size_t block_size) noexcept;
  std::byte *end() noexcept {
    return reinterpret_cast<std::byte *>(this) + kBytes;
  }
  void prefetch_for_writing(const void *block) const noexcept {
    if (block == nullptr)
      return;
    const auto *start = static_cast<const std::byte *>(block);
    const std::size_t into_line =
        reinterpret_cast<std::uintptr_t>(block) & (kLine - 1);
    for (const std::byte *line = start - into_line;
         line < start + block_size_; line += kLine)
      __builtin_prefetch(line, 1);
  }

  // Set once; read by every thread that frees a block.
  SlabCache *const owner_;
  const std::uint32_t size_class_;
  const std::uint32_t block_size_;
  [[maybe_unused]] std::byte shared_padding_[kLine - sizeof(SlabCache *) -
                                             2 * sizeof(std::uint32_t)]{};

  // The owner's.
  std::uint32_t used_ = 0;
  std::uint32_t unused_bytes_;
  FreeBlock *local_free_ = nullptr;

public:
  // The owner's lists of slabs of one size class.
  List list = List::none;
  Slab *prev = nullptr;
  Slab *next = nullptr;
};

} // namespace corolint::rt::detail
