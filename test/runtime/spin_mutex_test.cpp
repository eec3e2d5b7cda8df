#include "corolint/rt/detail/spin_mutex.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

namespace corolint::rt::detail {
namespace {

TEST(SpinMutex, ExcludesOtherThreads) {
  constexpr int kThreads = 4;
  constexpr int kIncrements = 100000;
  SpinMutex mutex;
  long counter = 0; // Guarded by mutex; a race shows as a lost increment.
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < kIncrements; ++i) {
        const std::lock_guard lock(mutex);
        ++counter;
      }
    });
  for (std::thread &thread : threads)
    thread.join();
  EXPECT_EQ(counter, long{kThreads} * kIncrements);
}

TEST(SpinMutex, TryLockFailsWhileHeld) {
  SpinMutex mutex;
  ASSERT_TRUE(mutex.try_lock());
  bool acquired_elsewhere = true;
  std::thread([&] { acquired_elsewhere = mutex.try_lock(); }).join();
  EXPECT_FALSE(acquired_elsewhere);
  mutex.unlock();
  std::thread([&] {
    acquired_elsewhere = mutex.try_lock();
    if (acquired_elsewhere)
      mutex.unlock();
  }).join();
  EXPECT_TRUE(acquired_elsewhere);
}

TEST(SpinMutex, AThreadThatStoppedSpinningIsWokenByUnlock) {
  SpinMutex mutex;
  mutex.lock();
  std::atomic<bool> acquired{false};
  std::thread waiter([&] {
    mutex.lock();
    acquired = true;
    mutex.unlock();
  });
  // Long past its spinning: the waiter sleeps in the kernel by now.
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_FALSE(acquired);
  mutex.unlock();
  waiter.join();
  EXPECT_TRUE(acquired);
}

} // namespace
} // namespace corolint::rt::detail
