// The string cache of cache_bad.cpp, with no std::mutex held across a
// co_await.
//
// get() copies what it needs under a lock_guard in a narrow scope and awaits
// only after that scope has closed. refresh() uses a unique_lock and calls
// unlock() before it awaits, then locks again to store the result. Many
// requests run at once on a four-worker runtime.
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
    std::optional<std::string> cached;
    {
      std::lock_guard<std::mutex> guard(mutex_);
      if (auto it = entries_.find(key); it != entries_.end()) cached = it->second;
    }
    if (cached) co_return std::move(*cached);

    std::string value = co_await load(key);
    {
      std::lock_guard<std::mutex> guard(mutex_);
      // Another request may have stored this key while we were loading it.
      value = entries_.try_emplace(key, std::move(value)).first->second;
    }
    co_return value;
  }

  rt::Task<void> refresh(std::string key) {
    std::unique_lock<std::mutex> lock(mutex_);
    entries_.erase(key);
    lock.unlock();
    co_await rt::sleep(1ms);
    std::string value = "fresh(" + key + ")";
    lock.lock();
    entries_.insert_or_assign(std::move(key), std::move(value));
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
