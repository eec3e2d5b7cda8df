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
#include <stdexcept>
#include <vector>

namespace corolint::rt {
namespace {

using namespace std::chrono_literals;
using testing::Flavor;
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

Task<void> sleep_and_record(Clock::duration duration, int id,
                            std::mutex *mutex, std::vector<int> *order) {
  co_await sleep(duration);
  std::lock_guard lock(*mutex);
  order->push_back(id);
}

Task<void> spawn_sleepers(std::mutex *mutex, std::vector<int> *order) {
  std::vector<JoinHandle<void>> handles;
  handles.reserve(5);
  const int millis[] = {100, 20, 80, 40, 60};
  for (int id = 0; id < 5; ++id)
    handles.push_back(spawn(sleep_and_record(
        std::chrono::milliseconds(millis[id]), id, mutex, order)));
  for (JoinHandle<void> &handle : handles)
    co_await handle;
}

TEST_P(SleepTest, TimersFireInDeadlineOrder) {
  std::mutex mutex;
  std::vector<int> order;
  runtime_.block_on(spawn_sleepers(&mutex, &order));
  EXPECT_EQ(order, (std::vector<int>{1, 3, 4, 2, 0}));
}

Task<void> sleep_long(std::atomic<bool> *destroyed, std::atomic<bool> *asleep) {
  SetOnDestruction guard(*destroyed);
  asleep->store(true);
  co_await sleep(50ms);
  ADD_FAILURE() << "an aborted sleep completed";
}

Task<bool> abort_sleeper(std::atomic<bool> *destroyed) {
  std::atomic<bool> asleep{false};
  JoinHandle<void> handle = spawn(sleep_long(destroyed, &asleep));
  co_await yield_until([&] { return asleep.load(); });
  co_await yield_until([] { return armed_timers() == 1; });
  handle.abort();
  co_await yield_until([destroyed] { return destroyed->load(); });
  const bool disarmed = armed_timers() == 0;
  // Past the aborted deadline: a timer left behind would fire into freed
  // memory here.
  co_await sleep(80ms);
  co_return disarmed;
}

TEST_P(SleepTest, AbortingASleepingTaskDisarmsItsTimer) {
  std::atomic<bool> destroyed{false};
  EXPECT_TRUE(runtime_.block_on(abort_sleeper(&destroyed)));
  EXPECT_TRUE(destroyed.load());
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

Task<void> sleep_five_seconds() { co_await sleep(5s); }

// The idle workers sleep until the earliest deadline: one armed later, but
// due sooner, must wake them early.
TEST_P(SleepTest, AnEarlierTimerShortensTheWait) {
  JoinHandle<void> far = runtime_.spawn(sleep_five_seconds());
  runtime_.block_on(timed_sleep(20ms));
  const Instant start = Clock::now();
  runtime_.block_on(timed_sleep(30ms));
  EXPECT_LT(Clock::now() - start, 2s);
  far.abort();
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

TEST_P(SleepTest, HundredThousandConcurrentSleepers) {
  const Instant start = Clock::now();
  EXPECT_EQ(runtime_.block_on(hundred_thousand_sleepers()), 100'000U);
  EXPECT_LT(Clock::now() - start, 20s);
}

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval &time) {
    return static_cast<double>(time.tv_sec) +
           static_cast<double>(time.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
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
