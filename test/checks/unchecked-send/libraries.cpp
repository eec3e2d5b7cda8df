// RUN: %check_clang_tidy %s coro-unchecked-send %t

#include "channel_libs.h"
#include <utility>

Task<> follySends(folly::coro::BoundedQueue<int> &queue,
                  folly::coro::AsyncPipe<int> pipe) {
  queue.try_enqueue(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: the result of 'folly::coro::BoundedQueue::try_enqueue' is ignored: the send fails when the queue is full
  if (!queue.try_enqueue(2))
    co_await queue.enqueue(2);
  std::move(pipe).write(3);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: the result of 'folly::coro::AsyncPipe::write' is ignored: the send fails when the reader is gone
}

Task<> libcoroSends(coro::queue<int> &queue, coro::ring_buffer<int, 8> &ring) {
  co_await queue.push(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'coro::queue::push' is ignored: the send fails when the queue is shut down
  co_await ring.produce(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'coro::ring_buffer::produce' is ignored: the send fails when the ring buffer is shut down
  auto pushed = co_await queue.push(3);
  if (pushed == coro::queue_produce_result::stopped)
    co_return;
  if (co_await ring.produce(4) == coro::rb::produce_result::stopped)
    co_return;
}

Task<> cobaltSends(boost::cobalt::channel<int> &channel) {
  co_await boost::cobalt::as_result(channel.write(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'boost::cobalt::channel::write' is ignored: the send fails when the channel is closed
  co_await channel.write(2);
  auto written = co_await boost::cobalt::as_result(channel.write(3));
  written.value();
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'value' unwraps the result of 'boost::cobalt::channel::write' without checking it: it throws when the channel is closed; test the result first and handle that case (stop producing, or report the failure)
  // CHECK-MESSAGES: :[[@LINE-3]]:18: note: the result is stored in 'written' here
  auto checked = co_await boost::cobalt::as_result(channel.write(4));
  if (checked)
    checked.value();
}

void fiberSends(boost::fibers::buffered_channel<int> &channel) {
  channel.push(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: the result of 'boost::fibers::buffered_channel::push' is ignored: the send fails when the channel is closed
  if (channel.try_push(2) != boost::fibers::channel_op_status::success)
    return;
}
