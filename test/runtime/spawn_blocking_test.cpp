#include "corolint/rt/spawn_blocking.h"

#include "corolint/rt/cancelled.h"
#include "corolint/rt/join_handle.h"
#include "corolint/rt/runtime.h"
#include "corolint/rt/yield_now.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <latch>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace corolint::rt {
namespace {

using namespace std::chrono_literals;
using testing::Flavor;
using testing::LiveCounter;
using testing::yield_until;

class SpawnBlockingTest : public ::testing::TestWithParam<Flavor> {
protected:
  Runtime runtime_ = testing::build_runtime(GetParam());
};

INSTANTIATE_TEST_SUITE_P(
    AllFlavors, SpawnBlockingTest, ::testing::ValuesIn(testing::all_flavors()),
    [](const auto &info) { return testing::flavor_name(info.param); });

Task<bool> value_on_another_thread() {
  const std::thread::id task_thread = std::this_thread::get_id();
  std::thread::id job_thread;
  const std::string value = co_await spawn_blocking([&job_thread] {
    job_thread = std::this_thread::get_id();
    return std::string("done");
  });
  co_return value == "done" && job_thread != task_thread;
}

TEST_P(SpawnBlockingTest, ReturnsTheValueFromAPoolThread) {
  EXPECT_TRUE(runtime_.block_on(value_on_another_thread()));
}

Task<void> rethrow() {
  co_await spawn_blocking([] { throw std::out_of_range("job"); });
}

TEST_P(SpawnBlockingTest, RethrowsTheJobsException) {
  EXPECT_THROW(runtime_.block_on(rethrow()), std::out_of_range);
}

Task<bool> tasks_run_while_a_job_blocks() {
  std::atomic<bool> released{false};
  JoinHandle<void> job = spawn_blocking([&released] {
    while (!released.load())
      std::this_thread::sleep_for(1ms);
  });
  // The task keeps running (even on a current-thread runtime) while the job
  // blocks its own thread, and it is what unblocks the job.
  co_await yield_now();
  released.store(true);
  co_await job;
  co_return true;
}

TEST_P(SpawnBlockingTest, DoesNotBlockTheRuntime) {
  EXPECT_TRUE(runtime_.block_on(tasks_run_while_a_job_blocks()));
}

TEST_P(SpawnBlockingTest, RuntimeSpawnBlockingWorksFromAnyThread) {
  JoinHandle<int> handle = runtime_.spawn_blocking([] { return 42; });
  EXPECT_EQ(runtime_.block_on([](JoinHandle<int> h) -> Task<int> {
              co_return co_await h;
            }(std::move(handle))),
            42);
}

TEST(SpawnBlocking, OutsideOfARuntimeThrows) {
  EXPECT_THROW(static_cast<void>(spawn_blocking([] {})), std::logic_error);
}

TEST(SpawnBlocking, TheBuilderValidatesItsSettings) {
  EXPECT_THROW(Runtime::Builder::multi_thread().max_blocking_threads(0),
               std::invalid_argument);
  EXPECT_THROW(Runtime::Builder::current_thread().thread_keep_alive(-1ms),
               std::invalid_argument);
}

Task<int> most_at_once(std::size_t jobs) {
  std::atomic<int> running{0};
  std::atomic<int> most{0};
  std::vector<JoinHandle<void>> handles;
  handles.reserve(jobs);
  for (std::size_t i = 0; i < jobs; ++i)
    handles.push_back(spawn_blocking([&running, &most] {
      const int now = running.fetch_add(1) + 1;
      int seen = most.load();
      while (now > seen && !most.compare_exchange_weak(seen, now)) {
      }
      std::this_thread::sleep_for(5ms);
      running.fetch_sub(1);
    }));
  for (JoinHandle<void> &handle : handles)
    co_await handle;
  co_return most.load();
}

TEST(SpawnBlocking, NeverRunsMoreThanMaxBlockingThreads) {
  Runtime rt = Runtime::Builder::multi_thread()
                   .worker_threads(2)
                   .max_blocking_threads(2)
                   .build();
  EXPECT_LE(rt.block_on(most_at_once(12)), 2);
}

Task<bool> all_at_once(std::size_t jobs) {
  std::latch all_running(static_cast<std::ptrdiff_t>(jobs));
  std::vector<JoinHandle<void>> handles;
  handles.reserve(jobs);
  for (std::size_t i = 0; i < jobs; ++i)
    handles.push_back(
        spawn_blocking([&all_running] { all_running.arrive_and_wait(); }));
  for (JoinHandle<void> &handle : handles)
    co_await handle;
  co_return true;
}

// The jobs only finish if the pool grows to run all of them at once.
TEST(SpawnBlocking, GrowsOnDemandUpToTheLimit) {
  Runtime rt =
      Runtime::Builder::current_thread().max_blocking_threads(8).build();
  EXPECT_TRUE(rt.block_on(all_at_once(8)));
}

thread_local bool tls_used_before = false;

/// Sets a flag when the thread it belongs to ends.
struct FlagOnThreadExit {
  std::atomic<bool> *flag = nullptr;
  FlagOnThreadExit() = default;
  FlagOnThreadExit(const FlagOnThreadExit &) = delete;
  FlagOnThreadExit &operator=(const FlagOnThreadExit &) = delete;
  ~FlagOnThreadExit() {
    if (flag != nullptr)
      flag->store(true);
  }
};
thread_local FlagOnThreadExit tls_flag_on_exit;

/// Whether the job runs on a thread that ran a job before. Sets `exited`,
/// if given, when the job's thread ends.
Task<bool> runs_on_a_used_thread(std::atomic<bool> *exited = nullptr) {
  co_return co_await spawn_blocking([exited] {
    if (exited != nullptr)
      tls_flag_on_exit.flag = exited;
    return std::exchange(tls_used_before, true);
  });
}

TEST(SpawnBlocking, AnIdleThreadIsReusedWithinTheKeepAlive) {
  // A keep-alive no stall of this thread can outlast short of a hang; the
  // runtime's shutdown ends the idle thread without waiting for it.
  Runtime rt = Runtime::Builder::current_thread()
                   .max_blocking_threads(1)
                   .thread_keep_alive(testing::kHangTimeout)
                   .build();
  EXPECT_FALSE(rt.block_on(runs_on_a_used_thread()));
  EXPECT_TRUE(rt.block_on(runs_on_a_used_thread()));
}

TEST(SpawnBlocking, AnIdleThreadExitsAfterTheKeepAlive) {
  Runtime rt = Runtime::Builder::current_thread()
                   .max_blocking_threads(1)
                   .thread_keep_alive(5ms)
                   .build();
  std::atomic<bool> exited{false};
  EXPECT_FALSE(rt.block_on(runs_on_a_used_thread(&exited)));
  ASSERT_TRUE(testing::wait_until([&exited] { return exited.load(); }));
  EXPECT_FALSE(rt.block_on(runs_on_a_used_thread()));
}

/// A runtime of the test's flavour whose blocking pool has one thread.
Runtime one_blocking_thread(Flavor flavor) {
  if (flavor == Flavor::current_thread)
    return Runtime::Builder::current_thread().max_blocking_threads(1).build();
  return Runtime::Builder::multi_thread()
      .worker_threads(flavor == Flavor::one_worker ? 1 : 4)
      .max_blocking_threads(1)
      .build();
}

Task<bool> abort_before_start(std::atomic<bool> *ran) {
  std::atomic<bool> release{false};
  JoinHandle<void> busy = spawn_blocking([&release] {
    while (!release.load())
      std::this_thread::sleep_for(1ms);
  });
  JoinHandle<void> queued = spawn_blocking([ran] { ran->store(true); });
  // The only pool thread is busy: the second job is still queued.
  queued.abort();
  bool cancelled = false;
  try {
    co_await queued;
  } catch (const Cancelled &) {
    cancelled = true;
  }
  release.store(true);
  co_await busy;
  // The pool's one thread runs jobs in order: once a job queued after the
  // aborted one has run, the aborted one would have run too.
  co_await spawn_blocking([] {});
  co_return cancelled;
}

TEST_P(SpawnBlockingTest, AbortingBeforeTheJobStartsKeepsItFromRunning) {
  Runtime rt = one_blocking_thread(GetParam());
  std::atomic<bool> ran{false};
  EXPECT_TRUE(rt.block_on(abort_before_start(&ran)));
  EXPECT_FALSE(ran.load());
}

TEST_P(SpawnBlockingTest, ShutdownWaitsForRunningJobs) {
  std::atomic<bool> finished{false};
  {
    Runtime rt = testing::build_runtime(GetParam());
    std::atomic<bool> started{false};
    rt.spawn_blocking([&started, &finished] {
      started.store(true);
      std::this_thread::sleep_for(50ms);
      finished.store(true);
    });
    while (!started.load())
      std::this_thread::sleep_for(1ms);
  }
  EXPECT_TRUE(finished.load());
}

TEST_P(SpawnBlockingTest, ShutdownDropsQueuedJobsUnrun) {
  std::atomic<int> live{0};
  std::atomic<bool> ran{false};
  std::optional<JoinHandle<void>> queued;
  // Outlive the runtime: its shutdown ends the job that reads them.
  std::atomic<bool> started{false};
  std::atomic<bool> submitted{false};
  {
    Runtime rt = one_blocking_thread(GetParam());
    // Keeps the pool's one thread until shutdown has dropped the queued job,
    // however long the shutdown takes to come.
    rt.spawn_blocking([&started, &submitted, &live] {
      started.store(true);
      testing::wait_until([&] { return submitted.load() && live.load() == 0; });
    });
    queued = rt.spawn_blocking(
        [counter = LiveCounter(live), &ran] { ran.store(true); });
    submitted.store(true);
    while (!started.load())
      std::this_thread::sleep_for(1ms);
  }
  EXPECT_EQ(live.load(), 0);
  EXPECT_FALSE(ran.load());
  ASSERT_TRUE(queued->is_finished());
  Runtime other = Runtime::Builder::current_thread().build();
  EXPECT_THROW(other.block_on([](JoinHandle<void> h) -> Task<void> {
                 co_await h;
               }(std::move(*queued))),
               Cancelled);
}

TEST(SpawnBlocking, AnUnobservedFailureReachesTheHandler) {
  std::atomic<int> reported{0};
  {
    Runtime rt = Runtime::Builder::multi_thread()
                     .worker_threads(1)
                     .on_unhandled_exception(
                         [&reported](const std::exception_ptr &) {
                           reported.fetch_add(1);
                         })
                     .build();
    rt.spawn_blocking([] { throw std::runtime_error("lost"); });
    const bool seen = rt.block_on(yield_until([&reported] {
      return reported.load() == 1;
    }));
    EXPECT_TRUE(seen);
  }
  EXPECT_EQ(reported.load(), 1);
}

} // namespace
} // namespace corolint::rt
