// Input for bench/lint-overhead: one large translation unit built on asio
// and C++20 coroutines. It is only parsed (-fsyntax-only / clang-tidy),
// never linked or run, but it is a complete program: an echo server with
// per-connection deadlines, a line-protocol chat hub, a client with retry and
// ping timers, and the plain (non-coroutine) code around them that shares
// state through std::mutex.
//
//   clang++-19 -std=c++20 -fsyntax-only bench/inputs/asio_coroutines.cpp

// asio 1.22 detects clang's coroutine support only through the Coroutines TS
// macro __cpp_coroutines, which clang 17 and later no longer define.
#if !defined(ASIO_HAS_CO_AWAIT) && defined(__clang__) && \
    defined(__cpp_impl_coroutine)
#define ASIO_HAS_CO_AWAIT 1
#endif

#include <asio.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/experimental/awaitable_operators.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

namespace echo {

using asio::awaitable;
using asio::co_spawn;
using asio::detached;
using asio::use_awaitable;
using asio::ip::tcp;
namespace this_coro = asio::this_coro;
using namespace std::chrono_literals;
using namespace asio::experimental::awaitable_operators;

using Clock = std::chrono::steady_clock;

// Completion token that reports errors as a value instead of throwing.
constexpr auto use_nothrow_awaitable =
    asio::experimental::as_tuple(use_awaitable);

//===----------------------------------------------------------------------===//
// Logging and statistics: plain functions sharing state through std::mutex.
//===----------------------------------------------------------------------===//

enum class Level { Debug, Info, Warning, Error };

std::mutex &log_mutex() {
  static std::mutex mu;
  return mu;
}

Level &log_threshold() {
  static Level level = Level::Info;
  return level;
}

const char *level_name(Level level) {
  switch (level) {
  case Level::Debug:
    return "debug";
  case Level::Info:
    return "info";
  case Level::Warning:
    return "warning";
  case Level::Error:
    return "error";
  }
  return "?";
}

void log_line(Level level, std::string_view message) {
  std::lock_guard<std::mutex> lock(log_mutex());
  if (level < log_threshold())
    return;
  std::fprintf(stderr, "[%s] %.*s\n", level_name(level),
               static_cast<int>(message.size()), message.data());
}

void set_log_threshold(Level level) {
  std::lock_guard<std::mutex> lock(log_mutex());
  log_threshold() = level;
}

class ServerStats {
public:
  struct Snapshot {
    std::uint64_t connections_accepted = 0;
    std::uint64_t connections_open = 0;
    std::uint64_t bytes_in = 0;
    std::uint64_t bytes_out = 0;
    std::uint64_t timeouts = 0;
    std::uint64_t errors = 0;
  };

  void connection_opened() {
    std::lock_guard<std::mutex> lock(mutex_);
    ++current_.connections_accepted;
    ++current_.connections_open;
  }

  void connection_closed() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (current_.connections_open > 0)
      --current_.connections_open;
  }

  void add_traffic(std::size_t in, std::size_t out) {
    std::lock_guard<std::mutex> lock(mutex_);
    current_.bytes_in += in;
    current_.bytes_out += out;
  }

  void record_timeout() {
    std::scoped_lock lock(mutex_);
    ++current_.timeouts;
  }

  void record_error(const std::error_code &ec) {
    std::unique_lock<std::mutex> lock(mutex_);
    ++current_.errors;
    std::string text = ec.message();
    lock.unlock();
    log_line(Level::Warning, text);
  }

  Snapshot snapshot() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return current_;
  }

private:
  mutable std::mutex mutex_;
  Snapshot current_;
};

std::string format_snapshot(const ServerStats::Snapshot &s) {
  std::string out;
  out.reserve(160);
  out += "accepted=" + std::to_string(s.connections_accepted);
  out += " open=" + std::to_string(s.connections_open);
  out += " in=" + std::to_string(s.bytes_in);
  out += " out=" + std::to_string(s.bytes_out);
  out += " timeouts=" + std::to_string(s.timeouts);
  out += " errors=" + std::to_string(s.errors);
  return out;
}

//===----------------------------------------------------------------------===//
// Generic coroutine helpers.
//===----------------------------------------------------------------------===//

