#include "corolint/rt/cancelled.h"
#include "corolint/rt/join_handle.h"
#include "corolint/rt/mutex.h"
#include "corolint/rt/notify.h"
#include "corolint/rt/runtime.h"
#include "corolint/rt/rw_lock.h"
#include "corolint/rt/semaphore.h"
#include "corolint/rt/spawn.h"
#include "corolint/rt/yield_now.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace corolint::rt {
namespace {

// Many tasks on four workers; some are aborted at random points while they
// wait or hold access. Every acquisition is counted: none may be lost (the
// totals add up and the primitive is free at the end) and none duplicated
// (the holders never overlap beyond the limit).

constexpr int kTasks = 64;
constexpr int kRounds = 100;

/// Counts itself in `count` while alive, so that a holder aborted while it
/// holds access is counted out when its frame is destroyed.
template <class Int> class Occupant {
public:
  Occupant(std::atomic<Int> &count, Int weight, Int *after) noexcept
      : count_(&count), weight_(weight) {
    *after = count.fetch_add(weight) + weight;
  }
  Occupant(const Occupant &) = delete;
  Occupant &operator=(const Occupant &) = delete;
  ~Occupant() { count_->fetch_sub(weight_); }

private:
  std::atomic<Int> *count_;
  Int weight_;
};

Runtime four_workers() {
  return Runtime::Builder::multi_thread().worker_threads(4).build();
}

Task<void> await_all(std::vector<JoinHandle<void>> handles, int *cancelled) {
  for (JoinHandle<void> &handle : handles) {
    try {
      co_await handle;
    } catch (const Cancelled &) {
      ++*cancelled;
    }
  }
}

struct MutexStress {
  Mutex<std::int64_t> counter{0};
  std::atomic<int> inside{0};
  std::atomic<bool> overlap{false};
  std::atomic<std::int64_t> completed{0};
};

Task<void> increment(MutexStress *stress, bool forever) {
  for (int round = 0; forever || round < kRounds; ++round) {
    MutexGuard<std::int64_t> guard = co_await stress->counter.lock();
    int inside = 0;
    const Occupant occupant(stress->inside, 1, &inside);
    if (inside != 1)
      stress->overlap.store(true);
    const std::int64_t before = *guard;
    if (round % 7 == 0)
      co_await yield_now();
    *guard = before + 1;
    if (!forever)
      stress->completed.fetch_add(1);
  }
}

Task<bool> mutex_stress(MutexStress *stress) {
  std::vector<JoinHandle<void>> finite;
  std::vector<JoinHandle<void>> doomed;
  for (int i = 0; i < kTasks; ++i) {
    finite.push_back(spawn(increment(stress, false)));
    if (i % 4 == 0)
      doomed.push_back(spawn(increment(stress, true)));
  }
  for (int i = 0; i < 50; ++i)
    co_await yield_now();
  for (JoinHandle<void> &handle : doomed)
    handle.abort();
  int cancelled = 0;
  co_await await_all(std::move(finite), &cancelled);
  co_await await_all(std::move(doomed), &cancelled);
  std::optional<MutexGuard<std::int64_t>> guard = stress->counter.try_lock();
  // The aborted tasks' increments are counted by the mutex value only.
  co_return cancelled == kTasks / 4 && guard.has_value() &&
      **guard >= stress->completed.load();
}

TEST(SyncStress, MutexNeitherLosesNorDuplicatesTheLock) {
  Runtime rt = four_workers();
  MutexStress stress;
  EXPECT_TRUE(rt.block_on(mutex_stress(&stress)));
  EXPECT_FALSE(stress.overlap.load());
  EXPECT_EQ(stress.completed.load(), std::int64_t{kTasks} * kRounds);
}

struct SemaphoreStress {
  static constexpr std::size_t kPermits = 5;
  Semaphore semaphore{kPermits};
  std::atomic<std::size_t> holding{0};
  std::atomic<std::size_t> most{0};
  std::atomic<std::int64_t> acquisitions{0};
};

Task<void> take_permits(SemaphoreStress *stress, std::size_t count,
                        bool forever) {
  for (int round = 0; forever || round < kRounds; ++round) {
    SemaphorePermit permit = co_await stress->semaphore.acquire_many(count);
    std::size_t now = 0;
    const Occupant occupant(stress->holding, count, &now);
    std::size_t most = stress->most.load();
    while (now > most && !stress->most.compare_exchange_weak(most, now)) {
    }
    if (round % 5 == 0)
      co_await yield_now();
    if (!forever)
      stress->acquisitions.fetch_add(1);
  }
}

Task<bool> semaphore_stress(SemaphoreStress *stress) {
  std::vector<JoinHandle<void>> finite;
  std::vector<JoinHandle<void>> doomed;
  for (int i = 0; i < kTasks; ++i) {
    finite.push_back(spawn(take_permits(stress, 1 + i % 3, false)));
    if (i % 4 == 0)
      doomed.push_back(spawn(take_permits(stress, 2, true)));
  }
  for (int i = 0; i < 50; ++i)
    co_await yield_now();
  for (JoinHandle<void> &handle : doomed)
    handle.abort();
  int cancelled = 0;
  co_await await_all(std::move(finite), &cancelled);
  co_await await_all(std::move(doomed), &cancelled);
  co_return cancelled == kTasks / 4;
}

TEST(SyncStress, SemaphoreNeitherLosesNorDuplicatesPermits) {
  Runtime rt = four_workers();
  SemaphoreStress stress;
  EXPECT_TRUE(rt.block_on(semaphore_stress(&stress)));
  EXPECT_LE(stress.most.load(), SemaphoreStress::kPermits);
  EXPECT_EQ(stress.acquisitions.load(), std::int64_t{kTasks} * kRounds);
  EXPECT_EQ(stress.semaphore.available_permits(), SemaphoreStress::kPermits);
}

struct RwLockStress {
  RwLock<std::int64_t> lock{0};
  std::atomic<int> readers{0};
  std::atomic<int> writers{0};
  std::atomic<bool> violated{false};
  std::atomic<std::int64_t> reads{0};
};

Task<void> read_or_write(RwLockStress *stress, bool write) {
  for (int round = 0; round < kRounds; ++round) {
    if (write) {
      RwLockWriteGuard<std::int64_t> guard = co_await stress->lock.write();
      if (stress->writers.fetch_add(1) != 0 || stress->readers.load() != 0)
        stress->violated.store(true);
      ++*guard;
      if (round % 9 == 0)
        co_await yield_now();
      stress->writers.fetch_sub(1);
    } else {
      RwLockReadGuard<std::int64_t> guard = co_await stress->lock.read();
      stress->readers.fetch_add(1);
      if (stress->writers.load() != 0)
        stress->violated.store(true);
      if (round % 9 == 0)
        co_await yield_now();
      stress->readers.fetch_sub(1);
      stress->reads.fetch_add(1);
    }
  }
}

Task<std::int64_t> rw_lock_stress(RwLockStress *stress) {
  std::vector<JoinHandle<void>> handles;
  handles.reserve(kTasks);
  for (int i = 0; i < kTasks; ++i)
    handles.push_back(spawn(read_or_write(stress, i % 4 == 0)));
  int cancelled = 0;
  co_await await_all(std::move(handles), &cancelled);
  RwLockReadGuard<std::int64_t> guard = co_await stress->lock.read();
  co_return *guard;
}

TEST(SyncStress, RwLockKeepsWritersExclusive) {
  Runtime rt = four_workers();
  RwLockStress stress;
  EXPECT_EQ(rt.block_on(rw_lock_stress(&stress)),
            std::int64_t{kTasks / 4} * kRounds);
  EXPECT_FALSE(stress.violated.load());
  EXPECT_EQ(stress.reads.load(), std::int64_t{kTasks - kTasks / 4} * kRounds);
}

struct NotifyStress {
  Notify notify;
  std::atomic<std::int64_t> received{0};
};

Task<void> consume(NotifyStress *stress, int count) {
  for (int i = 0; i < count; ++i) {
    co_await stress->notify.notified();
    stress->received.fetch_add(1);
  }
}

Task<bool> notify_stress(NotifyStress *stress) {
  // One consumer, many producers: each notification is either taken by the
  // waiting consumer or stored as the permit, so with a handshake per round
  // none is lost.
  constexpr int kNotifications = 2000;
  JoinHandle<void> consumer = spawn(consume(stress, kNotifications));
  for (int i = 0; i < kNotifications; ++i) {
    stress->notify.notify_one();
    while (stress->received.load() < i + 1)
      co_await yield_now();
  }
  co_await consumer;
  co_return stress->received.load() == kNotifications;
}

TEST(SyncStress, NotifyOneIsNeverLost) {
  Runtime rt = four_workers();
  NotifyStress stress;
  EXPECT_TRUE(rt.block_on(notify_stress(&stress)));
}

} // namespace
} // namespace corolint::rt
