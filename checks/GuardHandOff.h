#ifndef COROLINT_CHECKS_GUARDHANDOFF_H
#define COROLINT_CHECKS_GUARDHANDOFF_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include <utility>
#include <vector>

namespace corolint {

/// E without implicit conversions, parentheses and functional casts.
const clang::Expr *skipWrappers(const clang::Expr *E);

/// The variable E names, if it is just a variable.
const clang::VarDecl *referencedVar(const clang::Expr *E);

/// `std::move(x)`, or `std::forward<T>(x)` when Forward is set.
bool isStdMove(const clang::CallExpr *Call, bool Forward = false);

/// The arguments of a call or a construction, each with the index of the
/// parameter it initialises (the object of a member operator is not one).
std::vector<std::pair<unsigned, const clang::Expr *>>
argumentsByParameter(const clang::Expr *Call);

/// Whether a guard passed to parameter Param of Callee (a function or a
/// constructor) may no longer hold its lock once the call returns: the
/// callee takes it by value, or its body moves it away, releases, unlocks or
/// swaps it, or hands it on to a call that may. A constant reference never
/// takes it. A constructor (an awaiter that stores the guard) or a function
/// taking an rvalue reference whose body cannot be seen, or is in a system
/// header, may have taken it; any other such function is taken to give the
/// guard back as it got it, as std::condition_variable::wait does.
bool mayTakeGuard(const clang::FunctionDecl *Callee, unsigned Param);

} // namespace corolint

#endif
