#ifndef COROLINT_CHECKS_EXECUTORHANDOFFS_H
#define COROLINT_CHECKS_EXECUTORHANDOFFS_H

#include "Models.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/DenseMap.h"

namespace corolint {

/// The callables (lambdas, functors) a translation unit hands to executors,
/// and whether every executor each one is handed to is one whose tasks may
/// block (ApiModels::BlockingExecutorTypes and BlockingExecutorFactories).
class ExecutorHandOffs {
public:
  explicit ExecutorHandOffs(const ApiModels &Models) : Models(Models) {}

  /// Matches the calls of every method named by a blocking executor's model,
  /// whatever the object's class: a call on another executor hands the
  /// callable to an executor whose tasks must not block. Binds "handOff".
  static clang::ast_matchers::StatementMatcher matcher(const ApiModels &Models);

  /// Records the callable types a call found by matcher() hands over.
  void record(const clang::CXXMemberCallExpr *Call);

  /// Whether Callable was handed to an executor whose tasks may block, and
  /// to no other executor.
  bool onlyToBlockingExecutors(const clang::CXXRecordDecl *Callable) const;

private:
  struct Destinations {
    bool Blocking = false;
    bool Other = false;
  };

  bool toBlockingExecutor(const clang::CXXMemberCallExpr *Call) const;

  const ApiModels &Models;
  llvm::DenseMap<const clang::CXXRecordDecl *, Destinations> HandedTo;
};

} // namespace corolint

#endif
