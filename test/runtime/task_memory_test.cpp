#include "corolint/rt/detail/task_memory.h"

#include "corolint/rt/join_handle.h"
#include "corolint/rt/runtime.h"
#include "corolint/rt/spawn.h"
#include "corolint/rt/task.h"
#include "corolint/rt/yield_now.h"
#include "slab.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <latch>
#include <mutex>
#include <random>
#include <semaphore>
#include <thread>
#include <vector>

namespace corolint::rt {
namespace {

using detail::allocate_task_memory;
using detail::free_task_memory;
using detail::live_task_memory_slabs;
using detail::trim_task_memory;

struct Block {
  void *address = nullptr;
  std::size_t size = 0;
  std::uint8_t tag = 0;
};

Block allocate(std::size_t size, std::uint8_t tag) {
  Block block{allocate_task_memory(size), size, tag};
  std::memset(block.address, tag, size);
  return block;
}

bool intact(const Block &block) {
  const auto *bytes = static_cast<const std::uint8_t *>(block.address);
  for (std::size_t i = 0; i < block.size; ++i)
    if (bytes[i] != block.tag)
      return false;
  return true;
}

void release(const Block &block) {
  free_task_memory(block.address, block.size);
}

void expect_intact_and_release(const std::vector<Block> &blocks) {
  for (const Block &block : blocks) {
    EXPECT_TRUE(intact(block));
    release(block);
  }
}

// Under AddressSanitizer task memory comes from the global allocator.
bool uses_slabs() {
  void *probe = allocate_task_memory(32);
  const bool slabs = live_task_memory_slabs() != 0;
  free_task_memory(probe, 32);
  return slabs;
}

// Tests of how slabs are used and released.
class TaskMemorySlabs : public ::testing::Test {
protected:
  void SetUp() override {
    if (!uses_slabs())
      GTEST_SKIP() << "task memory comes from the global allocator here";
  }
};

TEST(TaskMemory, BlocksAreAlignedAndKeepTheirContents) {
  std::mt19937 random(7);
  std::uniform_int_distribution<std::size_t> size(1, 1500);
  std::vector<Block> blocks;
  for (int i = 0; i < 20000; ++i) {
    blocks.push_back(allocate(size(random), static_cast<std::uint8_t>(i)));
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(blocks.back().address) % 16,
              0U);
  }
  // Free every other block, allocate again into the holes, then check that
  // no block was handed out twice.
  for (std::size_t i = 0; i < blocks.size(); i += 2)
    release(blocks[i]);
  for (std::size_t i = 0; i < blocks.size(); i += 2)
    blocks[i] = allocate(blocks[i].size, static_cast<std::uint8_t>(i + 1));
  expect_intact_and_release(blocks);
}

TEST_F(TaskMemorySlabs, AFreedBlockIsReusedByItsThread) {
  void *first = allocate_task_memory(96);
  free_task_memory(first, 96);
  void *second = allocate_task_memory(90);
  EXPECT_EQ(first, second);
  free_task_memory(second, 90);
}

TEST_F(TaskMemorySlabs, EmptySlabsAreReleased) {
  const std::size_t before = live_task_memory_slabs();
  std::vector<Block> blocks(100000);
  for (Block &block : blocks)
    block = allocate(128, 1);
  EXPECT_GE(live_task_memory_slabs(),
            before + blocks.size() * 128 / detail::Slab::kBytes);
  for (const Block &block : blocks)
    release(block);
  // The slab blocks are taken from stays; every other one is freed.
  EXPECT_LE(live_task_memory_slabs(), before + 1);
}

TEST_F(TaskMemorySlabs, BlocksFreedOnAnotherThreadGoBackToTheirSlabs) {
  constexpr int kBlocks = 50000;
  std::vector<Block> blocks(kBlocks);
  for (Block &block : blocks)
    block = allocate(48, 2);
  const std::size_t with_blocks = live_task_memory_slabs();
  std::thread([&] {
    for (const Block &block : blocks) {
      EXPECT_TRUE(intact(block));
      release(block);
    }
  }).join();
  // The remote frees are reclaimed instead of new slabs being made.
  for (Block &block : blocks)
    block = allocate(48, 3);
  EXPECT_LE(live_task_memory_slabs(), with_blocks);
  expect_intact_and_release(blocks);
}

TEST_F(TaskMemorySlabs, BlocksOutliveTheThreadThatAllocatedThem) {
  const std::size_t before = live_task_memory_slabs();
  std::vector<Block> blocks;
  std::thread([&] {
    for (int i = 0; i < 20000; ++i)
      blocks.push_back(allocate(64, 4));
  }).join();
  expect_intact_and_release(blocks);
  // The next thread takes over the ended thread's slabs, and when it ends
  // the slabs emptied meanwhile are released.
  std::thread([] { release(allocate(64, 5)); }).join();
  EXPECT_LE(live_task_memory_slabs(), before);
}

TEST(TaskMemory, ThreadsPassingBlocksToEachOtherLoseNothing) {
  constexpr int kThreads = 4;
  constexpr int kRounds = 20000;
  std::mutex mutex;
  std::vector<Block> shared;
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      std::mt19937 random(static_cast<unsigned>(t));
      std::uniform_int_distribution<std::size_t> size(1, 1100);
      for (int i = 0; i < kRounds; ++i) {
        Block mine = allocate(size(random), static_cast<std::uint8_t>(t + i));
        Block theirs;
        {
          const std::lock_guard lock(mutex);
          shared.push_back(mine);
          const std::size_t pick = random() % shared.size();
          theirs = shared[pick];
          shared[pick] = shared.back();
          shared.pop_back();
        }
        EXPECT_TRUE(intact(theirs));
        release(theirs);
      }
    });
  for (std::thread &thread : threads)
    thread.join();
  expect_intact_and_release(shared);
}

