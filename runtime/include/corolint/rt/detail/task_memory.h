#pragma once

#include <cstddef>
#include <new>

namespace corolint::rt::detail {

/// Memory for coroutine frames and task headers: small blocks come from
/// per-thread slabs, so that allocating one is a few instructions and a
/// block freed on another thread goes back to the thread that allocated it
/// without a lock. Larger blocks come from the global operator new.
///
/// `size` must be the same when freeing as when allocating. Under
/// AddressSanitizer every block comes from the global operator new, so that
/// use after free is still caught.
void *allocate_task_memory(std::size_t size);
void free_task_memory(void *block, std::size_t size) noexcept;

/// Takes back the blocks other threads freed into this thread's slabs and
/// releases the slabs left empty, for a thread that is about to idle. Costs
/// little when nothing was freed.
void trim_task_memory() noexcept;

/// Told when another thread frees task memory into the slabs of a thread
/// that watches for that with watch_remote_frees().
class RemoteFreeWatcher {
public:
  /// Runs on the freeing thread, at most once per watch. It must not free
  /// or allocate task memory, nor wait for the watching thread.
  virtual void on_remote_free() noexcept = 0;

protected:
  ~RemoteFreeWatcher() = default;
};

/// For a thread about to idle, after trim_task_memory(): has `watcher` told
/// when another thread next frees task memory into this thread's slabs, so
/// that it can trim again, rather than look from time to time. Returns
/// false, watching nothing, if some was freed since the last trim.
bool watch_remote_frees(RemoteFreeWatcher &watcher) noexcept;

/// Ends this thread's watch, if any: once it returns, the watcher is not
/// called and no longer in use. Returns whether it was told.
bool end_remote_free_watch() noexcept;

/// How many slabs exist in the whole process; for tests.
std::size_t live_task_memory_slabs() noexcept;

/// Gives a class's objects task memory: derive from it.
struct TaskMemoryAllocated {
  static void *operator new(std::size_t size) {
    return allocate_task_memory(size);
  }
  static void operator delete(void *block, std::size_t size) noexcept {
    free_task_memory(block, size);
  }
  // Over-aligned objects keep the global allocator.
  static void *operator new(std::size_t size, std::align_val_t alignment) {
    return ::operator new(size, alignment);
  }
  static void operator delete(void *block, std::size_t size,
                              std::align_val_t alignment) noexcept {
    ::operator delete(block, size, alignment);
  }
};

} // namespace corolint::rt::detail
