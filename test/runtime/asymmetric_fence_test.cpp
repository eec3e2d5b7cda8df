#include "asymmetric_fence.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace corolint::rt::detail {
namespace {

// The store-buffering litmus test: each side writes its flag, fences, and
// reads the other's. Without the fences both may read the old value.
class AsymmetricFenceTest : public ::testing::TestWithParam<bool> {};

TEST_P(AsymmetricFenceTest, AtLeastOneSideSeesTheOthersWrite) {
  constexpr int kRounds = 20000;
  const AsymmetricFence fence(/*use_membarrier=*/GetParam());
  std::atomic<int> frequent_flag{0};
  std::atomic<int> rare_flag{0};
  std::atomic<int> round_started{-1};
  std::atomic<int> round_done{0};
  int frequent_saw = 0;
  int both_missed = 0;

  std::thread frequent([&] {
    for (int round = 0; round < kRounds; ++round) {
      for (int seen = round_started.load(std::memory_order_acquire);
           seen != round; seen = round_started.load(std::memory_order_acquire))
        round_started.wait(seen, std::memory_order_acquire);
      frequent_flag.store(1, std::memory_order_relaxed);
      fence.light();
      frequent_saw = rare_flag.load(std::memory_order_relaxed);
      round_done.fetch_add(1, std::memory_order_acq_rel);
      round_done.notify_one();
    }
  });
  for (int round = 0; round < kRounds; ++round) {
    frequent_flag.store(0, std::memory_order_relaxed);
    rare_flag.store(0, std::memory_order_relaxed);
    round_started.store(round, std::memory_order_release);
    round_started.notify_one();
    rare_flag.store(1, std::memory_order_relaxed);
    fence.heavy();
    const int rare_saw = frequent_flag.load(std::memory_order_relaxed);
    // Each side sleeps, not spins, while the other is behind: on a busy
    // machine the other may be waiting for the very core this one holds.
    for (int done = round_done.load(std::memory_order_acquire);
         done != round + 1; done = round_done.load(std::memory_order_acquire))
      round_done.wait(done, std::memory_order_acquire);
    if (rare_saw == 0 && frequent_saw == 0)
      ++both_missed;
  }
  frequent.join();
  EXPECT_EQ(both_missed, 0);
}

INSTANTIATE_TEST_SUITE_P(Modes, AsymmetricFenceTest, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool> &info) {
                           return info.param ? "Membarrier" : "FullFences";
                         });

} // namespace
} // namespace corolint::rt::detail
