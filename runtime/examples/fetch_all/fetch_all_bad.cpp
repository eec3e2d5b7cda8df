// The fetches of fetch_all_good.cpp, started with std::async and waited for
// with std::future::get() inside the coroutine.
//
// get() blocks the worker thread until that fetch is done, so no other task
// runs meanwhile (corolint: coro-blocking-call). A std::future cannot be
// cancelled: after the first error, the coroutine still waits for every other
// fetch, since the destructor of a std::async future blocks until its thread
// finishes, and all of them run to completion for nothing.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <future>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "corolint/rt/rt.h"

namespace rt = corolint::rt;
using namespace std::chrono_literals;

namespace {

constexpr int kResources = 6;
constexpr int kBroken = 2;  // the fetch that fails

// Fetch i takes (i + 1) * 50 ms; fetch kBroken fails instead of answering.
std::string fetch(int i, std::atomic<int>& completed) {
  std::this_thread::sleep_for((i + 1) * 50ms);
  if (i == kBroken) throw std::runtime_error("resource " + std::to_string(i) + " unavailable");
  ++completed;
  return "resource-" + std::to_string(i);
}

rt::Task<void> run() {
  const rt::Instant start = rt::Clock::now();
  std::atomic<int> completed{0};
  std::string error = "none";
  {
    std::vector<std::future<std::string>> fetches;
    for (int i = 0; i < kResources; ++i)
      fetches.push_back(std::async(std::launch::async, fetch, i, std::ref(completed)));
    for (std::future<std::string>& f : fetches) {
      try {
        f.get();  // blocks the worker thread
      } catch (const std::exception& e) {
        error = e.what();
        break;  // the remaining futures cannot be cancelled
      }
    }
  }  // ~future waits here for every fetch still running
  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(rt::Clock::now() - start);
  std::printf("result: error: %s\n", error.c_str());
  std::printf("completed: %d\ncancelled: 0\n", completed.load());
  std::printf("elapsed-ms: %lld\n", static_cast<long long>(elapsed.count()));
  co_return;
}

}  // namespace

int main() {
  rt::Runtime runtime = rt::Runtime::Builder::multi_thread().worker_threads(1).build();
  runtime.block_on(run());
  return 0;
}
