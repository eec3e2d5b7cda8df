// Processes a large input lazily, in batches, with a bounded number of
// uploads at a time.
//
// records() is an rt::Stream: an async generator that reads a record only
// when the next one is asked for. chunks() groups the records into batches,
// map() turns each batch into an upload task, and buffer_unordered() runs at
// most kParallelUploads of them at once, pulling the next batch from the
// source only when an upload has finished. Memory holds a few batches, never
// the input.
#include <optional>
#include <utility>
#include <vector>

#include "batch_workload.h"
#include "corolint/rt/rt.h"

namespace {

rt::Stream<Record> records(Meters& meters) {
  for (long id = 0; id < kRecords; ++id) co_yield co_await read_record(id, meters);
}

rt::Task<void> run() {
  Meters meters;
  Uploaded total;
  rt::Stream<Uploaded> uploads =
      records(meters)
          .chunks(kBatch)
          .map([&meters](std::vector<Record> batch) { return upload(std::move(batch), meters); })
          .buffer_unordered(kParallelUploads);
  while (std::optional<Uploaded> done = co_await uploads.next()) {
    total.records += done->records;
    total.id_sum += done->id_sum;
  }
  report(total, meters);
}

}  // namespace

int main() {
  rt::Runtime runtime = rt::Runtime::Builder::multi_thread().worker_threads(1).build();
  runtime.block_on(run());
  return 0;
}