// Reads until `buffer` is full or the peer closes the stream.
template <typename AsyncReadStream, typename MutableBuffer>
awaitable<std::size_t> read_exactly(AsyncReadStream &stream,
                                    MutableBuffer buffer) {
  std::size_t total = 0;
  while (total < buffer.size()) {
    auto [ec, n] = co_await stream.async_read_some(buffer + total,
                                                   use_nothrow_awaitable);
    total += n;
    if (ec == asio::error::eof)
      break;
    if (ec)
      throw std::system_error(ec);
  }
  co_return total;
}

// Waits for `duration` on the current executor.
awaitable<void> sleep_for(Clock::duration duration) {
  asio::steady_timer timer(co_await this_coro::executor);
  timer.expires_after(duration);
  co_await timer.async_wait(use_awaitable);
}

// Races `op` against a timer; an empty optional means the timer won.
template <typename T>
awaitable<std::optional<T>> with_timeout(awaitable<T> op,
                                         Clock::duration limit) {
  auto result = co_await (std::move(op) || sleep_for(limit));
  if (result.index() == 0)
    co_return std::optional<T>(std::move(std::get<0>(result)));
  co_return std::nullopt;
}

// Calls `make_attempt` (which returns an awaitable) until it succeeds or
// `attempts` is exhausted, doubling the pause between attempts.
template <typename MakeAttempt>
auto with_retries(MakeAttempt make_attempt, int attempts,
                  Clock::duration backoff)
    -> std::invoke_result_t<MakeAttempt> {
  std::exception_ptr last_error;
  for (int attempt = 1; attempt <= attempts; ++attempt) {
    try {
      co_return co_await make_attempt();
    } catch (const std::exception &e) {
      last_error = std::current_exception();
      log_line(Level::Warning, std::string("attempt ") +
                                   std::to_string(attempt) +
                                   " failed: " + e.what());
    }
    co_await sleep_for(backoff);
    backoff *= 2;
  }
  std::rethrow_exception(last_error);
}

//===----------------------------------------------------------------------===//
// Echo server.
//===----------------------------------------------------------------------===//

struct ServerConfig {
  asio::ip::port_type port = 5555;
  Clock::duration idle_timeout = 30s;
  std::size_t max_connections = 1024;
  std::size_t buffer_size = 4096;
};

// Pushes `deadline` forward whenever the session makes progress and returns
// once it has passed.
awaitable<void> watchdog(Clock::time_point &deadline) {
  asio::steady_timer timer(co_await this_coro::executor);
  auto now = Clock::now();
  while (deadline > now) {
    timer.expires_at(deadline);
    co_await timer.async_wait(use_awaitable);
    now = Clock::now();
  }
}

awaitable<void> echo_loop(tcp::socket &socket, Clock::time_point &deadline,
                          std::shared_ptr<ServerStats> stats,
                          std::size_t buffer_size) {
  std::vector<char> data(buffer_size);
  for (;;) {
    deadline = Clock::now() + 30s;
    auto [read_ec, n] = co_await socket.async_read_some(
        asio::buffer(data), use_nothrow_awaitable);
    if (read_ec) {
      if (read_ec != asio::error::eof)
        stats->record_error(read_ec);
      co_return;
    }
    auto [write_ec, written] = co_await asio::async_write(
        socket, asio::buffer(data, n), use_nothrow_awaitable);
    if (write_ec) {
      stats->record_error(write_ec);
      co_return;
    }
    stats->add_traffic(n, written);
  }
}

awaitable<void> echo_session(tcp::socket socket,
                             std::shared_ptr<ServerStats> stats,
                             ServerConfig config) {
  stats->connection_opened();
  Clock::time_point deadline{};
  auto result = co_await (echo_loop(socket, deadline, stats,
                                    config.buffer_size) ||
                          watchdog(deadline));
  if (result.index() == 1)
    stats->record_timeout();
  std::error_code ignored;
  socket.shutdown(tcp::socket::shutdown_both, ignored);
  socket.close(ignored);
  stats->connection_closed();
}

