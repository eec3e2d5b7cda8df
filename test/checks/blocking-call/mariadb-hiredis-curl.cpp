// RUN: %check_clang_tidy %s coro-blocking-call %t -- \
// RUN:   -I/usr/include/mariadb -I/usr/include/hiredis

// The real MariaDB Connector/C, hiredis and libcurl headers (libmariadb-dev,
// libhiredis-dev, libcurl4-openssl-dev).
#include "coro_test.h"
#include <async.h>
#include <curl/curl.h>
#include <hiredis.h>
#include <mysql.h>

Task<> queriesMariadb(MYSQL *mysql) {
  mysql_real_connect(mysql, "localhost", "user", "pw", "db", 0, nullptr, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mysql_real_connect' blocks the thread (blocking-io): {{.*}}; instead, use the client's non-blocking API (the _start/_cont pairs of MariaDB Connector/C, such as mysql_real_query_start), or run the call in spawn_blocking
  mysql_query(mysql, "SELECT 1");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mysql_query' blocks the thread (blocking-io)
  MYSQL_RES *result = mysql_store_result(mysql);
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'mysql_store_result' blocks the thread (blocking-io)
  // The rows of a stored result are in memory.
  while (MYSQL_ROW row = mysql_fetch_row(result))
    use(row[0] != nullptr);
  mysql_free_result(result);
  MYSQL_STMT *statement = mysql_stmt_init(mysql);
  mysql_stmt_prepare(statement, "SELECT 1", 8);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mysql_stmt_prepare' blocks the thread (blocking-io)
  mysql_stmt_execute(statement);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mysql_stmt_execute' blocks the thread (blocking-io)
  co_return;
}

// Connector/C's non-blocking API: each _start/_cont call returns at once
// with the events to wait for.
struct SocketEvents : Yield {
  explicit SocketEvents(int) {}
};

Task<> queriesMariadbWithoutBlocking(MYSQL *mysql) {
  mysql_options(mysql, MYSQL_OPT_NONBLOCK, nullptr);
  int error = 0;
  int status = mysql_real_query_start(&error, mysql, "SELECT 1", 8);
  while (status) {
    co_await SocketEvents(mysql_get_socket(mysql));
    status = mysql_real_query_cont(&error, mysql, status);
  }
  MYSQL_RES *result = nullptr;
  status = mysql_store_result_start(&result, mysql);
  while (status) {
    co_await SocketEvents(mysql_get_socket(mysql));
    status = mysql_store_result_cont(&result, mysql, status);
  }
  use(mysql_errno(mysql));
  mysql_free_result(result);
}

Task<> queriesRedisSynchronously() {
  redisContext *context = redisConnect("127.0.0.1", 6379);
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'redisConnect' blocks the thread (blocking-io): {{.*}}; instead, use hiredis's async API (redisAsyncConnect, redisAsyncCommand) with an event-loop adapter, or run the call in spawn_blocking
  auto *reply = static_cast<redisReply *>(redisCommand(context, "GET %s", "key"));
  // CHECK-MESSAGES: :[[@LINE-1]]:43: warning: 'redisCommand' blocks the thread (blocking-io)
  freeReplyObject(reply);
  // Appending only buffers the command; taking its reply waits for it.
  redisAppendCommand(context, "PING");
  void *pong = nullptr;
  redisGetReply(context, &pong);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'redisGetReply' blocks the thread (blocking-io)
  freeReplyObject(pong);
  redisFree(context);
  co_return;
}

void onReply(redisAsyncContext *, void *, void *) {}

Task<> queriesRedisAsynchronously() {
  redisAsyncContext *context = redisAsyncConnect("127.0.0.1", 6379);
  redisAsyncCommand(context, onReply, nullptr, "GET %s", "key");
  co_await Yield{};
  redisAsyncDisconnect(context);
}

Task<> fetchesWithCurlEasy(CURL *easy) {
  curl_easy_setopt(easy, CURLOPT_URL, "https://example.org");
  curl_easy_perform(easy);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'curl_easy_perform' blocks the thread (blocking-io): {{.*}}; instead, drive the transfer with the multi interface from the event loop (curl_multi_socket_action), or run it in spawn_blocking
  co_return;
}

Task<> fetchesWithCurlMulti(CURLM *multi, CURL *easy) {
  curl_multi_add_handle(multi, easy);
  int running = 1;
  while (running) {
    curl_multi_perform(multi, &running);
    curl_multi_poll(multi, nullptr, 0, 0, nullptr);
    curl_multi_wait(multi, nullptr, 0, 0, nullptr);
    co_await Yield{};
  }
  curl_multi_poll(multi, nullptr, 0, 1000, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'curl_multi_poll' blocks the thread (blocking-io): {{.*}}; instead, let the event loop wait for the transfers' sockets (CURLMOPT_SOCKETFUNCTION, curl_multi_socket_action), or poll with a zero timeout
  curl_multi_wait(multi, nullptr, 0, 500, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'curl_multi_wait' blocks the thread (blocking-io)
  int handles = 0;
  curl_multi_socket_action(multi, CURL_SOCKET_TIMEOUT, 0, &handles);
  curl_multi_remove_handle(multi, easy);
}
