// Fetches several resources at once and gives up on the first error.
//
// Every fetch is a task in a JoinSet; join_next() yields results in the
// order the fetches finish, suspending the coroutine, never the thread, in
// between. On the first error, abort_all() cancels the fetches still running
// and the set yields Cancelled for each of them.
#include <chrono>
#include <cstdio>
#include <optional>
#include <stdexcept>
#include <string>

#include "corolint/rt/rt.h"

namespace rt = corolint::rt;
using namespace std::chrono_literals;

namespace {

constexpr int kResources = 6;
constexpr int kBroken = 2;  // the fetch that fails

// Fetch i takes (i + 1) * 50 ms; fetch kBroken fails instead of answering.
rt::Task<std::string> fetch(int i, int& completed) {
  co_await rt::sleep((i + 1) * 50ms);
  if (i == kBroken) throw std::runtime_error("resource " + std::to_string(i) + " unavailable");
  ++completed;
  co_return "resource-" + std::to_string(i);
}

rt::Task<void> run() {
  const rt::Instant start = rt::Clock::now();
  int completed = 0, cancelled = 0;
  std::string error = "none";
  rt::JoinSet<std::string> fetches;
  for (int i = 0; i < kResources; ++i) fetches.spawn(fetch(i, completed));
  while (!fetches.empty()) {
    try {
      co_await fetches.join_next();
    } catch (const rt::Cancelled&) {
      ++cancelled;
    } catch (const std::exception& e) {
      error = e.what();
      fetches.abort_all();  // the others are not needed any more
    }
  }
  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(rt::Clock::now() - start);
  std::printf("result: error: %s\n", error.c_str());
  std::printf("completed: %d\ncancelled: %d\n", completed, cancelled);
  std::printf("elapsed-ms: %lld\n", static_cast<long long>(elapsed.count()));
}

}  // namespace

int main() {
  // One worker: the fetches' counter is only touched from it.
  rt::Runtime runtime = rt::Runtime::Builder::multi_thread().worker_threads(1).build();
  runtime.block_on(run());
  return 0;
}