awaitable<void> listener(tcp::acceptor acceptor,
                         std::shared_ptr<ServerStats> stats,
                         ServerConfig config) {
  auto executor = co_await this_coro::executor;
  for (;;) {
    auto [ec, socket] = co_await acceptor.async_accept(use_nothrow_awaitable);
    if (ec == asio::error::operation_aborted)
      co_return;
    if (ec) {
      stats->record_error(ec);
      co_await sleep_for(100ms);
      continue;
    }
    if (stats->snapshot().connections_open >= config.max_connections) {
      log_line(Level::Warning, "connection limit reached, dropping client");
      continue;
    }
    co_spawn(executor, echo_session(std::move(socket), stats, config),
             [stats](std::exception_ptr e) {
               if (!e)
                 return;
               try {
                 std::rethrow_exception(e);
               } catch (const std::exception &ex) {
                 log_line(Level::Error, ex.what());
               }
             });
  }
}

awaitable<void> report_stats(std::shared_ptr<ServerStats> stats,
                             Clock::duration period) {
  asio::steady_timer timer(co_await this_coro::executor);
  for (;;) {
    timer.expires_after(period);
    co_await timer.async_wait(use_awaitable);
    log_line(Level::Info, format_snapshot(stats->snapshot()));
  }
}

//===----------------------------------------------------------------------===//
// Chat hub: a line protocol on top of the same acceptor machinery. The room is
// shared between sessions (which may run on different threads) and guarded by
// a mutex; each participant owns a queue drained by its writer coroutine.
//===----------------------------------------------------------------------===//

class Participant {
public:
  explicit Participant(tcp::socket socket)
      : socket_(std::move(socket)), signal_(socket_.get_executor()) {
    signal_.expires_at(Clock::time_point::max());
  }

  void deliver(std::string message) {
    {
      std::lock_guard<std::mutex> lock(queue_mutex_);
      if (outbox_.size() >= 256)
        outbox_.pop_front();
      outbox_.push_back(std::move(message));
    }
    signal_.cancel_one();
  }

  std::optional<std::string> next_message() {
    std::lock_guard<std::mutex> lock(queue_mutex_);
    if (outbox_.empty())
      return std::nullopt;
    std::string front = std::move(outbox_.front());
    outbox_.pop_front();
    return front;
  }

  tcp::socket &socket() { return socket_; }
  asio::steady_timer &signal() { return signal_; }
  std::string &name() { return name_; }

  void stop() {
    std::error_code ignored;
    socket_.close(ignored);
    signal_.cancel();
  }

private:
  tcp::socket socket_;
  asio::steady_timer signal_;
  std::mutex queue_mutex_;
  std::deque<std::string> outbox_;
  std::string name_ = "anonymous";
};

using ParticipantPtr = std::shared_ptr<Participant>;

class ChatRoom {
public:
  void join(const ParticipantPtr &p) {
    std::vector<std::string> backlog;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      members_.insert(p);
      backlog.assign(history_.begin(), history_.end());
    }
    for (auto &line : backlog)
      p->deliver(std::move(line));
  }

  void leave(const ParticipantPtr &p) {
    std::lock_guard<std::mutex> lock(mutex_);
    members_.erase(p);
  }

  void broadcast(const std::string &line) {
    std::vector<ParticipantPtr> targets;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      history_.push_back(line);
      while (history_.size() > max_history_)
        history_.pop_front();
      targets.assign(members_.begin(), members_.end());
    }
    for (auto &target : targets)
      target->deliver(line);
  }

  std::size_t size() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return members_.size();
  }

  std::vector<std::string> names() const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<std::string> out;
    for (const auto &m : members_)
      out.push_back(m->name());
    std::sort(out.begin(), out.end());
    return out;
  }

private:
  mutable std::mutex mutex_;
  std::set<ParticipantPtr> members_;
  std::deque<std::string> history_;
  std::size_t max_history_ = 100;
};

struct Command {
  std::string verb;
  std::string argument;
};

std::optional<Command> parse_command(std::string_view line) {
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n'))
    line.remove_suffix(1);
  if (line.empty() || line.front() != '/')
    return std::nullopt;
  line.remove_prefix(1);
  auto space = line.find(' ');
  Command cmd;
  cmd.verb = std::string(line.substr(0, space));
  if (space != std::string_view::npos)
    cmd.argument = std::string(line.substr(space + 1));
  return cmd;
}

