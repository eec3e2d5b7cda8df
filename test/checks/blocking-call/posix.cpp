// RUN: %check_clang_tidy %s coro-blocking-call %t

#include "coro_test.h"
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <netdb.h>
#include <sys/wait.h>
#include <unistd.h>

Task<> posixSleeps() {
  sleep(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'sleep' blocks the thread (sleep): {{.*}}; instead, co_await an async timer (corolint::rt::sleep)
  usleep(1000);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'usleep' blocks the thread (sleep)
  timespec delay{0, 1000};
  nanosleep(&delay, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'nanosleep' blocks the thread (sleep)
  co_return;
}

Task<> resolvesNames(const char *host) {
  addrinfo *found = nullptr;
  getaddrinfo(host, "80", nullptr, &found);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'getaddrinfo' blocks the thread (blocking-io): {{.*}}; instead, resolve with an async resolver (asio::ip::tcp::resolver::async_resolve) or in spawn_blocking
  use(gethostbyname(host) != nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'gethostbyname' blocks the thread (blocking-io)
  co_return;
}

Task<> readsFiles(FILE *file) {
  char buffer[128];
  fgets(buffer, sizeof buffer, file);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'fgets' blocks the thread (blocking-io)
  fread(buffer, 1, sizeof buffer, file);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'fread' blocks the thread (blocking-io)
  char *line = nullptr;
  size_t size = 0;
  getline(&line, &size, file);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'getline' blocks the thread (blocking-io)
  co_return;
}

Task<> runsProcesses(pid_t child) {
  int status = 0;
  waitpid(child, &status, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'waitpid' blocks the thread (process)
  use(system("true"));
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'system' blocks the thread (process)
  FILE *pipe = popen("ls", "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'popen' blocks the thread (process)
  (void)pipe;
  co_return;
}

// A C++ function of the global namespace that shares a libc name.
struct Buffer {};
int read(Buffer &buffer);

Task<> sameNameButNotLibc(Buffer &buffer) {
  use(read(buffer));
  co_return;
}
