// The batch processing of batch_good.cpp, with a reader task feeding an
// unbounded channel and an upload spawned for every batch that arrives.
//
// The reader never has to wait: mpsc::unbounded_channel() takes every batch
// at once, so the reader runs through the whole input while the uploads are
// only starting, and the dispatcher spawns an upload per batch with no
// limit. Memory ends up holding most of the input, and a hundred uploads or
// more run at once against a service that should see four. corolint:
// coro-unbounded-channel on the channel.
#include <optional>
#include <utility>
#include <vector>

#include "batch_workload.h"
#include "corolint/rt/rt.h"

namespace {

rt::Task<void> read_all(rt::mpsc::UnboundedSender<std::vector<Record>> batches, Meters& meters) {
  std::vector<Record> batch;
  for (long id = 0; id < kRecords; ++id) {
    batch.push_back(co_await read_record(id, meters));
    if (batch.size() == kBatch && !batches.send(std::exchange(batch, {}))) co_return;  // never waits
  }
  if (!batch.empty() && !batches.send(std::move(batch))) co_return;
}

rt::Task<void> run() {
  Meters meters;
  Uploaded total;
  auto [tx, rx] = rt::mpsc::unbounded_channel<std::vector<Record>>();
  rt::JoinHandle<void> reader = rt::spawn(read_all(std::move(tx), meters));
  rt::JoinSet<Uploaded> uploads;
  while (std::optional<std::vector<Record>> batch = co_await rx.recv())
    uploads.spawn(upload(std::move(*batch), meters));
  while (std::optional<Uploaded> done = co_await uploads.join_next()) {
    total.records += done->records;
    total.id_sum += done->id_sum;
  }
  co_await reader;
  report(total, meters);
}

}  // namespace

int main() {
  rt::Runtime runtime = rt::Runtime::Builder::multi_thread().worker_threads(1).build();
  runtime.block_on(run());
  return 0;
}
