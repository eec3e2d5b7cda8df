// What both shutdown examples serve: eight requests, of which request 3 is
// slow (two seconds) and the others take 5 ms; shutdown is signalled 300 ms
// after the last request was queued.
#pragma once

#include <chrono>
#include <cstdio>

#include "corolint/rt/rt.h"

namespace rt = corolint::rt;

struct Request {
  int id;
};

struct ServeStats {
  int served = 0;
  int timed_out = 0;
};

inline constexpr int kRequests = 8;
inline constexpr int kSlowRequest = 3;
inline constexpr auto kDeadline = std::chrono::milliseconds(100);
inline constexpr auto kShutdownAfter = std::chrono::milliseconds(300);

inline rt::Task<void> handle(Request request) {
  using namespace std::chrono_literals;
  co_await rt::sleep(request.id == kSlowRequest ? 2000ms : 5ms);
}

// Queues every request; the sender stays open, as a listener would.
inline rt::Task<void> produce(rt::mpsc::Sender<Request>& requests) {
  for (int id = 0; id < kRequests; ++id)
    if (!co_await requests.send(Request{id})) co_return;
}

inline void report(const ServeStats& stats, rt::Clock::duration shutdown_latency) {
  const auto latency = std::chrono::duration_cast<std::chrono::milliseconds>(shutdown_latency);
  std::printf("result: shut down\n");
  std::printf("served: %d\ntimed-out: %d\n", stats.served, stats.timed_out);
  std::printf("shutdown-latency-ms: %lld\n", static_cast<long long>(latency.count()));
}
