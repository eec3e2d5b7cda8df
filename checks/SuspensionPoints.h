#ifndef COROLINT_CHECKS_SUSPENSIONPOINTS_H
#define COROLINT_CHECKS_SUSPENSIONPOINTS_H

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/StringSet.h"
#include <vector>

namespace corolint {

/// Decides whether a co_await or co_yield can really suspend the coroutine.
/// It cannot when the awaiter is listed as never suspending, when its
/// await_ready() returns constant true, or when its await_suspend() returns
/// constant false.
class SuspensionClassifier {
public:
  explicit SuspensionClassifier(const llvm::StringSet<> &NeverSuspending)
      : NeverSuspending(NeverSuspending) {}

  /// Suspension is a co_await or co_yield; in a template, one whose operand
  /// is dependent may always suspend.
  bool maySuspend(const clang::Expr *Suspension) const;

private:
  const llvm::StringSet<> &NeverSuspending;
};

/// A co_await or co_yield as written: CoawaitExpr, CoyieldExpr, or in a
/// template, DependentCoawaitExpr.
bool isSuspensionExpr(const clang::Stmt *S);

/// Where the co_await or co_yield keyword is.
clang::SourceLocation suspensionKeywordLoc(const clang::Expr *Suspension);

/// The function's coroutine body, or null when it is not a coroutine.
const clang::CoroutineBodyStmt *coroutineBody(const clang::FunctionDecl *Fn);

/// The co_await and co_yield expressions written in a coroutine's own body
/// that may suspend it, in source order. The implicit initial and final
/// suspends are not included, nor anything inside a lambda the body defines.
std::vector<const clang::Expr *>
suspensionPoints(const clang::CoroutineBodyStmt *Body,
                 const SuspensionClassifier &Classifier);

} // namespace corolint

#endif
