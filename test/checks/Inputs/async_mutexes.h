// Declarations with the real names and shapes of async mutexes.
#ifndef COROLINT_TEST_ASYNC_MUTEXES_H
#define COROLINT_TEST_ASYNC_MUTEXES_H

#include "coro_test.h"
#include <mutex>

namespace folly::coro {
class Mutex {
public:
  Task<> co_lock();
  Task<std::unique_lock<Mutex>> co_scoped_lock();
  bool try_lock() noexcept;
  void lock();
  void unlock() noexcept;
};
} // namespace folly::coro

namespace async_simple::coro {
class Mutex {
public:
  Task<> coLock() noexcept;
  Task<std::unique_lock<Mutex>> coScopedLock() noexcept;
  bool try_lock() noexcept;
  void lock();
  void unlock() noexcept;
};
} // namespace async_simple::coro

namespace corolint::rt {
class Mutex {
public:
  Task<> lock_async();
  bool try_lock() noexcept;
  void lock();
  void unlock() noexcept;
};
} // namespace corolint::rt

namespace user {
// Not in any model: neither flagged nor assumed safe.
class SpinLock {
public:
  void lock();
  void unlock() noexcept;
};
} // namespace user

#endif