struct LiveSlabs {
  std::size_t allocated = 0;
  std::size_t after_trims = 0;
};

// An owner thread allocates `count` blocks of 80 bytes; this thread frees
// them in `waves` waves, every waves-th block each, and the owner trims
// after each wave. Counts the live slabs once the owner has allocated and
// after its last trim.
LiveSlabs trim_after_waves_of_remote_frees(std::size_t count,
                                           std::size_t waves,
                                           std::uint8_t tag) {
  std::vector<Block> blocks(count);
  std::binary_semaphore owner_done(0);
  std::binary_semaphore wave_freed(0);
  LiveSlabs live;
  std::thread owner([&] {
    for (Block &block : blocks)
      block = allocate(80, tag);
    owner_done.release();
    for (std::size_t wave = 0; wave < waves; ++wave) {
      wave_freed.acquire();
      trim_task_memory();
      live.after_trims = live_task_memory_slabs();
      owner_done.release();
    }
  });
  owner_done.acquire();
  live.allocated = live_task_memory_slabs();
  for (std::size_t wave = 0; wave < waves; ++wave) {
    for (std::size_t i = wave; i < blocks.size(); i += waves)
      release(blocks[i]);
    wave_freed.release();
    owner_done.acquire();
  }
  owner.join();
  return live;
}

TEST_F(TaskMemorySlabs, TrimmingTakesBackWhatOtherThreadsFreed) {
  const std::size_t before = live_task_memory_slabs();
  const LiveSlabs live = trim_after_waves_of_remote_frees(20000, 1, 9);
  EXPECT_GT(live.allocated, before + 10);
  // The slab blocks are taken from stays until the thread ends.
  EXPECT_LE(live.after_trims, before + 1);
}

struct CountingWatcher final : detail::RemoteFreeWatcher {
  std::atomic<int> told{0};
  void on_remote_free() noexcept override { told.fetch_add(1); }
};

