// RUN: %check_clang_tidy %s coro-blocking-call %t

// A resolver call that comes after the host was tried as an IP literal
// resolves only names: the analysis cannot see whether callers pass names,
// and stays silent. Without that parse, or with a parse of another host,
// the resolver call is reported.
#include "asio_coro.h"
#include <arpa/inet.h>
#include <netdb.h>
#include <optional>
#include <string>

using asio::awaitable;
using asio::ip::tcp;

std::optional<tcp::endpoint> listenEndpoint(asio::io_context &io,
                                            const std::string &address,
                                            unsigned short port) {
  asio::error_code ec;
  auto literal = asio::ip::make_address(address, ec);
  if (!ec)
    return tcp::endpoint(literal, port);
  tcp::resolver resolver(io);
  auto found = resolver.resolve(address, std::to_string(port), ec);
  if (ec || found.empty())
    return std::nullopt;
  return found.begin()->endpoint();
}

std::optional<tcp::endpoint> resolveAlways(asio::io_context &io,
                                           const std::string &address) {
  asio::error_code ec;
  auto found = tcp::resolver(io).resolve(address, "80", ec);
  if (ec || found.empty())
    return std::nullopt;
  return found.begin()->endpoint();
}

std::optional<tcp::endpoint> parsesAnotherHost(asio::io_context &io,
                                               const std::string &address,
                                               const std::string &fallback) {
  asio::error_code ec;
  auto literal = asio::ip::make_address(fallback, ec);
  if (!ec)
    return tcp::endpoint(literal, 80);
  auto found = tcp::resolver(io).resolve(address, "80", ec);
  if (ec || found.empty())
    return std::nullopt;
  return found.begin()->endpoint();
}

bool lookUp(const char *host, addrinfo **found) {
  in_addr numeric{};
  if (inet_pton(AF_INET, host, &numeric) == 1)
    return true;
  return getaddrinfo(host, "80", nullptr, found) == 0;
}

awaitable<void> listens(asio::io_context &io, std::string address) {
  listenEndpoint(io, address, 8080);
  addrinfo *found = nullptr;
  lookUp(address.c_str(), &found);
  resolveAlways(io, address);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'resolveAlways' may block the thread: it calls 'asio::ip::basic_resolver::resolve' (blocking-io)
  // CHECK-MESSAGES: :[[@LINE-32]]:34: note: 'resolveAlways' calls 'asio::ip::basic_resolver::resolve' here, which blocks
  parsesAnotherHost(io, address, "0.0.0.0");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'parsesAnotherHost' may block the thread: it calls 'asio::ip::basic_resolver::resolve' (blocking-io)
  // CHECK-MESSAGES: :[[@LINE-22]]:34: note: 'parsesAnotherHost' calls 'asio::ip::basic_resolver::resolve' here, which blocks
  co_return;
}