awaitable<void> chat_writer(ParticipantPtr self) {
  try {
    while (self->socket().is_open()) {
      auto message = self->next_message();
      if (!message) {
        std::error_code ec;
        co_await self->signal().async_wait(
            asio::redirect_error(use_awaitable, ec));
        continue;
      }
      co_await asio::async_write(self->socket(), asio::buffer(*message),
                                 use_awaitable);
    }
  } catch (const std::exception &) {
    self->stop();
  }
}

awaitable<void> chat_reader(ParticipantPtr self, ChatRoom &room) {
  std::string buffer;
  for (;;) {
    auto [ec, n] = co_await asio::async_read_until(
        self->socket(), asio::dynamic_buffer(buffer, 1024), '\n',
        use_nothrow_awaitable);
    if (ec)
      break;
    std::string line = buffer.substr(0, n);
    buffer.erase(0, n);
    if (auto cmd = parse_command(line)) {
      if (cmd->verb == "nick" && !cmd->argument.empty()) {
        room.broadcast(self->name() + " is now " + cmd->argument + "\n");
        self->name() = cmd->argument;
      } else if (cmd->verb == "who") {
        std::string reply = "members:";
        for (const auto &name : room.names())
          reply += " " + name;
        self->deliver(reply + "\n");
      } else if (cmd->verb == "quit") {
        break;
      } else {
        self->deliver("unknown command: " + cmd->verb + "\n");
      }
      continue;
    }
    room.broadcast(self->name() + ": " + line);
  }
  self->stop();
}

awaitable<void> chat_session(tcp::socket socket, ChatRoom &room) {
  auto self = std::make_shared<Participant>(std::move(socket));
  room.join(self);
  co_await (chat_reader(self, room) && chat_writer(self));
  room.leave(self);
}

awaitable<void> chat_listener(tcp::acceptor acceptor, ChatRoom &room) {
  for (;;) {
    tcp::socket socket = co_await acceptor.async_accept(use_awaitable);
    co_spawn(acceptor.get_executor(), chat_session(std::move(socket), room),
             detached);
  }
}

//===----------------------------------------------------------------------===//
// Session registry: a shared table touched from coroutines on a strand and
// from plain callbacks on a thread pool.
//===----------------------------------------------------------------------===//

class SessionRegistry {
public:
  std::uint64_t add(std::string peer) {
    std::unique_lock<std::shared_mutex> lock(mutex_);
    auto id = ++next_id_;
    sessions_.emplace(id, std::move(peer));
    return id;
  }

  void remove(std::uint64_t id) {
    std::unique_lock<std::shared_mutex> lock(mutex_);
    sessions_.erase(id);
  }

  std::optional<std::string> peer(std::uint64_t id) const {
    std::shared_lock<std::shared_mutex> lock(mutex_);
    auto it = sessions_.find(id);
    if (it == sessions_.end())
      return std::nullopt;
    return it->second;
  }

  std::size_t count() const {
    std::shared_lock<std::shared_mutex> lock(mutex_);
    return sessions_.size();
  }

private:
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::uint64_t, std::string> sessions_;
  std::uint64_t next_id_ = 0;
};

struct AuditLog {
  std::mutex mutex;
  std::vector<std::string> entries;
};

// Plain function called from pool threads.
void append_audit(AuditLog &log, std::string entry) {
  std::lock_guard<std::mutex> lock(log.mutex);
  log.entries.push_back(std::move(entry));
}

// Moves the expensive part to the pool, then returns to the caller's executor.
awaitable<std::size_t> checksum_on_pool(asio::thread_pool &pool,
                                        std::vector<char> data) {
  auto home = co_await this_coro::executor;
  co_await asio::post(pool, use_awaitable);
  std::size_t sum = 0;
  for (char c : data)
    sum = sum * 131 + static_cast<unsigned char>(c);
  co_await asio::post(home, use_awaitable);
  co_return sum;
}