// On a thread of its own, so that no other thread frees into its slabs.
TEST_F(TaskMemorySlabs, AWatchIsToldOfTheFirstRemoteFreeOnly) {
  std::thread([] {
    // Two sizes, so that each free is the first into its slab.
    void *small = allocate_task_memory(64);
    void *large = allocate_task_memory(512);
    trim_task_memory();
    CountingWatcher watcher;
    ASSERT_TRUE(detail::watch_remote_frees(watcher));
    std::thread([&] {
      free_task_memory(small, 64);
      free_task_memory(large, 512);
    }).join();
    EXPECT_EQ(watcher.told.load(), 1);
    EXPECT_TRUE(detail::end_remote_free_watch());
    EXPECT_FALSE(detail::end_remote_free_watch());
  }).join();
}

TEST_F(TaskMemorySlabs, AWatchStartsOnlyOnceWhatWasFreedIsTrimmed) {
  std::thread([] {
    void *first = allocate_task_memory(64);
    void *second = allocate_task_memory(512);
    trim_task_memory();
    std::thread([&] { free_task_memory(first, 64); }).join();
    CountingWatcher watcher;
    EXPECT_FALSE(detail::watch_remote_frees(watcher));
    EXPECT_FALSE(detail::end_remote_free_watch());
    trim_task_memory();
    ASSERT_TRUE(detail::watch_remote_frees(watcher));
    EXPECT_FALSE(detail::end_remote_free_watch());
    // An ended watch is told nothing.
    std::thread([&] { free_task_memory(second, 512); }).join();
    EXPECT_EQ(watcher.told.load(), 0);
  }).join();
}

Task<int> tiny() { co_return 1; }

Task<std::vector<JoinHandle<int>>> spawn_tiny_tasks(std::size_t count) {
  std::vector<JoinHandle<int>> handles;
  handles.reserve(count);
  for (std::size_t i = 0; i < count; ++i)
    handles.push_back(spawn(tiny()));
  for (JoinHandle<int> &handle : handles)
    co_await handle;
  co_return handles;
}

TEST_F(TaskMemorySlabs, TrimmingTakesBackWhatOtherThreadsFreedInWaves) {
  const std::size_t before = live_task_memory_slabs();
  // The owner counts the first wave back, which must not keep it from
  // noticing the second.
  const LiveSlabs live = trim_after_waves_of_remote_frees(20000, 2, 10);
  // The slab blocks are taken from stays until the thread ends.
  EXPECT_LE(live.after_trims, before + 1);
}

TEST_F(TaskMemorySlabs, AnIdleWorkerTakesBackWhatOtherThreadsFreed) {
  Runtime runtime = Runtime::Builder::multi_thread().worker_threads(1).build();
  const std::size_t before = live_task_memory_slabs();
  // The task headers are allocated on the worker and freed here, after the
  // worker went idle; nothing wakes it afterwards.
  runtime.block_on(spawn_tiny_tasks(100000)).clear();
  EXPECT_GT(live_task_memory_slabs(), before + 100);
  EXPECT_TRUE(testing::wait_until(
      [before] { return live_task_memory_slabs() <= before + 10; }));
}

TEST_F(TaskMemorySlabs, AnIdleWorkerTakesBackWhatIsFreedAfterItTrimmed) {
  Runtime runtime = Runtime::Builder::multi_thread().worker_threads(1).build();
  const std::size_t before = live_task_memory_slabs();
  std::vector<JoinHandle<int>> handles =
      runtime.block_on(spawn_tiny_tasks(90000));
  const std::size_t with_headers = live_task_memory_slabs() - before;
  ASSERT_GT(with_headers, 90U);
  // The worker, idle from here on, allocated the task headers; this thread
  // frees them in waves, each once the previous one was taken back, so that
  // every wave needs a trim after the one before: more than the worker does
  // right after it parked and once a while later.
  constexpr std::size_t kWaves = 3;
  const std::size_t per_wave = handles.size() / kWaves;
  for (std::size_t wave = 1; wave <= kWaves; ++wave) {
    handles.erase(handles.end() - static_cast<std::ptrdiff_t>(per_wave),
                  handles.end());
    // Each wave empties a third of the slabs the headers took; the slabs at
    // the waves' borders, those blocks are taken from and a few more may stay.
    const std::size_t left = with_headers * (kWaves - wave) / kWaves + 10;
    ASSERT_TRUE(testing::wait_until(
        [&] { return live_task_memory_slabs() <= before + left; }))
        << "wave " << wave;
  }
}

