// A string cache whose coroutines keep its mutex locked while suspended.
//
// Both get() and refresh() hold a lock across a co_await. While the coroutine
// is suspended, no other request can use the cache, and a worker thread that
// tries to take the lock blocks; with a single worker that is a deadlock. The
// coroutine may also resume on another thread and unlock the mutex there,
// which std::mutex does not allow.
//
// main() issues one request at a time on a single-worker pool, so every lock
// and unlock happens on one thread and the program finishes; the hazard is in
// the code, and corolint reports it.
#include <atomic>
#include <cstdio>
#include <mutex>
#include <string>
#include <unordered_map>

#include "mini_runtime.h"

namespace {

class Cache {
 public:
  explicit Cache(mini_rt::ThreadPool& pool) : pool_(pool) {}

  mini_rt::Task<std::string> get(std::string key) {
    co_await mini_rt::schedule_on(pool_);
    std::lock_guard<std::mutex> guard(mutex_);
    if (auto it = entries_.find(key); it != entries_.end()) co_return it->second;
    std::string value = co_await load(key);  // guard is still held here
    entries_.emplace(key, value);
    co_return value;
  }

  mini_rt::Task<void> refresh(std::string key) {
    co_await mini_rt::schedule_on(pool_);
    std::unique_lock<std::mutex> lock(mutex_);
    entries_.erase(key);
    co_await mini_rt::schedule_on(pool_);  // lock is still held here
    entries_.emplace(key, "fresh(" + key + ")");
  }

  int loads() const { return loads_.load(); }

 private:
  mini_rt::Task<std::string> load(std::string key) {
    co_await mini_rt::schedule_on(pool_);
    ++loads_;
    co_return "value(" + key + ")";
  }

  mini_rt::ThreadPool& pool_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::string> entries_;
  std::atomic<int> loads_{0};
};

}  // namespace

int main() {
  mini_rt::ThreadPool pool(1);
  Cache cache(pool);
  std::string alpha = mini_rt::sync_wait(cache.get("alpha"));
  std::string beta = mini_rt::sync_wait(cache.get("beta"));
  std::string again = mini_rt::sync_wait(cache.get("alpha"));
  mini_rt::sync_wait(cache.refresh("beta"));
  std::string fresh = mini_rt::sync_wait(cache.get("beta"));
  std::printf("cache_bad: %d loads; %s %s %s %s\n", cache.loads(), alpha.c_str(), beta.c_str(),
              again.c_str(), fresh.c_str());
  return 0;
}
