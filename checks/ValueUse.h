#ifndef COROLINT_CHECKS_VALUEUSE_H
#define COROLINT_CHECKS_VALUEUSE_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include <cstdint>

namespace corolint {

/// What the code does with the value of an expression.
struct ValueUse {
  enum Kind : std::uint8_t {
    /// Evaluated as a statement, or as the left operand of a comma.
    Discarded,
    /// Cast to void: an intentional discard.
    DiscardedExplicitly,
    /// Initialises a variable: see Variable.
    Stored,
    /// A method is called on it: see MethodCall.
    MethodCalled,
    /// Anything else: tested, passed on, returned, ...
    Used,
  };
  Kind What = Used;
  const clang::VarDecl *Variable = nullptr;
  const clang::CXXMemberCallExpr *MethodCall = nullptr;
};

/// How the value of E is used, looking through implicit conversions,
/// temporaries and parentheses.
ValueUse valueUse(const clang::Expr *E, clang::ASTContext &Context);

} // namespace corolint

#endif
