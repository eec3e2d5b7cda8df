// The string cache of cache_bad.cpp, with no lock held across a co_await.
//
// get() copies what it needs under a lock_guard in a narrow scope and awaits
// only after that scope has closed. refresh() uses a unique_lock and calls
// unlock() before it awaits, then locks again to store the result. Several
// client threads use the cache at once on a multi-worker pool.
#include <atomic>
#include <cstdio>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "mini_runtime.h"

namespace {

class Cache {
 public:
  explicit Cache(mini_rt::ThreadPool& pool) : pool_(pool) {}

  mini_rt::Task<std::string> get(std::string key) {
    co_await mini_rt::schedule_on(pool_);
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

  mini_rt::Task<void> refresh(std::string key) {
    co_await mini_rt::schedule_on(pool_);
    std::unique_lock<std::mutex> lock(mutex_);
    entries_.erase(key);
    lock.unlock();
    co_await mini_rt::schedule_on(pool_);
    std::string value = "fresh(" + key + ")";
    lock.lock();
    entries_.insert_or_assign(std::move(key), std::move(value));
  }

 private:
  mini_rt::Task<std::string> load(std::string key) {
    co_await mini_rt::schedule_on(pool_);
    co_return "value(" + key + ")";
  }

  mini_rt::ThreadPool& pool_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::string> entries_;
};

constexpr const char* kKeys[] = {"alpha", "beta", "gamma"};
constexpr int kClients = 4;
constexpr int kRequestsPerClient = 10;

}  // namespace

int main() {
  mini_rt::ThreadPool pool(4);
  Cache cache(pool);

  std::atomic<int> correct{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&cache, &correct, c] {
      for (int i = 0; i < kRequestsPerClient; ++i) {
        std::string key = kKeys[(c + i) % 3];
        if (mini_rt::sync_wait(cache.get(key)) == "value(" + key + ")") ++correct;
      }
    });
  }
  for (std::thread& client : clients) client.join();

  mini_rt::sync_wait(cache.refresh("beta"));
  std::string fresh = mini_rt::sync_wait(cache.get("beta"));

  const int total = kClients * kRequestsPerClient;
  std::printf("cache_good: %d/%d lookups correct from %d clients; beta is %s\n", correct.load(),
              total, kClients, fresh.c_str());
  return correct.load() == total && fresh == "fresh(beta)" ? 0 : 1;
}
