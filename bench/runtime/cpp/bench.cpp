// The corolint::rt side of the runtime benchmarks. Each workload mirrors one
// in ../rust/src/main.rs; see ../README.md.
//
// Output: one line per workload, `name<TAB>median_ns<TAB>min_ns<TAB>max_ns`.

#include "corolint/rt/rt.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace rt = corolint::rt;
using std::uint64_t;

namespace {

struct Sizes {
  uint64_t spawn_tasks;
  uint64_t messages;
  std::size_t capacity;
  uint64_t mutex_tasks;
  uint64_t mutex_iters;
  uint64_t timers;
  std::chrono::milliseconds timer_sleep;
  uint64_t round_trips;

  static Sizes make(bool quick) {
    const uint64_t div = quick ? 10 : 1;
    return Sizes{1'000'000 / div,
                 1'000'000 / div,
                 1024,
                 8,
                 100'000 / div,
                 100'000 / div,
                 std::chrono::milliseconds(10),
                 100'000 / div};
  }
};

void check(bool ok, const char *what) {
  if (!ok)
    throw std::runtime_error(what);
}

// spawn_join ---------------------------------------------------------------

rt::Task<uint64_t> tiny(uint64_t i) { co_return i & 1; }

rt::Task<uint64_t> spawn_join(uint64_t n) {
  std::vector<rt::JoinHandle<uint64_t>> handles;
  handles.reserve(n);
  for (uint64_t i = 0; i < n; ++i)
    handles.push_back(rt::spawn(tiny(i)));
  uint64_t sum = 0;
  for (auto &h : handles)
    sum += co_await h;
  co_return sum;
}

// mpsc_1p / mpsc_4p --------------------------------------------------------

rt::Task<void> produce(rt::mpsc::Sender<uint64_t> tx, uint64_t count) {
  for (uint64_t i = 0; i < count; ++i)
    check(static_cast<bool>(co_await tx.send(i)), "receiver gone");
}

rt::Task<uint64_t> mpsc_throughput(uint64_t producers, uint64_t messages,
                                   std::size_t capacity) {
  auto [tx, rx] = rt::mpsc::channel<uint64_t>(capacity);
  const uint64_t per = messages / producers;
  for (uint64_t p = 0; p < producers; ++p)
    rt::spawn(produce(tx, per)); // detached, like the Tokio side
  { auto dropped = std::move(tx); }
  uint64_t count = 0;
  while (co_await rx.recv())
    ++count;
  check(count == per * producers, "lost messages");
  co_return count;
}

// mutex --------------------------------------------------------------------

rt::Task<void> lock_loop(rt::Mutex<uint64_t> *m, uint64_t iters) {
  for (uint64_t i = 0; i < iters; ++i) {
    rt::MutexGuard<uint64_t> g = co_await m->lock();
    ++*g;
  }
}

rt::Task<uint64_t> mutex_contention(uint64_t tasks, uint64_t iters) {
  // Outlives every locking task: they are all joined below.
  rt::Mutex<uint64_t> m(0);
  std::vector<rt::JoinHandle<void>> handles;
  handles.reserve(tasks);
  for (uint64_t t = 0; t < tasks; ++t)
    handles.push_back(rt::spawn(lock_loop(&m, iters)));
  for (auto &h : handles)
    co_await h;
  uint64_t total = *co_await m.lock();
  check(total == tasks * iters, "lost increments");
  co_return total;
}

// timers -------------------------------------------------------------------

rt::Task<void> sleeper(std::chrono::milliseconds d) { co_await rt::sleep(d); }

rt::Task<uint64_t> timers(uint64_t n, std::chrono::milliseconds d) {
  std::vector<rt::JoinHandle<void>> handles;
  handles.reserve(n);
  for (uint64_t i = 0; i < n; ++i)
    handles.push_back(rt::spawn(sleeper(d)));
  for (auto &h : handles)
    co_await h;
  co_return n;
}

// ping_pong ----------------------------------------------------------------

rt::Task<void> ponger(rt::mpsc::Receiver<uint64_t> ping_rx,
                      rt::mpsc::Sender<uint64_t> pong_tx) {
  while (std::optional<uint64_t> v = co_await ping_rx.recv())
    if (!co_await pong_tx.send(*v + 1))
      break;
}

rt::Task<uint64_t> ping_pong(uint64_t round_trips) {
  auto [ping_tx, ping_rx] = rt::mpsc::channel<uint64_t>(1);
  auto [pong_tx, pong_rx] = rt::mpsc::channel<uint64_t>(1);
  rt::JoinHandle<void> other =
      rt::spawn(ponger(std::move(ping_rx), std::move(pong_tx)));
  uint64_t v = 0;
  for (uint64_t i = 0; i < round_trips; ++i) {
    check(static_cast<bool>(co_await ping_tx.send(v)), "ponger gone");
    std::optional<uint64_t> back = co_await pong_rx.recv();
    check(back.has_value(), "ponger gone");
    v = *back;
  }
  { auto dropped = std::move(ping_tx); }
  co_await other;
  check(v == round_trips, "wrong count");
  co_return v;
}

// driver -------------------------------------------------------------------

template <class Make> long long time_once(rt::Runtime &runtime, Make &make) {
  rt::Task<uint64_t> task = make();
  const auto start = std::chrono::steady_clock::now();
  const uint64_t result = runtime.block_on(std::move(task));
  const auto elapsed = std::chrono::steady_clock::now() - start;
  check(result > 0, "workload returned nothing");
  return std::chrono::duration_cast<std::chrono::nanoseconds>(elapsed).count();
}

template <class Make>
void measure(rt::Runtime &runtime, const char *name, int reps, Make make) {
  time_once(runtime, make); // warm-up
  std::vector<long long> times;
  for (int i = 0; i < reps; ++i)
    times.push_back(time_once(runtime, make));
  std::sort(times.begin(), times.end());
  std::printf("%s\t%lld\t%lld\t%lld\n", name, times[times.size() / 2],
              times.front(), times.back());
  std::fflush(stdout);
}

[[noreturn]] void usage() {
  std::fprintf(stderr, "usage: rt-bench-corolint [--quick] [--workers N] "
                       "[--reps N] [--only NAME]\n");
  std::exit(2);
}

} // namespace

int main(int argc, char **argv) {
  bool quick = false;
  std::size_t workers = 2;
  int reps = 5;
  std::string only;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--quick") {
      quick = true;
    } else if (a == "--workers" && i + 1 < argc) {
      workers = std::strtoul(argv[++i], nullptr, 10);
    } else if (a == "--reps" && i + 1 < argc) {
      reps = std::atoi(argv[++i]);
    } else if (a == "--only" && i + 1 < argc) {
      only = argv[++i];
    } else {
      usage();
    }
  }
  if (workers == 0 || reps <= 0)
    usage();
  const Sizes s = Sizes::make(quick);
  rt::Runtime runtime =
      rt::Runtime::Builder::multi_thread().worker_threads(workers).build();
  auto want = [&](const char *name) { return only.empty() || only == name; };

  if (want("spawn_join"))
    measure(runtime, "spawn_join", reps,
            [&] { return spawn_join(s.spawn_tasks); });
  if (want("mpsc_1p"))
    measure(runtime, "mpsc_1p", reps,
            [&] { return mpsc_throughput(1, s.messages, s.capacity); });
  if (want("mpsc_4p"))
    measure(runtime, "mpsc_4p", reps,
            [&] { return mpsc_throughput(4, s.messages, s.capacity); });
  if (want("mutex"))
    measure(runtime, "mutex", reps,
            [&] { return mutex_contention(s.mutex_tasks, s.mutex_iters); });
  if (want("timers"))
    measure(runtime, "timers", reps,
            [&] { return timers(s.timers, s.timer_sleep); });
  if (want("ping_pong"))
    measure(runtime, "ping_pong", reps,
            [&] { return ping_pong(s.round_trips); });
  return 0;
}
