// RUN: %check_clang_tidy %s coro-lock-across-suspend,coro-blocking-call %t

// The real Boost.Thread headers (libboost-thread1.81-dev).
#include "coro_test.h"
#include <boost/thread/barrier.hpp>
#include <boost/thread/condition_variable.hpp>
#include <boost/thread/future.hpp>
#include <boost/thread/latch.hpp>
#include <boost/thread/lock_guard.hpp>
#include <boost/thread/mutex.hpp>
#include <boost/thread/shared_mutex.hpp>
#include <boost/thread/thread.hpp>

boost::mutex mu;
boost::shared_mutex rw;

Task<> guardsAcrossSuspension() {
  {
    boost::lock_guard<boost::mutex> guard(mu);
    // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: lock on 'mu' (boost::mutex) may still be held when the coroutine suspends; {{.*}} [coro-lock-across-suspend]
    co_await Yield{};
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: the coroutine may suspend here with the lock held
  }
  {
    boost::shared_lock<boost::shared_mutex> reader(rw);
    // CHECK-MESSAGES: :[[@LINE-1]]:45: warning: lock on 'rw' (boost::shared_mutex) may still be held
    co_await Yield{};
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: the coroutine may suspend here with the lock held
  }
  boost::unique_lock<boost::mutex> lock(mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: lock on 'mu' (boost::mutex) may still be held
  co_await Yield{};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the coroutine may suspend here with the lock held
}

Task<> guardsReleasedInTime() {
  {
    boost::lock_guard<boost::mutex> guard(mu);
  }
  co_await Yield{};
  boost::unique_lock<boost::mutex> lock(mu);
  lock.unlock();
  co_await Yield{};
  boost::shared_lock<boost::shared_mutex> reader(rw, boost::defer_lock);
  co_await Yield{};
}

Task<> waits(boost::thread &worker, boost::condition_variable &changed,
             boost::unique_future<int> &result, boost::latch &done) {
  boost::this_thread::sleep_for(boost::chrono::milliseconds(10));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'boost::this_thread::sleep_for' blocks the thread (sleep): {{.*}}; instead, co_await an async timer (corolint::rt::sleep, asio::steady_timer::async_wait)
  worker.join();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'boost::thread::join' blocks the thread (thread-sync): {{.*}}; instead, await a JoinHandle, or join in spawn_blocking
  use(result.get());
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'boost::unique_future::get' blocks the thread (sync-wait)
  result.wait_for(boost::chrono::seconds(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'boost::unique_future::wait_for' blocks the thread (sync-wait)
  done.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'boost::latch::wait' blocks the thread (thread-sync)
  {
    boost::unique_lock<boost::mutex> lock(mu);
    changed.wait(lock);
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'boost::condition_variable::wait' blocks the thread (thread-sync)
    changed.wait_for(lock, boost::chrono::milliseconds(5));
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'boost::condition_variable::wait_for' blocks the thread (thread-sync)
  }
  co_return;
}

// Zero timeouts and queries return at once.
Task<> doesNotWait(boost::thread &worker, boost::condition_variable &changed,
                   boost::unique_future<int> &result) {
  use(worker.try_join_for(boost::chrono::seconds(0)));
  use(result.wait_for(boost::chrono::seconds(0)) == boost::future_status::ready);
  use(result.is_ready());
  changed.notify_all();
  {
    boost::unique_lock<boost::mutex> lock(mu);
    changed.wait_for(lock, boost::chrono::milliseconds(0));
  }
  co_return;
}
