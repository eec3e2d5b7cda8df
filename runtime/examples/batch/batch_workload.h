// What both batch examples process: 100,000 records read from a source a page
// at a time, uploaded in batches of 500 by an upload that takes 2 ms. Counts
// the records held in memory (read, not yet uploaded) and the uploads in
// flight, with their peaks.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <vector>

#include "corolint/rt/rt.h"

namespace rt = corolint::rt;

struct Record {
  long id;
  char payload[64];  // what a real record would carry
};

inline constexpr long kRecords = 100'000;
inline constexpr std::size_t kPage = 1'000;
inline constexpr std::size_t kBatch = 500;
inline constexpr std::size_t kParallelUploads = 4;

class Gauge {
 public:
  void add(long n) {
    const long now = value_.fetch_add(n) + n;
    long peak = peak_.load();
    while (now > peak && !peak_.compare_exchange_weak(peak, now)) {
    }
  }
  void sub(long n) { value_.fetch_sub(n); }
  long peak() const { return peak_.load(); }

 private:
  std::atomic<long> value_ = 0;
  std::atomic<long> peak_ = 0;
};

struct Meters {
  Gauge records_in_memory;
  Gauge uploads_in_flight;
};

// Reads record `id`; every kPage records the source waits for its next page.
inline rt::Task<Record> read_record(long id, Meters& meters) {
  if (id % kPage == 0) co_await rt::yield_now();
  meters.records_in_memory.add(1);
  co_return Record{id, {}};
}

struct Uploaded {
  long records = 0;
  long id_sum = 0;
};

inline rt::Task<Uploaded> upload(std::vector<Record> batch, Meters& meters) {
  using namespace std::chrono_literals;
  meters.uploads_in_flight.add(1);
  co_await rt::sleep(2ms);
  Uploaded done{static_cast<long>(batch.size()), 0};
  for (const Record& record : batch) done.id_sum += record.id;
  meters.uploads_in_flight.sub(1);
  meters.records_in_memory.sub(done.records);
  co_return done;
}

inline void report(const Uploaded& total, const Meters& meters) {
  std::printf("result: records=%ld id-sum=%ld\n", total.records, total.id_sum);
  std::printf("peak-uploads-in-flight: %ld\n", meters.uploads_in_flight.peak());
  std::printf("peak-records-in-memory: %ld\n", meters.records_in_memory.peak());
}
