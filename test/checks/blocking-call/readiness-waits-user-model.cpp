// RUN: %check_clang_tidy %s coro-blocking-call %t \
// RUN:   --config="{CheckOptions: {ModelFiles: '%inputs/models/user-readiness.json'}}"

#include "coro_test.h"
#include <sys/socket.h>

// A readiness wait of the user's own reactor, named in a model file.
namespace reactor {
struct Loop {
  Task<> readable(int fd);
  Task<> closed(int fd);
};
} // namespace reactor

Task<> waitsThenReceives(reactor::Loop &loop, int fd) {
  co_await loop.readable(fd);
  char buffer[64];
  recv(fd, buffer, sizeof buffer, 0);
}

// A wait the model does not name.
Task<> waitsForClose(reactor::Loop &loop, int other) {
  co_await loop.closed(other);
  char buffer[64];
  recv(other, buffer, sizeof buffer, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'recv' blocks the thread (blocking-io)
}
