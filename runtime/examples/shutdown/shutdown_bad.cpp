// The request loop of shutdown_good.cpp, written with a stop flag and no
// deadlines.
//
// serve() polls an std::atomic<bool> and the channel in turn, and sleeps
// with std::this_thread::sleep_for while there is nothing to do. That sleep
// blocks the worker thread, not just this task: nothing else can run on it
// meanwhile, and every check of the flag comes up to 50 ms late. Each
// request is awaited without a deadline, so the request that hangs holds the
// loop for its whole two seconds, and shutdown waits for it: the server
// stops about two seconds after it was told to, and the requests queued
// behind the slow one are never served.
//
// corolint reports the sleep (coro-blocking-call).
#include <atomic>
#include <chrono>
#include <cstdio>
#include <optional>
#include <thread>

#include "corolint/rt/rt.h"
#include "shutdown_workload.h"

namespace rt = corolint::rt;
using namespace std::chrono_literals;

namespace {

rt::Task<ServeStats> serve(rt::mpsc::Receiver<Request> requests, const std::atomic<bool>& stop) {
  ServeStats stats;
  while (!stop.load()) {
    std::optional<Request> request = requests.try_recv();
    if (!request) {
      std::this_thread::sleep_for(50ms);
      continue;
    }
    co_await handle(*request);
    ++stats.served;
  }
  co_return stats;
}

rt::Task<void> run() {
  auto [tx, rx] = rt::mpsc::channel<Request>(kRequests);
  std::atomic<bool> stop = false;
  rt::JoinHandle<ServeStats> server = rt::spawn(serve(std::move(rx), stop));
  co_await produce(tx);

  co_await rt::sleep(kShutdownAfter);
  const rt::Instant signalled = rt::Clock::now();
  stop.store(true);
  ServeStats stats = co_await server;
  report(stats, rt::Clock::now() - signalled);
}

}  // namespace

int main() {
  rt::Runtime runtime = rt::Runtime::Builder::multi_thread().worker_threads(2).build();
  runtime.block_on(run());
  return 0;
}
