// RUN: %check_clang_tidy %s coro-blocking-call %t \
// RUN:   --config="{CheckOptions: {coro-blocking-call.BlockingFunctions: 'legacy::fetchAll;::legacy::Db::query'}}"

#include "coro_test.h"

namespace storage {
[[clang::annotate("corolint::blocking")]] int readBlock(int index);
int readBlockDeclaredTwice(int index);

class [[nodiscard]] File {
public:
  [[clang::annotate("corolint::blocking")]] void sync();
  void close();
};
} // namespace storage

// The annotation may be on any declaration of the function.
[[clang::annotate("corolint::blocking")]] int storage::readBlockDeclaredTwice(int index);

namespace legacy {
int fetchAll();
class Db {
public:
  int query(int sql);
  int cached(int sql);
};
} // namespace legacy

Task<> annotated(storage::File &file) {
  use(storage::readBlock(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'storage::readBlock' blocks the thread (annotated): {{.*}}; instead, move the call to a blocking pool (spawn_blocking) or use an async alternative
  file.sync();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'storage::File::sync' blocks the thread (annotated)
  file.close();
  use(storage::readBlockDeclaredTwice(2));
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'storage::readBlockDeclaredTwice' blocks the thread (annotated)
  co_return;
}

Task<> fromOptions(legacy::Db &db) {
  use(legacy::fetchAll());
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'legacy::fetchAll' blocks the thread (user)
  use(db.query(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'legacy::Db::query' blocks the thread (user)
  use(db.cached(1));
  co_return;
}

int annotatedHelper() { return storage::readBlock(3); }

Task<> annotatedThroughAHelper() {
  use(annotatedHelper());
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'annotatedHelper' may block the thread: it calls 'storage::readBlock' (annotated)
  // CHECK-MESSAGES: :[[@LINE-5]]:32: note: 'annotatedHelper' calls 'storage::readBlock' here, which blocks
  co_return;
}
