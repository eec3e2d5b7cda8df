#include "corolint/rt/rw_lock.h"

#include "corolint/rt/cancelled.h"
#include "corolint/rt/join_handle.h"
#include "corolint/rt/runtime.h"
#include "corolint/rt/spawn.h"
#include "corolint/rt/yield_now.h"
#include "present.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <atomic>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace corolint::rt {
namespace {

using testing::Flavor;
using testing::present;
using testing::yield_until;

class RwLockOrderTest : public ::testing::TestWithParam<Flavor> {
protected:
  Runtime runtime_ = testing::build_runtime(GetParam());
};

INSTANTIATE_TEST_SUITE_P(
    Sequential, RwLockOrderTest,
    ::testing::Values(Flavor::current_thread, Flavor::one_worker),
    [](const auto &info) { return testing::flavor_name(info.param); });

TEST(RwLock, ReadersShareWritersExclude) {
  RwLock<int> lock(1);
  {
    std::optional<RwLockReadGuard<int>> first = lock.try_read();
    std::optional<RwLockReadGuard<int>> second = lock.try_read();
    ASSERT_TRUE(first && second);
    EXPECT_EQ(*present(first) + *present(second), 2);
    EXPECT_FALSE(lock.try_write());
  }
  {
    std::optional<RwLockWriteGuard<int>> writer = lock.try_write();
    ASSERT_TRUE(writer);
    *present(writer) = 5;
    EXPECT_FALSE(lock.try_read());
    EXPECT_FALSE(lock.try_write());
    RwLockWriteGuard<int> moved = std::move(present(writer));
  }
  EXPECT_EQ(*present(lock.try_read()), 5);
}

struct Log {
  std::vector<std::string> events;
  std::atomic<int> queued{0};
  std::vector<JoinHandle<void>> handles;
  int cancelled = 0;
};

Task<void> reader(RwLock<int> *lock, Log *log, std::string name) {
  log->queued.fetch_add(1);
  RwLockReadGuard<int> guard = co_await lock->read();
  log->events.push_back(name);
}

Task<void> writer(RwLock<int> *lock, Log *log, std::string name) {
  log->queued.fetch_add(1);
  RwLockWriteGuard<int> guard = co_await lock->write();
  ++*guard;
  log->events.push_back(name);
}

Task<void> spawn_queued(Log *log, Task<void> task) {
  const int expected = log->queued.load() + 1;
  log->handles.push_back(spawn(std::move(task)));
  co_await yield_until(
      [log, expected] { return log->queued.load() == expected; });
}

Task<void> join_all(Log *log) {
  for (JoinHandle<void> &handle : log->handles) {
    try {
      co_await handle;
    } catch (const Cancelled &) {
      ++log->cancelled;
    }
  }
}

Task<std::vector<std::string>> writer_preferred() {
  RwLock<int> lock(0);
  Log log;
  std::optional<RwLockReadGuard<int>> held = lock.try_read();
  co_await spawn_queued(&log, writer(&lock, &log, "w1"));
  // A writer waits: a reader coming later queues behind it although the
  // lock is only read-locked.
  const bool blocked = !lock.try_read().has_value();
  co_await spawn_queued(&log, reader(&lock, &log, "r1"));
  co_await spawn_queued(&log, reader(&lock, &log, "r2"));
  co_await spawn_queued(&log, writer(&lock, &log, "w2"));
  held.reset();
  co_await join_all(&log);
  if (!blocked || *present(lock.try_read()) != 2)
    co_return {};
  co_return log.events;
}

TEST_P(RwLockOrderTest, AWaitingWriterHoldsBackLaterReaders) {
  EXPECT_EQ(runtime_.block_on(writer_preferred()),
            (std::vector<std::string>{"w1", "r1", "r2", "w2"}));
}

Task<std::vector<std::string>> abort_waiting_writer() {
  RwLock<int> lock(0);
  Log log;
  std::optional<RwLockReadGuard<int>> held = lock.try_read();
  co_await spawn_queued(&log, writer(&lock, &log, "w1"));
  co_await spawn_queued(&log, reader(&lock, &log, "r1"));
  // The writer gives up: the reader behind it shares the lock right away.
  log.handles[0].abort();
  const bool shared =
      co_await yield_until([&log] { return log.events.size() == 1; });
  held.reset();
  co_await join_all(&log);
  if (!shared || !lock.try_write())
    co_return {};
  co_return log.events;
}

TEST_P(RwLockOrderTest, AnAbortedWriterLetsTheReadersBehindItIn) {
  EXPECT_EQ(runtime_.block_on(abort_waiting_writer()),
            (std::vector<std::string>{"r1"}));
}

} // namespace
} // namespace corolint::rt
