// A string cache whose coroutines keep its std::mutex locked while suspended.
//
// Both get() and refresh() hold a lock across a co_await. While the coroutine
// is suspended, no other request can use the cache, and a worker thread that
// tries to take the lock blocks; with a single worker that is a deadlock. The
// coroutine may also resume on another worker and unlock the mutex there,
// which std::mutex does not allow.
//
// main() issues one request at a time, so the program finishes; the hazard
// is in the code, and corolint reports it (coro-lock-across-suspend).
#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>
#include <unordered_map>

#include "corolint/rt/rt.h"

namespace rt = corolint::rt;
using namespace std::chrono_literals;

namespace {

class Cache {
 public:
  rt::Task<std::string> get(std::string key) {
    std::lock_guard<std::mutex> guard(mutex_);
    if (auto it = entries_.find(key); it != entries_.end()) co_return it->second;
    std::string value = co_await load(key);  // guard is still held here
    entries_.emplace(key, value);
    co_return value;
  }

  rt::Task<void> refresh(std::string key) {
    std::unique_lock<std::mutex> lock(mutex_);
    entries_.erase(key);
    co_await rt::sleep(1ms);  // lock is still held here
    entries_.emplace(key, "fresh(" + key + ")");
  }

  int loads() const { return loads_; }

 private:
  rt::Task<std::string> load(std::string key) {
    co_await rt::sleep(1ms);
    ++loads_;
    co_return "value(" + key + ")";
  }

  std::mutex mutex_;
  std::unordered_map<std::string, std::string> entries_;
  int loads_ = 0;
};

rt::Task<std::string> run(Cache& cache) {
  std::string alpha = co_await cache.get("alpha");
  std::string beta = co_await cache.get("beta");
  std::string again = co_await cache.get("alpha");
  co_await cache.refresh("beta");
  std::string fresh = co_await cache.get("beta");
  co_return alpha + " " + beta + " " + again + " " + fresh;
}

}  // namespace

int main() {
  rt::Runtime runtime = rt::Runtime::Builder::multi_thread().worker_threads(1).build();
  Cache cache;
  std::string values = runtime.block_on(run(cache));
  std::printf("loads: %d\nresult: %s\n", cache.loads(), values.c_str());
  return 0;
}
