// RUN: %check_clang_tidy %s coro-unbounded-channel %t

// Every way of creating a channel, on the real asio headers (libasio-dev):
// a bounded channel is unbounded in practice whether its huge capacity is
// given to a variable, a temporary, new, std::make_unique,
// std::make_shared or std::allocate_shared, and however the capacity is spelled.
#include <asio/experimental/channel.hpp>
#include <asio/io_context.hpp>
#include <cstdint>
#include <limits>
#include <memory>

using Channel = asio::experimental::channel<void(asio::error_code, int)>;

void createsHugeChannels(asio::io_context &io) {
  auto unique = std::make_unique<Channel>(io, SIZE_MAX);
  // CHECK-MESSAGES: :[[@LINE-1]]:47: warning: capacity 18446744073709551615 makes 'asio::experimental::basic_channel' unbounded in practice (at or above 1048576): {{.*}}; instead, give the channel a real capacity [coro-unbounded-channel]
  auto shared = std::make_shared<Channel>(io.get_executor(),
                                          std::numeric_limits<std::size_t>::max());
  // CHECK-MESSAGES: :[[@LINE-1]]:43: warning: capacity 18446744073709551615 makes 'asio::experimental::basic_channel' unbounded in practice
  auto *raw = new Channel(io, std::numeric_limits<std::uint32_t>::max());
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: capacity 4294967295 makes 'asio::experimental::basic_channel' unbounded in practice
  delete raw;
  auto allocated = std::allocate_shared<Channel>(std::allocator<Channel>(), io,
                                                 std::size_t(-1));
  // CHECK-MESSAGES: :[[@LINE-1]]:50: warning: capacity 18446744073709551615 makes 'asio::experimental::basic_channel' unbounded in practice
  Channel(io, 1u << 24).reset();
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: capacity 16777216 makes 'asio::experimental::basic_channel' unbounded in practice
  Channel braced{io, SIZE_MAX};
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: capacity 18446744073709551615 makes 'asio::experimental::basic_channel' unbounded in practice
}

void createsBoundedChannels(asio::io_context &io, std::size_t configured) {
  auto unique = std::make_unique<Channel>(io, 64);
  auto shared = std::make_shared<Channel>(io.get_executor(), configured);
  auto rendezvous = std::make_unique<Channel>(io);
  auto *raw = new Channel(io, 1024);
  delete raw;
  auto allocated = std::allocate_shared<Channel>(std::allocator<Channel>(), io, 16);
}