awaitable<void> audited_session(tcp::socket socket, SessionRegistry &registry,
                                AuditLog &audit, asio::thread_pool &pool) {
  std::error_code ec;
  auto endpoint = socket.remote_endpoint(ec);
  auto id = registry.add(ec ? std::string("unknown")
                            : endpoint.address().to_string());

  {
    // Short critical section that ends before the next suspension point.
    std::lock_guard<std::mutex> lock(audit.mutex);
    audit.entries.push_back("open " + std::to_string(id));
  }

  std::array<char, 512> header{};
  std::size_t got = co_await read_exactly(socket, asio::buffer(header));
  std::size_t sum = co_await checksum_on_pool(
      pool, std::vector<char>(header.begin(), header.begin() + got));

  // Holds the audit lock while suspended in async_write: another session
  // resumed on the same thread would block on it.
  std::unique_lock<std::mutex> audit_lock(audit.mutex);
  audit.entries.push_back("checksum " + std::to_string(sum));
  std::string reply = std::to_string(sum) + "\n";
  co_await asio::async_write(socket, asio::buffer(reply), use_awaitable);
  audit_lock.unlock();

  asio::post(pool, [&audit, id] {
    append_audit(audit, "close " + std::to_string(id));
  });
  registry.remove(id);
}

//===----------------------------------------------------------------------===//
// Client: resolves, connects with a deadline, retries, pings periodically.
//===----------------------------------------------------------------------===//

struct ClientOptions {
  std::string host = "127.0.0.1";
  std::string service = "5555";
  Clock::duration connect_timeout = 3s;
  Clock::duration ping_interval = 1s;
  int max_attempts = 5;
  int pings = 10;
};

class EchoClient {
public:
  EchoClient(asio::any_io_executor executor, ClientOptions options)
      : executor_(std::move(executor)), options_(std::move(options)),
        socket_(executor_) {}

  awaitable<void> connect() {
    tcp::resolver resolver(executor_);
    auto endpoints = co_await resolver.async_resolve(
        options_.host, options_.service, use_awaitable);
    auto connected = co_await with_timeout(
        asio::async_connect(socket_, endpoints, use_awaitable),
        options_.connect_timeout);
    if (!connected)
      throw std::system_error(asio::error::timed_out);
    std::lock_guard<std::mutex> lock(state_mutex_);
    remote_ = *connected;
  }

  awaitable<void> connect_with_retries() {
    co_await with_retries([this]() { return connect(); },
                          options_.max_attempts, 200ms);
  }

  awaitable<std::string> request(std::string payload) {
    co_await asio::async_write(socket_, asio::buffer(payload), use_awaitable);
    std::string reply(payload.size(), '\0');
    std::size_t n = co_await read_exactly(socket_, asio::buffer(reply));
    reply.resize(n);
    co_return reply;
  }

  awaitable<void> ping_loop() {
    asio::steady_timer timer(executor_);
    for (int i = 0; i < options_.pings; ++i) {
      auto started = Clock::now();
      auto reply = co_await request("ping " + std::to_string(i) + "\n");
      record_rtt(Clock::now() - started);
      if (reply.rfind("ping", 0) != 0)
        log_line(Level::Warning, "unexpected reply: " + reply);
      timer.expires_after(options_.ping_interval);
      co_await timer.async_wait(use_awaitable);
    }
  }

  awaitable<void> run() {
    co_await connect_with_retries();
    co_await ping_loop();
    std::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
  }

  Clock::duration mean_rtt() const {
    std::lock_guard<std::mutex> lock(state_mutex_);
    if (rtts_.empty())
      return Clock::duration::zero();
    Clock::duration total{};
    for (auto d : rtts_)
      total += d;
    return total / static_cast<int>(rtts_.size());
  }

private:
  void record_rtt(Clock::duration rtt) {
    std::lock_guard<std::mutex> lock(state_mutex_);
    rtts_.push_back(rtt);
  }

  asio::any_io_executor executor_;
  ClientOptions options_;
  tcp::socket socket_;
  mutable std::mutex state_mutex_;
  std::vector<Clock::duration> rtts_;
  tcp::endpoint remote_;
};

