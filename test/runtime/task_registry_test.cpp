#include "corolint/rt/detail/task_registry.h"

#include "corolint/rt/detail/task_header.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstddef>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace corolint::rt {
namespace {

using detail::TaskHeader;
using detail::TaskRegistry;

// A task header that only counts its destruction.
class CountedTask final : public TaskHeader {
public:
  explicit CountedTask(std::atomic<int> &destroyed) noexcept
      : TaskHeader(nullptr), destroyed_(destroyed) {}
  CountedTask(const CountedTask &) = delete;
  CountedTask &operator=(const CountedTask &) = delete;
  ~CountedTask() override { ++destroyed_; }
  void collect_outcome() noexcept override {}
  void drop_value() noexcept override {}

private:
  std::atomic<int> &destroyed_;
};

// Registers `count` new tasks; the registry holds their only references.
std::vector<TaskHeader *> register_tasks(TaskRegistry &registry, int count,
                                         std::atomic<int> &destroyed) {
  std::vector<TaskHeader *> tasks;
  for (int i = 0; i < count; ++i) {
    tasks.push_back(new CountedTask(destroyed));
    EXPECT_TRUE(registry.insert(tasks.back()));
  }
  return tasks;
}

std::size_t release_all_left(TaskRegistry &registry) {
  std::size_t left = 0;
  while (TaskHeader *task = registry.pop()) {
    task->release();
    ++left;
  }
  return left;
}

TEST(TaskRegistry, RemovalsAreReleasedWhenTheirBatchIsFull) {
  std::atomic<int> destroyed{0};
  TaskRegistry registry;
  const std::vector<TaskHeader *> tasks =
      register_tasks(registry, 100, destroyed);
  TaskRegistry::Removals removals(registry);
  for (int i = 0; i < 63; ++i)
    removals.add(tasks[i]);
  EXPECT_EQ(destroyed.load(), 0);
  removals.add(tasks[63]);
  EXPECT_EQ(destroyed.load(), 64);
  removals.add(tasks[64]);
  removals.flush();
  EXPECT_EQ(destroyed.load(), 65);
  EXPECT_EQ(release_all_left(registry), 35u);
  EXPECT_EQ(destroyed.load(), 100);
}

TEST(TaskRegistry, AClosedRegistryRefusesTasksAndHandsOverTheRest) {
  std::atomic<int> destroyed{0};
  TaskRegistry registry;
  const std::vector<TaskHeader *> tasks =
      register_tasks(registry, 10, destroyed);
  {
    TaskRegistry::Removals removals(registry);
    removals.add(tasks[3]);
    removals.add(tasks[7]);
  }
  EXPECT_EQ(destroyed.load(), 2);
  registry.close();
  auto *late = new CountedTask(destroyed);
  EXPECT_FALSE(registry.insert(late));
  late->release();
  EXPECT_EQ(release_all_left(registry), 8u);
  EXPECT_EQ(destroyed.load(), 11);
}

// Tasks registered on some threads and removed on others, as workers spawn
// tasks that other workers finish.
TEST(TaskRegistry, ThreadsRegisteringAndRemovingAtOnceLoseNothing) {
  constexpr int kSpawners = 3;
  constexpr int kFinishers = 2;
  // Every fifth task, from the first, stays registered until the end. The
  // others, 3 * 16'001 of them, are handed over: an odd number, so the
  // finishers cannot all end on a full batch, and their last flush counts.
  constexpr int kTasksPerSpawner = 20'002;
  constexpr int kKept = kSpawners * ((kTasksPerSpawner + 4) / 5);
  std::atomic<int> destroyed{0};
  TaskRegistry registry;
  std::mutex handover_mutex;
  std::deque<TaskHeader *> handover;
  std::atomic<int> spawners_left{kSpawners};
  std::vector<std::thread> threads;
  threads.reserve(kSpawners + kFinishers);
  for (int s = 0; s < kSpawners; ++s)
    threads.emplace_back([&] {
      for (int i = 0; i < kTasksPerSpawner; ++i) {
        auto *task = new CountedTask(destroyed);
        EXPECT_TRUE(registry.insert(task));
        if (i % 5 == 0)
          continue;
        const std::lock_guard lock(handover_mutex);
        handover.push_back(task);
      }
      spawners_left.fetch_sub(1, std::memory_order_release);
    });
  for (int f = 0; f < kFinishers; ++f)
    threads.emplace_back([&] {
      TaskRegistry::Removals removals(registry);
      for (;;) {
        // Read before looking at the queue: once every spawner was done,
        // all their tasks are queued, so an empty queue then means no more.
        const bool spawners_done =
            spawners_left.load(std::memory_order_acquire) == 0;
        TaskHeader *task = nullptr;
        {
          const std::lock_guard lock(handover_mutex);
          if (!handover.empty()) {
            task = handover.front();
            handover.pop_front();
          }
        }
        if (task != nullptr)
          removals.add(task);
        else if (spawners_done)
          break;
        else
          std::this_thread::yield();
      }
    });
  for (std::thread &thread : threads)
    thread.join();
  EXPECT_TRUE(handover.empty());
  constexpr int kTotal = kSpawners * kTasksPerSpawner;
  EXPECT_EQ(destroyed.load(), kTotal - kKept);
  registry.close();
  EXPECT_EQ(release_all_left(registry), static_cast<std::size_t>(kKept));
  EXPECT_EQ(destroyed.load(), kTotal);
}

} // namespace
} // namespace corolint::rt
