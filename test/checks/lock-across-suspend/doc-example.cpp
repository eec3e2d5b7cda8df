// The example of docs/checks/coro-lock-across-suspend.md.
// RUN: %check_clang_tidy %s coro-lock-across-suspend %t

#include "coro_test.h"
#include <map>
#include <mutex>
#include <string>

using Key = int;
Task<std::string> load(Key key);

class BadCache {
public:
  Task<std::string> get(Key key) {
    std::lock_guard guard(mutex_);
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: lock on 'mutex_' (std::mutex) may still be held when the coroutine suspends
    if (auto it = map_.find(key); it != map_.end())
      co_return it->second;
    std::string value = co_await load(key);
    // CHECK-MESSAGES: :[[@LINE-1]]:25: note: the coroutine may suspend here with the lock held
    map_.emplace(key, value);
    co_return value;
  }

private:
  std::mutex mutex_;
  std::map<Key, std::string> map_;
};

class FixedCache {
public:
  Task<std::string> get(Key key) {
    {
      std::lock_guard guard(mutex_);
      if (auto it = map_.find(key); it != map_.end())
        co_return it->second;
    }
    std::string value = co_await load(key);
    std::lock_guard guard(mutex_);
    map_.emplace(key, value);
    co_return value;
  }

  Task<std::string> getWithUnlock(Key key) {
    std::unique_lock lock(mutex_);
    if (auto it = map_.find(key); it != map_.end())
      co_return it->second;
    lock.unlock();
    std::string value = co_await load(key);
    lock.lock();
    map_.emplace(key, value);
    co_return value;
  }

  Task<std::string> suppressed(Key key) {
    std::lock_guard guard(mutex_); // NOLINT(coro-lock-across-suspend)
    co_return co_await load(key);
  }

private:
  std::mutex mutex_;
  std::map<Key, std::string> map_;
};