// A burst of concurrent clients, each started from a coroutine lambda.
awaitable<void> load_generator(ClientOptions options, int clients,
                               std::shared_ptr<std::atomic<int>> failures) {
  auto executor = co_await this_coro::executor;
  auto done = std::make_shared<std::atomic<int>>(0);
  asio::steady_timer all_done(executor, Clock::time_point::max());

  for (int i = 0; i < clients; ++i) {
    co_spawn(
        executor,
        [executor, options]() -> awaitable<Clock::duration> {
          EchoClient client(executor, options);
          co_await client.run();
          co_return client.mean_rtt();
        },
        [done, failures, clients, &all_done](std::exception_ptr e,
                                             Clock::duration rtt) {
          if (e)
            failures->fetch_add(1);
          else if (rtt > 500ms)
            log_line(Level::Warning, "slow client");
          if (done->fetch_add(1) + 1 == clients)
            all_done.cancel();
        });
  }

  std::error_code ec;
  co_await all_done.async_wait(asio::redirect_error(use_awaitable, ec));
  log_line(Level::Info, std::to_string(failures->load()) + " of " +
                            std::to_string(clients) + " clients failed");
}

//===----------------------------------------------------------------------===//
// Process-level plumbing.
//===----------------------------------------------------------------------===//

awaitable<void> wait_for_shutdown(std::vector<std::function<void()>> stoppers) {
  asio::signal_set signals(co_await this_coro::executor, SIGINT, SIGTERM);
  int signal_number = co_await signals.async_wait(use_awaitable);
  log_line(Level::Info, "signal " + std::to_string(signal_number));
  for (auto &stop : stoppers)
    stop();
}

std::map<std::string, std::string> parse_args(int argc, char **argv) {
  std::map<std::string, std::string> out;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg(argv[i]);
    if (arg.substr(0, 2) != "--")
      continue;
    auto eq = arg.find('=');
    if (eq == std::string_view::npos)
      out.emplace(std::string(arg.substr(2)), "1");
    else
      out.emplace(std::string(arg.substr(2, eq - 2)),
                  std::string(arg.substr(eq + 1)));
  }
  return out;
}

int run(int argc, char **argv) {
  auto args = parse_args(argc, argv);
  if (args.count("verbose"))
    set_log_threshold(Level::Debug);

  ServerConfig config;
  if (auto it = args.find("port"); it != args.end())
    config.port = static_cast<asio::ip::port_type>(std::stoi(it->second));

  asio::io_context context;
  asio::thread_pool pool(4);
  auto stats = std::make_shared<ServerStats>();
  ChatRoom room;
  SessionRegistry registry;
  AuditLog audit;

  tcp::acceptor echo_acceptor(context, {tcp::v4(), config.port});
  tcp::acceptor chat_acceptor(context, {tcp::v4(), 0});
  tcp::acceptor audit_acceptor(asio::make_strand(context), {tcp::v4(), 0});

  co_spawn(context, listener(std::move(echo_acceptor), stats, config),
           detached);
  co_spawn(context, chat_listener(std::move(chat_acceptor), room), detached);
  co_spawn(
      audit_acceptor.get_executor(),
      [&]() -> awaitable<void> {
        for (;;) {
          auto socket = co_await audit_acceptor.async_accept(use_awaitable);
          co_spawn(audit_acceptor.get_executor(),
                   audited_session(std::move(socket), registry, audit, pool),
                   detached);
        }
      },
      detached);
  co_spawn(context, report_stats(stats, 10s), detached);

  if (args.count("load")) {
    ClientOptions options;
    options.service = std::to_string(config.port);
    auto failures = std::make_shared<std::atomic<int>>(0);
    co_spawn(context, load_generator(options, 32, failures), detached);
  }

  std::vector<std::function<void()>> stoppers;
  stoppers.push_back([&context] { context.stop(); });
  stoppers.push_back([&pool] { pool.stop(); });
  co_spawn(context, wait_for_shutdown(std::move(stoppers)), detached);

  context.run();
  pool.join();
  log_line(Level::Info, format_snapshot(stats->snapshot()));
  return 0;
}

} // namespace echo

int main(int argc, char **argv) {
  try {
    return echo::run(argc, argv);
  } catch (const std::exception &e) {
    std::fprintf(stderr, "fatal: %s\n", e.what());
    return 1;
  }
}
