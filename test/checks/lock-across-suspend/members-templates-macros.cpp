// RUN: %check_clang_tidy %s coro-lock-across-suspend %t

#include "async_mutexes.h"
#include <mutex>

class Cache {
public:
  Task<int> lookup(int key) {
    std::lock_guard guard(mu_);
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: lock on 'mu_' (std::mutex) may still be held
    int value = co_await fetch();
    // CHECK-MESSAGES: :[[@LINE-1]]:17: note: the coroutine may suspend here
    co_return value + key;
  }

  Task<int> lookupRight(int key) {
    int cached;
    {
      std::lock_guard guard(mu_);
      cached = key;
    }
    co_return cached + co_await fetch();
  }

  Task<> throughPointer(Cache *other) {
    other->mu_.lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: lock on 'other->mu_' (std::mutex) may still be held
    co_await Yield{};
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: the coroutine may suspend here
    (*other).mu_.unlock();
  }

  Task<> unlockThroughAnotherSpelling(Cache *other) {
    other->mu_.lock();
    (*other).mu_.unlock();
    co_await Yield{};
  }

private:
  std::mutex mu_;
};

template <typename Mutex> Task<> lockThenAwait(Mutex &mutex) {
  std::lock_guard<Mutex> guard(mutex);
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: lock on 'mutex' (std::mutex) may still be held
  co_await Yield{};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the coroutine may suspend here
}

template <typename Mutex> Task<> onlyEverAsync(Mutex &mutex) {
  std::lock_guard<Mutex> guard(mutex, std::adopt_lock);
  co_await Yield{};
}

template <typename T> Task<> neverInstantiated(T &mutex) {
  std::lock_guard<T> guard(mutex);
  co_await Yield{};
}

std::mutex first;
std::mutex second;

template <typename Awaitable>
Task<> knownMutexInANeverInstantiatedTemplate(Awaitable next) {
  std::lock_guard guard(first);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: lock on 'first' (std::mutex) may still be held
  co_await next;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the coroutine may suspend here
}

template <typename Awaitable>
Task<> knownMutexInAnInstantiatedTemplate(Awaitable next) {
  std::lock_guard guard(second);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: lock on 'second' (std::mutex) may still be held
  co_await next;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the coroutine may suspend here
}

template <typename Awaitable>
Task<> releasedInATemplate(Awaitable next) {
  std::unique_lock lock(second);
  lock.unlock();
  co_await next;
}

Task<> instantiateWithAwaitables() {
  co_await knownMutexInAnInstantiatedTemplate(Yield{});
  co_await knownMutexInAnInstantiatedTemplate(work());
  co_await releasedInATemplate(Yield{});
}
std::recursive_mutex third;
corolint::rt::Mutex asyncOne;

Task<> instantiate() {
  co_await lockThenAwait(first);
  co_await lockThenAwait(second);
  co_await lockThenAwait(third);
  co_await onlyEverAsync(asyncOne);
}

auto genericLambda = [](auto &mutex) -> Task<> {
  std::lock_guard guard(mutex);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: lock on 'mutex' (std::mutex) may still be held
  co_await Yield{};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the coroutine may suspend here
};

Task<> callGenericLambda() { co_await genericLambda(first); }

#define LOCKED(which) std::lock_guard<std::mutex> guard_##which(which)
#define AWAIT(expr) co_await (expr)

Task<> lockAndAwaitThroughMacros() {
  LOCKED(first);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lock on 'first' (std::mutex) may still be held
  AWAIT(Yield{});
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the coroutine may suspend here
}

Task<> macroGuardScopeEnds() {
  {
    LOCKED(second);
  }
  AWAIT(Yield{});
}
