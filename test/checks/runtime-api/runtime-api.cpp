// The checks against corolint::rt's real headers.
// RUN: %check_clang_tidy %s 'coro-*' %t -- -I%S/../../../runtime/include

#include "corolint/rt/rt.h"
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

namespace rt = corolint::rt;
using namespace std::chrono_literals;

int compressAll(int input);

rt::Task<int> offloaded(int input) {
  int packed = co_await rt::spawn_blocking([input] {
    std::this_thread::sleep_for(1ms);
    return compressAll(input);
  });
  co_await rt::sleep(1ms);
  co_return packed;
}

rt::Task<> blocksTheWorker(rt::Runtime &runtime) {
  std::this_thread::sleep_for(1ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' blocks the thread (sleep)
  runtime.block_on(offloaded(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'corolint::rt::Runtime::block_on' blocks the thread (annotated)
  co_return;
}

rt::Task<> asyncMutexGuardAcrossAwait(rt::Mutex<int> &counter) {
  auto guard = co_await counter.lock();
  co_await rt::sleep(1ms);
  *guard += 1;
}

std::mutex cacheMutex;

rt::Task<> threadMutexAcrossAwait() {
  std::lock_guard guard(cacheMutex);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: lock on 'cacheMutex' (std::mutex) may still be held
  co_await rt::sleep(1ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the coroutine may suspend here with the lock held
}

rt::Task<> channels() {
  auto [tx, rx] = rt::mpsc::channel<int>(16);
  auto [utx, urx] = rt::mpsc::unbounded_channel<int>();
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: the channel that 'corolint::rt::mpsc::unbounded_channel' creates has no bound
  co_await tx.send(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'corolint::rt::mpsc::Sender::send' is ignored: the send fails when the receiver is gone
  tx.try_send(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: the result of 'corolint::rt::mpsc::Sender::try_send' is ignored
  utx.send(3);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: the result of 'corolint::rt::mpsc::UnboundedSender::send' is ignored
  (co_await tx.send(4)).unwrap();
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'unwrap' unwraps the result of 'corolint::rt::mpsc::Sender::send' without checking it
  if (auto sent = co_await tx.send(5); !sent)
    co_return;
  (void)tx.try_send(6);
  auto [otx, orx] = rt::oneshot::channel<int>();
  std::move(otx).send(7);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: the result of 'corolint::rt::oneshot::Sender::send' is ignored
  auto [wtx, wrx] = rt::watch::channel<int>(0);
  wtx.send(8);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: the result of 'corolint::rt::watch::Sender::send' is ignored
  while (auto value = co_await rx.recv())
    (void)value;
}

rt::Stream<int> generatorHoldsLock() {
  std::lock_guard guard(cacheMutex);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: lock on 'cacheMutex' (std::mutex) may still be held
  co_yield 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the coroutine may suspend here with the lock held
}

rt::Stream<int> generatorLocksBetweenYields(std::vector<int> &shared) {
  for (std::size_t i = 0;; ++i) {
    int value = 0;
    {
      std::lock_guard guard(cacheMutex);
      if (i >= shared.size())
        co_return;
      value = shared[i];
    }
    co_yield value;
  }
}

rt::Stream<int> generatorBlocks() {
  std::this_thread::sleep_for(1ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' blocks the thread (sleep)
  co_yield 1;
}

rt::Task<int> batches(rt::CancellationToken shutdown) {
  int total = 0;
  auto sums = rt::iter(std::vector<int>(100, 1))
                  .chunks(10)
                  .map([](std::vector<int> batch) -> rt::Task<int> {
                    co_return static_cast<int>(batch.size());
                  })
                  .buffer_unordered(4);
  for (;;) {
    auto next = co_await rt::select(shutdown.cancelled(), sums.next());
    if (next.index() == 0 || !std::get<1>(next))
      break;
    total += *std::get<1>(next);
  }
  co_return total;
}
