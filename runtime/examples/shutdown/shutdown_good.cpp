// A request loop that gives each request a deadline and stops as soon as
// shutdown is signalled.
//
// serve() waits in rt::select for the first of: the shutdown token being
// cancelled, or the next request. Each request runs under rt::timeout, again
// raced against the token, so a request that hangs costs at most its
// deadline, and shutdown is noticed at once whether the loop is idle or in
// the middle of a request. The losing branches are cancelled by select.
#include <chrono>
#include <cstdio>
#include <optional>
#include <variant>

#include "corolint/rt/rt.h"
#include "shutdown_workload.h"

namespace rt = corolint::rt;
using namespace std::chrono_literals;

namespace {

rt::Task<ServeStats> serve(rt::mpsc::Receiver<Request> requests, rt::CancellationToken shutdown) {
  ServeStats stats;
  for (;;) {
    auto next = co_await rt::select(shutdown.cancelled(), requests.recv());
    if (next.index() == 0) break;
    std::optional<Request> request = std::get<1>(std::move(next));
    if (!request) break;  // every sender is gone

    auto outcome = co_await rt::select(shutdown.cancelled(), rt::timeout(kDeadline, handle(*request)));
    if (outcome.index() == 0) break;
    if (std::get<1>(outcome).timed_out())
      ++stats.timed_out;
    else
      ++stats.served;
  }
  co_return stats;
}

rt::Task<void> run() {
  auto [tx, rx] = rt::mpsc::channel<Request>(kRequests);
  rt::CancellationToken shutdown;
  rt::JoinHandle<ServeStats> server = rt::spawn(serve(std::move(rx), shutdown.child_token()));
  co_await produce(tx);

  co_await rt::sleep(kShutdownAfter);
  const rt::Instant signalled = rt::Clock::now();
  shutdown.cancel();
  ServeStats stats = co_await server;
  report(stats, rt::Clock::now() - signalled);
}

}  // namespace

int main() {
  rt::Runtime runtime = rt::Runtime::Builder::multi_thread().worker_threads(2).build();
  runtime.block_on(run());
  return 0;
}
