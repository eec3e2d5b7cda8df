// RUN: %check_clang_tidy %s coro-blocking-call %t -- -I/usr/include/postgresql

// The real SQLite and libpq headers (libsqlite3-dev, libpq-dev).
#include "coro_test.h"
#include <libpq-fe.h>
#include <sqlite3.h>

Task<> queriesSqlite(const char *path) {
  sqlite3 *db = nullptr;
  sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'sqlite3_open_v2' blocks the thread (blocking-io): {{.*}}; instead, run the statement in spawn_blocking (SQLite does its file I/O and lock waits on the calling thread)
  sqlite3_stmt *statement = nullptr;
  sqlite3_prepare_v2(db, "SELECT 1", -1, &statement, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'sqlite3_prepare_v2' blocks the thread (blocking-io)
  while (sqlite3_step(statement) == SQLITE_ROW)
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'sqlite3_step' blocks the thread (blocking-io)
    use(sqlite3_column_int(statement, 0));
  sqlite3_exec(db, "VACUUM", nullptr, nullptr, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'sqlite3_exec' blocks the thread (blocking-io)
  co_return;
}

// Reading a row that sqlite3_step produced, binding and finalizing do no I/O.
Task<> readsSqliteRows(sqlite3_stmt *statement) {
  sqlite3_bind_int(statement, 1, 42);
  use(sqlite3_column_count(statement));
  use(sqlite3_column_bytes(statement, 0));
  use(sqlite3_changes(sqlite3_db_handle(statement)) > 0);
  use(sqlite3_errmsg(sqlite3_db_handle(statement)) != nullptr);
  sqlite3_reset(statement);
  sqlite3_finalize(statement);
  co_return;
}

Task<> queriesPostgresSynchronously(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'PQconnectdb' blocks the thread (blocking-io): {{.*}}; instead, connect with PQconnectStart and drive PQconnectPoll from socket readiness, or connect in spawn_blocking
  PGresult *result = PQexec(conn, "SELECT 1");
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'PQexec' blocks the thread (blocking-io): {{.*}}; instead, send with libpq's asynchronous API
  PQclear(result);
  const char *values[] = {"1"};
  PQclear(PQexecParams(conn, "SELECT $1::int", 1, nullptr, values, nullptr, nullptr, 0));
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'PQexecParams' blocks the thread (blocking-io)
  PQclear(PQprepare(conn, "q", "SELECT 1", 0, nullptr));
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'PQprepare' blocks the thread (blocking-io)
  PQclear(PQexecPrepared(conn, "q", 0, nullptr, nullptr, nullptr, 0));
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'PQexecPrepared' blocks the thread (blocking-io)
  PQreset(conn);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'PQreset' blocks the thread (blocking-io)
  PQfinish(conn);
  co_return;
}

// libpq's asynchronous API: sending, consuming input when the socket is
// readable and taking a result once PQisBusy says it has arrived.
struct Readable : Yield {
  explicit Readable(int) {}
};

Task<> queriesPostgresAsynchronously(const char *conninfo) {
  PGconn *conn = PQconnectStart(conninfo);
  PQsetnonblocking(conn, 1);
  while (PQconnectPoll(conn) != PGRES_POLLING_OK)
    co_await Readable(PQsocket(conn));
  PQsendQuery(conn, "SELECT 1");
  PQsendQueryParams(conn, "SELECT 1", 0, nullptr, nullptr, nullptr, nullptr, 0);
  PQflush(conn);
  for (;;) {
    co_await Readable(PQsocket(conn));
    PQconsumeInput(conn);
    if (PQisBusy(conn))
      continue;
    while (PGresult *result = PQgetResult(conn))
      PQclear(result);
    break;
  }
  while (PGnotify *notify = PQnotifies(conn))
    PQfreemem(notify);
  PQfinish(conn);
}
