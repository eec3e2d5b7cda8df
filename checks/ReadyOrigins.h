#ifndef COROLINT_CHECKS_READYORIGINS_H
#define COROLINT_CHECKS_READYORIGINS_H

#include "Models.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"

namespace corolint {

/// Whether E names an object that is ready because of where it comes from:
/// what `co_await r.resolve()` or `co_await when_all(...)` gave back, or a
/// part of it (`done[i]`, `std::get<1>(done)`), or the winner of
/// `co_await when_any(...)` (`any.results[any.index]`, or `std::get<N>(
/// any.results)` under `case N:` of a `switch (any.index)`), directly or
/// through a variable bound to one of these.
/// E without the moves, forwards and copies that hand its object on.
const clang::Expr *withoutMoves(const clang::Expr *E);

bool isReadyByOrigin(const clang::Expr *E, const ReadyWhen &When,
                     clang::ASTContext &Context);

} // namespace corolint

#endif
