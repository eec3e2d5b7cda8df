#include "corolint/rt/sleep.h"

#include "corolint/rt/detail/context.h"
#include "corolint/rt/detail/scheduler.h"
#include "corolint/rt/join_handle.h"
#include "corolint/rt/runtime.h"
#include "corolint/rt/spawn.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <vector>

namespace corolint::rt {
namespace {

using namespace std::chrono_literals;
using testing::Flavor;
using testing::kHangTimeout;
using testing::SetOnDestruction;
using testing::yield_until;

class SleepTest : public ::testing::TestWithParam<Flavor> {
protected:
  Runtime runtime_ = testing::build_runtime(GetParam());
};

INSTANTIATE_TEST_SUITE_P(
    AllFlavors, SleepTest, ::testing::ValuesIn(testing::all_flavors()),
    [](const auto &info) { return testing::flavor_name(info.param); });

/// Timers armed on the runtime of the calling task.
std::size_t armed_timers() {
  return detail::current_scheduler()->timers().size();
}

Task<Clock::duration> timed_sleep(Clock::duration duration) {
  const Instant start = Clock::now();
  co_await sleep(duration);
  co_return Clock::now() - start;
}

TEST_P(SleepTest, SleepsAtLeastTheDuration) {
  EXPECT_GE(runtime_.block_on(timed_sleep(30ms)), 30ms);
}

Task<bool> past_deadline_does_not_suspend() {
  Sleep past = sleep_until(Clock::now() - 1s);
  if (!past.await_ready())
    co_return false;
  co_await past;
  co_await sleep(0ms);
  co_await sleep(-5ms);
  co_return armed_timers() == 0;
}

TEST_P(SleepTest, APassedDeadlineCompletesAtOnce) {
  EXPECT_TRUE(runtime_.block_on(past_deadline_does_not_suspend()));
}

/// A sleeper that woke: the rank of its deadline, and when it woke.
struct Woken {
  int rank;
  Instant at;
};

Task<void> sleep_and_record(Instant deadline, int rank, std::mutex *mutex,
                            std::vector<Woken> *woken) {
  co_await sleep_until(deadline);
  const std::lock_guard lock(*mutex);
  woken->push_back({rank, Clock::now()});
}

/// Spawns five sleepers, not in deadline order, whose deadlines are `gap`
/// apart, and returns the ranks of their deadlines in the order they woke;
/// nothing if one woke only after the next deadline had passed too, so that
/// the machine was too busy for the order to tell anything.
Task<std::optional<std::vector<int>>> wake_order(Clock::duration gap) {
  std::mutex mutex;
  std::vector<Woken> woken;
  const Instant base = Clock::now();
  std::vector<JoinHandle<void>> handles;
  for (const int rank : {4, 0, 3, 1, 2})
    handles.push_back(
        spawn(sleep_and_record(base + (rank + 1) * gap, rank, &mutex, &woken)));
  for (JoinHandle<void> &handle : handles)
    co_await handle;
  std::vector<int> order;
  for (const Woken &sleeper : woken) {
    if (sleeper.rank < 4 && sleeper.at >= base + (sleeper.rank + 2) * gap)
      co_return std::nullopt;
    order.push_back(sleeper.rank);
  }
  co_return order;
}

TEST_P(SleepTest, TimersFireInDeadlineOrder) {
  const auto attempt = [this](Clock::duration gap) {
    return runtime_.block_on(wake_order(gap));
  };
  EXPECT_EQ(testing::with_widening_window(20ms, attempt),
            (std::vector<int>{0, 1, 2, 3, 4}));
}

Task<void> sleep_long(Clock::duration duration, std::atomic<bool> *destroyed,
                      std::atomic<bool> *asleep, std::atomic<bool> *woke) {
  SetOnDestruction guard(*destroyed);
  asleep->store(true);
  co_await sleep(duration);
  woke->store(true);
}

/// Whether aborting a sleeping task took its timer out of the queue; nothing
/// when the sleep was over before the abort, the machine being too busy.
Task<std::optional<bool>> abort_sleeper(Clock::duration duration,
                                        std::atomic<bool> *destroyed) {
  std::atomic<bool> asleep{false};
  std::atomic<bool> woke{false};
  JoinHandle<void> handle =
      spawn(sleep_long(duration, destroyed, &asleep, &woke));
  co_await yield_until([&] { return asleep.load(); });
  co_await yield_until([&] { return armed_timers() == 1 || woke.load(); });
  handle.abort();
  co_await yield_until([destroyed] { return destroyed->load(); });
  const bool disarmed = armed_timers() == 0;
  // Past the aborted deadline: a timer left behind would fire into freed
  // memory here.
  co_await sleep(duration + 30ms);
  if (woke.load())
    co_return std::nullopt;
  co_return disarmed;
}

TEST_P(SleepTest, AbortingASleepingTaskDisarmsItsTimer) {
  const auto attempt = [this](Clock::duration duration) {
    std::atomic<bool> destroyed{false};
    std::optional<bool> disarmed =
        runtime_.block_on(abort_sleeper(duration, &destroyed));
    EXPECT_TRUE(destroyed.load());
    return disarmed;
  };
  EXPECT_EQ(testing::with_widening_window(50ms, attempt), true);
}

Task<void> sleep_for_an_hour(std::atomic<int> *live) {
  const testing::LiveCounter counter(*live);
  co_await sleep(1h);
}

TEST_P(SleepTest, ShutdownDestroysSleepingTasks) {
  std::atomic<int> live{0};
  {
    Runtime rt = testing::build_runtime(GetParam());
    for (int i = 0; i < 100; ++i)
      rt.spawn(sleep_for_an_hour(&live));
    rt.block_on(timed_sleep(10ms));
  }
  EXPECT_EQ(live.load(), 0);
}

Task<void> sleep_long_past_a_hang() { co_await sleep(2 * kHangTimeout); }

// The idle workers sleep until the earliest deadline: one armed later, but
// due sooner, must wake them early.
TEST_P(SleepTest, AnEarlierTimerShortensTheWait) {
  JoinHandle<void> far = runtime_.spawn(sleep_long_past_a_hang());
  runtime_.block_on(timed_sleep(20ms));
  const Instant start = Clock::now();
  runtime_.block_on(timed_sleep(30ms));
  EXPECT_LT(Clock::now() - start, kHangTimeout);
  far.abort();
}

/// The processor time the process used so far: unlike the time on the clock,
/// it does not grow while the process waits for a busy machine.
double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval &time) {
    return static_cast<double>(time.tv_sec) +
           static_cast<double>(time.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

Task<std::size_t> hundred_thousand_sleepers() {
  constexpr std::size_t kTasks = 100'000;
  std::atomic<std::size_t> woken{0};
  std::vector<JoinHandle<void>> handles;
  handles.reserve(kTasks);
  for (std::size_t i = 0; i < kTasks; ++i)
    handles.push_back(spawn([](std::atomic<std::size_t> *count,
                               std::size_t index) -> Task<void> {
      co_await sleep(std::chrono::milliseconds(10 + index % 50));
      count->fetch_add(1);
    }(&woken, i)));
  for (JoinHandle<void> &handle : handles)
    co_await handle;
  co_return woken.load();
}

// Bounded in processor time, which a slow timer queue would use up, while
// the time on the clock depends on what else the machine does.
TEST_P(SleepTest, HundredThousandConcurrentSleepers) {
  const double before = cpu_seconds();
  EXPECT_EQ(runtime_.block_on(hundred_thousand_sleepers()), 100'000U);
  EXPECT_LT(cpu_seconds() - before, 120.0);
}

TEST(Sleep, IdleWorkersDoNotSpinWhileTimersArePending) {
  Runtime rt = Runtime::Builder::multi_thread().worker_threads(4).build();
  const double before = cpu_seconds();
  rt.block_on(timed_sleep(300ms));
  EXPECT_LT(cpu_seconds() - before, 0.1);
}

TEST(Sleep, AwaitingOutsideOfARuntimeThrows) {
  Sleep outside = sleep(1ms);
  EXPECT_THROW(static_cast<void>(outside.await_suspend(std::noop_coroutine())),
               std::logic_error);
}

} // namespace
} // namespace corolint::rt