Task<int> count_done(std::atomic<int> *done) {
  ++*done;
  co_return 1;
}

Task<bool> wait_for(const std::atomic<int> *done, int count) {
  co_return co_await testing::yield_until(
      [done, count] { return done->load() == count; });
}

TEST_F(TaskMemorySlabs, BlockOnTakesBackWhatWorkersFreedIntoTheCallersSlabs) {
  Runtime runtime = Runtime::Builder::multi_thread().worker_threads(1).build();
  const std::size_t before = live_task_memory_slabs();
  std::size_t after_block_on = 0;
  // A thread of its own, so that the slabs the tasks come from are its own.
  std::thread([&] {
    constexpr int kTasks = 20000;
    std::atomic<int> done{0};
    for (int i = 0; i < kTasks; ++i)
      runtime.spawn(count_done(&done)); // detached; freed on the worker
    EXPECT_TRUE(runtime.block_on(wait_for(&done, kTasks)));
    after_block_on = live_task_memory_slabs();
  }).join();
  EXPECT_LE(after_block_on, before + 4);
}

Task<std::uintptr_t> over_aligned_local() {
  // Lives in the frame, since it is used after a suspension.
  alignas(64) std::array<char, 64> buffer{};
  co_await yield_now();
  co_return reinterpret_cast<std::uintptr_t>(buffer.data());
}

TEST(TaskMemory, CoroutineFramesKeepTheAlignmentOfTheirLocals) {
  Runtime runtime = Runtime::Builder::current_thread().build();
  EXPECT_EQ(runtime.block_on(over_aligned_local()) % 64, 0U);
}

TEST_F(TaskMemorySlabs, AThreadTakesOverTheSlabsOfOneThatEnded) {
  // The ending thread's slab for the size is exactly full.
  std::vector<void *> blocks;
  std::thread([&] {
    do
      blocks.push_back(allocate_task_memory(64));
    while (detail::Slab::of(blocks.back())->has_room());
  }).join();
  void *next = nullptr;
  std::thread([&] { next = allocate_task_memory(64); }).join();
  EXPECT_NE(next, nullptr);
  free_task_memory(next, 64);
  for (void *block : blocks)
    free_task_memory(block, 64);
}

TEST_F(TaskMemorySlabs, SlabsEmptiedAfterTheirThreadsEndedAreReleased) {
  const std::size_t before = live_task_memory_slabs();
  // Two threads alive at once, so that each has a cache of its own.
  std::latch both_allocated(2);
  std::vector<std::vector<Block>> blocks(2, std::vector<Block>(5000));
  std::vector<std::thread> threads;
  threads.reserve(blocks.size());
  for (std::vector<Block> &mine : blocks)
    threads.emplace_back([&] {
      for (Block &block : mine)
        block = allocate(200, 6);
      both_allocated.arrive_and_wait();
    });
  for (std::thread &thread : threads)
    thread.join();
  for (const std::vector<Block> &mine : blocks)
    for (const Block &block : mine)
      release(block);
  // Both caches are idle now; the next thread to take one reclaims both.
  std::thread([] { release(allocate(200, 7)); }).join();
  EXPECT_LE(live_task_memory_slabs(), before);
}

} // namespace
} // namespace corolint::rt
