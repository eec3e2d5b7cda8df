#ifndef COROLINT_TEST_USER_LOCKS_H
#define COROLINT_TEST_USER_LOCKS_H

namespace user {
class RwSpin {
public:
  void acquire_read();
  void acquire_write();
  void release();
};
class Hybrid {
public:
  void lock();
  void unlock();
};
template <typename M> class SpinGuard {
public:
  explicit SpinGuard(M &m) : m_(m) { m_.lock(); }
  ~SpinGuard() { m_.unlock(); }
private:
  M &m_;
};
} // namespace user

#endif
