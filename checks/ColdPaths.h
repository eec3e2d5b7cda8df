#ifndef COROLINT_CHECKS_COLDPATHS_H
#define COROLINT_CHECKS_COLDPATHS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include <cstdint>

namespace corolint {

/// How surely a call runs when its function runs normally, coldest last.
enum class Heat : uint8_t {
  Hot,
  /// Reached only in a catch handler or an [[unlikely]] branch.
  Unlikely,
  /// Every path from the call ends in a [[noreturn]] call (exit, abort,
  /// std::terminate, a fatal logger's noreturn destructor): the process
  /// is going down, nothing waits for the executor any more.
  Doomed,
};

/// The calls of one function body that are not hot.
class ColdCalls {
public:
  ColdCalls(const clang::FunctionDecl *Function, const clang::Stmt *Body,
            clang::ASTContext &Context);

  Heat heatOf(const clang::Expr *Call) const {
    return Cold.lookup(Call); // Heat::Hot when absent
  }

private:
  void findDoomed(const clang::FunctionDecl *Function, const clang::Stmt *Body,
                  clang::ASTContext &Context);
  void findUnlikely(const clang::Stmt *Body);

  llvm::DenseMap<const clang::Expr *, Heat> Cold;
};

/// The colder of two heats: a chain is as cold as its coldest step.
inline Heat colder(Heat A, Heat B) { return A < B ? B : A; }

} // namespace corolint

#endif
