// The compression of compression_bad.cpp, moved off the worker thread.
//
// Each chunk is compressed by `co_await rt::spawn_blocking(...)`: deflate()
// runs on the runtime's blocking pool while the coroutine is suspended, so
// the single worker stays free and the heartbeat keeps ticking every 10 ms.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>

#include "corolint/rt/rt.h"

namespace rt = corolint::rt;
using namespace std::chrono_literals;

namespace {

constexpr int kChunks = 4;
constexpr std::uint64_t kRoundsPerChunk = 40'000'000;

// Stands in for a compression kernel: a long, deterministic computation.
[[clang::annotate("corolint::blocking")]] std::uint64_t deflate(std::uint64_t seed,
                                                                std::uint64_t rounds) {
  std::uint64_t state = seed, digest = 0;
  for (std::uint64_t i = 0; i < rounds; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    digest = (digest ^ (state >> 29)) * 0x100000001b3ULL;
  }
  return digest;
}

std::uint64_t compress_chunk(int chunk) { return deflate(chunk + 1, kRoundsPerChunk); }

rt::Task<std::uint64_t> compress_file() {
  std::uint64_t checksum = 0;
  for (int chunk = 0; chunk < kChunks; ++chunk)
    checksum ^= co_await rt::spawn_blocking([chunk] { return compress_chunk(chunk); });
  co_return checksum;
}

rt::Task<long> heartbeat(const std::atomic<bool>& done) {
  rt::Clock::duration max_gap{};
  rt::Instant last = rt::Clock::now();
  while (!done.load()) {
    co_await rt::sleep(10ms);
    rt::Instant now = rt::Clock::now();
    max_gap = std::max(max_gap, now - last);
    last = now;
  }
  co_return std::chrono::duration_cast<std::chrono::milliseconds>(max_gap).count();
}

rt::Task<void> run() {
  std::atomic<bool> done{false};
  rt::JoinHandle<long> beats = rt::spawn(heartbeat(done));
  co_await rt::sleep(30ms);  // let the heartbeat settle
  std::uint64_t checksum = co_await compress_file();
  done.store(true);
  long max_gap_ms = co_await beats;
  std::printf("result: checksum=%016llx\n", static_cast<unsigned long long>(checksum));
  std::printf("max-heartbeat-gap-ms: %ld\n", max_gap_ms);
}

}  // namespace

int main() {
  rt::Runtime runtime = rt::Runtime::Builder::multi_thread().worker_threads(1).build();
  runtime.block_on(run());
  return 0;
}
