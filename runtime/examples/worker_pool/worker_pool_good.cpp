// A producer hands jobs to a pool of workers through a bounded channel.
//
// mpsc::channel(kCapacity) makes the producer wait while the channel is full,
// so no more than kCapacity jobs are ever queued, however fast it produces. A
// Semaphore limits how many workers run at once, and every send result is
// checked: the producer stops as soon as nobody receives any more.
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <optional>
#include <vector>

#include "corolint/rt/rt.h"

namespace rt = corolint::rt;
using namespace std::chrono_literals;

namespace {

constexpr int kJobs = 400;
constexpr std::size_t kCapacity = 16;
constexpr std::size_t kWorkers = 4;

struct Job {
  int id;
  std::vector<char> payload;  // 4 KiB that stays in memory while queued
};

struct Stats {
  long queued = 0, peak_queued = 0, processed = 0, sum = 0;
};

rt::Task<void> produce(rt::mpsc::Sender<Job> tx, Stats& stats) {
  for (int id = 0; id < kJobs; ++id) {
    if (!co_await tx.send(Job{id, std::vector<char>(4096, 'x')})) co_return;  // nobody listens
    stats.peak_queued = std::max(stats.peak_queued, ++stats.queued);
  }
}

rt::Task<void> work(Job job, [[maybe_unused]] rt::SemaphorePermit permit, Stats& stats) {
  co_await rt::sleep(1ms);  // stands in for handling the job
  stats.sum += job.id;
  ++stats.processed;
}

rt::Task<void> run() {
  Stats stats;
  rt::Semaphore workers(kWorkers);
  auto [tx, rx] = rt::mpsc::channel<Job>(kCapacity);
  rt::JoinHandle<void> producer = rt::spawn(produce(std::move(tx), stats));
  rt::JoinSet<void> running;
  while (std::optional<Job> job = co_await rx.recv()) {
    --stats.queued;
    rt::SemaphorePermit permit = co_await workers.acquire();
    running.spawn(work(std::move(*job), std::move(permit), stats));
  }
  while (co_await running.join_next()) {
  }
  co_await producer;
  std::printf("result: processed=%ld sum=%ld\n", stats.processed, stats.sum);
  std::printf("capacity: %zu\n", kCapacity);
  std::printf("peak-queued: %ld\n", stats.peak_queued);
}

}  // namespace

int main() {
  // One worker thread: the producer and the dispatcher take turns on it.
  rt::Runtime runtime = rt::Runtime::Builder::multi_thread().worker_threads(1).build();
  runtime.block_on(run());
  return 0;
}
