// The string cache of cache_good.cpp, with its std::mutex locked while the
// coroutines are suspended.
//
// Both get() and refresh() hold a lock across a co_await. While the coroutine
// is suspended no other request can use the cache, and every worker thread
// that runs another request blocks in std::mutex::lock(). With forty requests
// on four workers, all four workers soon block, none is left to resume the
// coroutine that holds the lock, and the program never finishes: a deadlock.
// (Had it resumed, it could have done so on another worker and unlocked the
// mutex there, which std::mutex does not allow either.)
//
// corolint reports both locks (coro-lock-across-suspend).
#include <chrono>
#include <cstdio>
#include <mutex>
#include <optional>
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
    entries_.insert_or_assign(key, "fresh(" + key + ")");
  }

 private:
  static rt::Task<std::string> load(std::string key) {
    co_await rt::sleep(1ms);
    co_return "value(" + key + ")";
  }

  std::mutex mutex_;
  std::unordered_map<std::string, std::string> entries_;
};

constexpr const char* kKeys[] = {"alpha", "beta", "gamma"};
constexpr int kRequests = 40;

rt::Task<bool> request(Cache& cache, std::string key) {
  co_return co_await cache.get(key) == "value(" + key + ")";
}

rt::Task<std::string> run(Cache& cache) {
  rt::JoinSet<bool> requests;
  for (int i = 0; i < kRequests; ++i) requests.spawn(request(cache, kKeys[i % 3]));
  int correct = 0;
  while (std::optional<bool> ok = co_await requests.join_next()) correct += *ok ? 1 : 0;
  co_await cache.refresh("beta");
  std::string fresh = co_await cache.get("beta");
  co_return std::to_string(correct) + "/" + std::to_string(kRequests) + " lookups correct; beta is " +
      fresh;
}

}  // namespace

int main() {
  rt::Runtime runtime = rt::Runtime::Builder::multi_thread().worker_threads(4).build();
  Cache cache;
  std::string summary = runtime.block_on(run(cache));
  std::printf("result: %s\n", summary.c_str());
  return summary.rfind("40/40 ", 0) == 0 && summary.ends_with("fresh(beta)") ? 0 : 1;
}
