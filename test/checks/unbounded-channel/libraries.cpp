// RUN: %check_clang_tidy %s coro-unbounded-channel %t

#include "asio_coro.h"
#include "channel_libs.h"
#include "rt_channels.h"
#include <asio/experimental/channel.hpp>
#include <asio/experimental/concurrent_channel.hpp>
#include <limits>
#include <memory>

using Channel = asio::experimental::channel<void(asio::error_code, int)>;
using ConcurrentChannel =
    asio::experimental::concurrent_channel<void(asio::error_code, int)>;

folly::coro::UnboundedQueue<int> globalQueue;
// CHECK-MESSAGES: :[[@LINE-1]]:34: warning: 'globalQueue' ('folly::coro::UnboundedQueue') has no bound: without backpressure, a producer that outpaces its consumer grows memory until the process dies; instead, use folly::coro::BoundedQueue with a capacity [coro-unbounded-channel]

class Pipeline {
  folly::coro::UnboundedQueue<int, true, true> work_;
  // CHECK-MESSAGES: :[[@LINE-1]]:48: warning: member 'work_' ('folly::coro::UnboundedQueue') has no bound
  folly::coro::BoundedQueue<int> bounded_{64};
  coro::ring_buffer<int, 16> ring_;
  boost::fibers::unbounded_channel<int> fibers_;
  // CHECK-MESSAGES: :[[@LINE-1]]:41: warning: member 'fibers_' ('boost::fibers::unbounded_channel') has no bound
};

void creates(asio::io_context &io) {
  coro::queue<int> libcoroQueue;
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'libcoroQueue' ('coro::queue') has no bound: {{.*}}; instead, use coro::ring_buffer<T, N>, which makes producers wait when full
  auto shared = std::make_shared<folly::coro::UnboundedQueue<int>>();
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'folly::coro::UnboundedQueue' has no bound
  auto *raw = new boost::fibers::unbounded_channel<int>();
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'boost::fibers::unbounded_channel' has no bound
  delete raw;
  auto [generator, pipe] = folly::coro::AsyncPipe<int>::create();
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: the channel that 'folly::coro::AsyncPipe::create' creates has no bound: {{.*}}; instead, use folly::coro::BoundedAsyncPipe::create with a capacity
  auto [sender, receiver] = folly::channels::Channel<int>::create();
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: the channel that 'folly::channels::Channel::create' creates has no bound
  auto [tx, rx] = corolint::rt::mpsc::unbounded_channel<int>();
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: the channel that 'corolint::rt::mpsc::unbounded_channel' creates has no bound: {{.*}}; instead, use corolint::rt::mpsc::channel<T>(capacity); send then waits while the channel is full
  (void)shared;
}

void effectivelyUnbounded(asio::io_context &io) {
  Channel huge(io, std::numeric_limits<std::size_t>::max());
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: capacity 18446744073709551615 makes 'asio::experimental::basic_channel' unbounded in practice (at or above 1048576): it gives no backpressure, so a producer that outpaces its consumer grows memory until the process dies; instead, give the channel a real capacity
  ConcurrentChannel alsoHuge(io.get_executor(), 1u << 30);
  // CHECK-MESSAGES: :[[@LINE-1]]:49: warning: capacity 1073741824 makes 'asio::experimental::basic_concurrent_channel' unbounded in practice
  folly::coro::BoundedQueue<int> bigQueue(std::size_t(1) << 40);
  // CHECK-MESSAGES: :[[@LINE-1]]:43: warning: capacity 1099511627776 makes 'folly::coro::BoundedQueue' unbounded in practice
  auto [tx, rx] = corolint::rt::mpsc::channel<int>(std::numeric_limits<std::size_t>::max());
  // CHECK-MESSAGES: :[[@LINE-1]]:52: warning: capacity 18446744073709551615 makes 'corolint::rt::mpsc::channel' unbounded in practice
}

void bounded(asio::io_context &io, std::size_t configured) {
  Channel rendezvous(io);
  Channel zero(io, 0);
  Channel sixtyFour(io, 64);
  Channel fromConfiguration(io, configured);
  folly::coro::BoundedQueue<int> queue(128);
  boost::fibers::buffered_channel<int> fibers(1024);
  auto [bgen, bpipe] = folly::coro::BoundedAsyncPipe<int>::create(16);
  auto [tx, rx] = corolint::rt::mpsc::channel<int>(32);
  boost::cobalt::channel<int> cobalt(8);
}

void referencesDoNotCreate(folly::coro::UnboundedQueue<int> &queue,
                           folly::coro::UnboundedQueue<int> *pointer) {
  queue.enqueue(1);
  pointer->enqueue(2);
}
