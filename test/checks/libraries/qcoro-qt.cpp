// RUN: %check_clang_tidy %s coro-lock-across-suspend,coro-blocking-call %t -- \
// RUN:   -fPIC $(pkg-config --cflags Qt6Core Qt6Network Qt6Concurrent) \
// RUN:   -I/usr/include/qcoro6 -I/usr/include/qcoro6/qcoro -I/usr/include/qcoro6/QCoro

// Coroutines of QCoro (qcoro-qt6-dev) on the real Qt 6 headers (qt6-base-dev):
// QCoro::Task, QCoro's awaitable wrappers (qCoro(...)), and Qt's own
// blocking calls and locks.
#include <chrono>
#include <QCoroAbstractSocket>
#include <QCoroFuture>
#include <QCoroProcess>
#include <QCoroTask>
#include <QCoroThread>
#include <QCoroTimer>
#include <QEventLoop>
#include <QFuture>
#include <QMutex>
#include <QMutexLocker>
#include <QProcess>
#include <QReadWriteLock>
#include <QtConcurrent/QtConcurrentRun>
#include <QTcpSocket>
#include <QThread>

using namespace std::chrono_literals;

QMutex mutex;
QReadWriteLock rw;

QCoro::Task<> lockerAcrossAwait(QTcpSocket &socket) {
  QMutexLocker locker(&mutex);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: lock on 'mutex' (QMutex) may still be held when the coroutine suspends; {{.*}} [coro-lock-across-suspend]
  co_await qCoro(socket).waitForReadyRead(1000);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the coroutine may suspend here with the lock held
}

QCoro::Task<> readAndWriteLockers(QTcpSocket &socket) {
  {
    QReadLocker reader(&rw);
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: lock on 'rw' (QReadWriteLock) may still be held
    co_await QCoro::sleepFor(10ms);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: the coroutine may suspend here with the lock held
  }
  QWriteLocker writer(&rw);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: lock on 'rw' (QReadWriteLock) may still be held
  co_await qCoro(socket).waitForConnected();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the coroutine may suspend here with the lock held
}

QCoro::Task<> manualLock() {
  mutex.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lock on 'mutex' (QMutex) may still be held
  co_await QCoro::sleepFor(10ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the coroutine may suspend here with the lock held
  mutex.unlock();
}

QCoro::Task<> lockersReleasedInTime(QTcpSocket &socket) {
  {
    QMutexLocker locker(&mutex);
  }
  co_await qCoro(socket).waitForReadyRead(1000);
  QMutexLocker locker(&mutex);
  locker.unlock();
  co_await QCoro::sleepFor(10ms);
  QWriteLocker writer(&rw);
  writer.unlock();
  co_await QCoro::sleepFor(10ms);
}

QCoro::Task<> blocksInQt(QTcpSocket &socket, QProcess &process, QThread &thread,
                         QFuture<int> future) {
  QThread::msleep(200);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'QThread::msleep' blocks the thread (sleep): {{.*}}; instead, co_await an async timer (QCoro::sleepFor, or a QTimer)
  socket.waitForReadyRead();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'QAbstractSocket::waitForReadyRead' blocks the thread (blocking-io): {{.*}}; instead, co_await the QCoro wrapper of the same wait, such as co_await qCoro(socket).waitForReadyRead(timeout), or a signal
  socket.waitForConnected(5000);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'QAbstractSocket::waitForConnected' blocks the thread (blocking-io)
  process.waitForFinished();
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'QProcess::waitForFinished' blocks the thread (process): {{.*}}; instead, co_await qCoro(process).waitForStarted() or waitForFinished()
  thread.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'QThread::wait' blocks the thread (thread-sync): {{.*}}; instead, co_await qCoro(thread).waitForFinished()
  future.waitForFinished();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'QFuture::waitForFinished' blocks the thread (sync-wait): {{.*}}; instead, co_await the future (QCoro makes QFuture awaitable)
  QEventLoop loop;
  loop.exec();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'QEventLoop::exec' blocks the thread (event-loop): {{.*}}; instead, co_await the outcome (a signal with qCoro(object, &Class::signal)) rather than running a nested event loop
  co_return;
}

// QCoro's awaitable counterparts suspend rather than block, and a zero
// timeout only polls.
QCoro::Task<> awaitsWithQCoro(QTcpSocket &socket, QProcess &process, QThread &thread,
                              QFuture<int> future) {
  co_await qCoro(socket).waitForReadyRead(1000);
  co_await qCoro(socket).waitForConnected(5000);
  co_await qCoro(process).waitForFinished();
  co_await qCoro(thread).waitForFinished();
  const int value = co_await future;
  // The lambda runs on a QThreadPool thread, where blocking is fine.
  const int computed = co_await QtConcurrent::run([] {
    QThread::msleep(100);
    return 42;
  });
  co_await qCoro(future).waitForFinished();
  co_await QCoro::sleepFor(10ms);
  socket.waitForReadyRead(0);
  process.waitForFinished(0);
  Q_UNUSED(value);
  Q_UNUSED(computed);
}
