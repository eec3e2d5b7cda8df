#ifndef COROLINT_CHECKS_ZEROARGUMENTS_H
#define COROLINT_CHECKS_ZEROARGUMENTS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"

namespace corolint {

/// Whether a timeout argument is zero: a constant zero number or duration
/// (`0`, `0s`), or the address of a local timeout that is only ever set to
/// zero (`timeval tv{}; select(..., &tv)`).
bool isZeroArgument(const clang::Expr *Arg, clang::ASTContext &Context);

} // namespace corolint

#endif
