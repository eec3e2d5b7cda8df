// RUN: %check_clang_tidy %s coro-blocking-call %t

#include "coro_test.h"
#include <fcntl.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <unistd.h>

// A descriptor the coroutine knows nothing about blocks.
Task<> readsAnyDescriptor(int fd) {
  char buffer[64];
  read(fd, buffer, sizeof buffer);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'read' blocks the thread (blocking-io): {{.*}}; instead, use an async descriptor (asio::posix::stream_descriptor::async_read_some) or spawn_blocking
  recv(fd, buffer, sizeof buffer, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'recv' blocks the thread (blocking-io)
  send(fd, buffer, sizeof buffer, MSG_NOSIGNAL);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'send' blocks the thread (blocking-io)
  co_return;
}

Task<> createdNonBlocking() {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  sockaddr address{};
  connect(fd, &address, sizeof address);
  char buffer[64];
  recv(fd, buffer, sizeof buffer, 0);
  send(fd, buffer, sizeof buffer, 0);
  co_return;
}

Task<> createdBlocking() {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr address{};
  connect(fd, &address, sizeof address);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'connect' blocks the thread (blocking-io)
  co_return;
}

Task<> setWithFcntl(int listener) {
  int flags = fcntl(listener, F_GETFL, 0);
  fcntl(listener, F_SETFL, flags | O_NONBLOCK);
  int peer = accept(listener, nullptr, nullptr);
  // The accepted socket does not inherit O_NONBLOCK on Linux.
  char buffer[64];
  read(peer, buffer, sizeof buffer);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'read' blocks the thread (blocking-io)
  co_return;
}

Task<> acceptedNonBlocking(int listener) {
  int on = 1;
  ioctl(listener, FIONBIO, &on);
  int peer = accept4(listener, nullptr, nullptr, SOCK_NONBLOCK);
  char buffer[64];
  read(peer, buffer, sizeof buffer);
  co_return;
}

// Only some flags make a descriptor non-blocking.
Task<> otherFcntl(int fd) {
  fcntl(fd, F_SETFD, FD_CLOEXEC);
  char buffer[64];
  recv(fd, buffer, sizeof buffer, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'recv' blocks the thread (blocking-io)
  co_return;
}

Task<> dontWait(int fd) {
  char buffer[64];
  recv(fd, buffer, sizeof buffer, MSG_DONTWAIT | MSG_PEEK);
  send(fd, buffer, sizeof buffer, MSG_DONTWAIT);
  co_return;
}

// A member set non-blocking in the constructor, through a helper that
// takes the descriptor as a parameter and returns it.
int makeNonBlocking(int fd) {
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
  return fd;
}

class Connection {
public:
  explicit Connection(int fd) : fd_(makeNonBlocking(fd)) {}
  Task<> pump() {
    char buffer[64];
    read(fd_, buffer, sizeof buffer);
    co_return;
  }

private:
  int fd_;
};

// A member no method sets non-blocking.
class BlockingConnection {
public:
  explicit BlockingConnection(int fd) : fd_(fd) {}
  Task<> pump() {
    char buffer[64];
    read(fd_, buffer, sizeof buffer);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'read' blocks the thread (blocking-io)
    co_return;
  }

private:
  int fd_;
};

// A descriptor made by a helper and handed to a coroutine.
int listenSocket() {
  int fd = socket(AF_INET6, SOCK_STREAM, 0);
  fcntl(fd, F_SETFL, O_NONBLOCK);
  return fd;
}

Task<> serve(int listener) {
  int peer = accept(listener, nullptr, nullptr);
  (void)peer;
  co_return;
}

void startServer() { serve(listenSocket()); }

// Readiness polled with a zero timeout does not wait.
Task<> pollsWithoutWaiting(int fd, int epoll) {
  pollfd entry{fd, POLLIN, 0};
  poll(&entry, 1, 0);
  epoll_event events[8];
  epoll_wait(epoll, events, 8, 0);
  fd_set readable;
  FD_ZERO(&readable);
  timeval now{};
  select(fd + 1, &readable, nullptr, nullptr, &now);
  timeval alsoNow;
  alsoNow.tv_sec = 0;
  alsoNow.tv_usec = 0;
  select(fd + 1, &readable, nullptr, nullptr, &alsoNow);
  co_return;
}

Task<> pollsAndWaits(int fd, int epoll) {
  pollfd entry{fd, POLLIN, 0};
  poll(&entry, 1, -1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'poll' blocks the thread (blocking-io)
  epoll_event events[8];
  epoll_wait(epoll, events, 8, 100);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'epoll_wait' blocks the thread (blocking-io)
  fd_set readable;
  FD_ZERO(&readable);
  select(fd + 1, &readable, nullptr, nullptr, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'select' blocks the thread (blocking-io)
  timeval later{};
  later.tv_sec = 1;
  select(fd + 1, &readable, nullptr, nullptr, &later);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'select' blocks the thread (blocking-io)
  co_return;
}
