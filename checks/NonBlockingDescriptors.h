#ifndef COROLINT_CHECKS_NONBLOCKINGDESCRIPTORS_H
#define COROLINT_CHECKS_NONBLOCKINGDESCRIPTORS_H

#include "Models.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseSet.h"
#include <optional>
#include <utility>
#include <vector>

namespace corolint {

/// Whether Arg mentions one of the flags (enumerators or macros, by name):
/// `SOCK_STREAM | SOCK_NONBLOCK`, `fcntl(fd, F_GETFL) | O_NONBLOCK`.
bool hasFlag(const clang::Expr *Arg, const FlagArgument &Flags,
             clang::ASTContext &Context);

/// The descriptors a translation unit makes non-blocking, as the models'
/// nonblocking_descriptors describe: variables, members and parameters that
/// hold a descriptor created non-blocking (socket with SOCK_NONBLOCK) or set
/// so (fcntl with O_NONBLOCK) anywhere in the translation unit, followed
/// through copies, assignments, arguments and return values. The answer does
/// not depend on the order of the code: a descriptor set non-blocking
/// anywhere is taken to be non-blocking everywhere (a lint prefers silence
/// to a guess).
class NonBlockingDescriptors {
public:
  NonBlockingDescriptors(const ApiModels &Models, clang::ASTContext &Context)
      : Models(Models), Context(Context) {}

  /// Whether the descriptor Descriptor names was made non-blocking.
  bool isNonBlocking(const clang::Expr *Descriptor) const;

private:
  struct Index {
    /// Variables, members and parameters holding a non-blocking descriptor,
    /// and functions returning one.
    llvm::DenseSet<const clang::Decl *> NonBlocking;
    /// A declaration that receives the value of an expression.
    std::vector<std::pair<const clang::Decl *, const clang::Expr *>> Flows;
  };
  const Index &index() const;
  bool holdsNonBlocking(const Index &Found, const clang::Expr *E) const;
  const NonBlockingDescriptorCall *modelOf(const clang::CallExpr *Call) const;

  friend class DescriptorIndexer;
  const ApiModels &Models;
  clang::ASTContext &Context;
  /// Built on the first question.
  mutable std::optional<Index> Built;
};

} // namespace corolint

#endif
