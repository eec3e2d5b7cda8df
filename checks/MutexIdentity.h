#ifndef COROLINT_CHECKS_MUTEXIDENTITY_H
#define COROLINT_CHECKS_MUTEXIDENTITY_H

#include "LockState.h"
#include "clang/AST/Expr.h"

namespace corolint {

/// Names the mutex an expression refers to, so that `m`, `&m` and `(m)`, or
/// `p->mu` and `(*p).mu`, are the same mutex for a lock and its unlock.
MutexRef mutexRef(const clang::Expr *MutexExpr, clang::ASTContext &Context);

/// The key mutexRef() gives an expression naming just this variable.
std::string variableKey(const clang::ValueDecl *Variable);

} // namespace corolint

#endif
