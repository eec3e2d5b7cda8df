#ifndef COROLINT_CHECKS_NONBLOCKINGDESCRIPTORS_H
#define COROLINT_CHECKS_NONBLOCKINGDESCRIPTORS_H

#include "Models.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringSet.h"
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace corolint {

/// Whether Arg mentions one of the flags (enumerators or macros, by name):
/// `SOCK_STREAM | SOCK_NONBLOCK`, `fcntl(fd, F_GETFL) | O_NONBLOCK`.
bool hasFlag(const clang::Expr *Arg, const FlagArgument &Flags,
             clang::ASTContext &Context);

/// What a translation unit shows about its descriptors, as the models'
/// nonblocking_descriptors and readiness_waits describe: the variables,
/// members and parameters that hold a descriptor created non-blocking
/// (socket with SOCK_NONBLOCK) or set so (fcntl with O_NONBLOCK), created
/// blocking (socket without SOCK_NONBLOCK), or waited on for readiness
/// (an executor's poll), anywhere in the translation unit, followed through
/// copies, assignments, arguments, return values and the wrappers they are
/// constructed into. A descriptor is named by the variable or member that
/// holds it, or that holds the object whose accessor returns it
/// (`socket.native_handle()`). The answers do not depend on the order of the
/// code: a descriptor set non-blocking anywhere is taken to be non-blocking
/// everywhere (a lint prefers silence to a guess).
class NonBlockingDescriptors {
public:
  NonBlockingDescriptors(const ApiModels &Models, clang::ASTContext &Context);

  /// Whether the descriptor Descriptor names was made non-blocking.
  bool isNonBlocking(const clang::Expr *Descriptor) const;

  /// Whether the descriptor Descriptor names is driven by readiness: the
  /// translation unit waits for it to be ready somewhere, and does not show
  /// it created blocking. Such code expects EAGAIN from its I/O, on a
  /// descriptor made non-blocking where the translation unit cannot see.
  bool isReadinessDriven(const clang::Expr *Descriptor) const;

private:
  enum class Trait : std::uint8_t { NonBlocking, Blocking, Polled };
  struct Index {
    /// Per trait, the variables, members and parameters holding such a
    /// descriptor, and the functions returning one.
    llvm::DenseSet<const clang::Decl *> NonBlocking, Blocking, Polled;
    /// A declaration that receives the value of an expression.
    std::vector<std::pair<const clang::Decl *, const clang::Expr *>> Flows;

    llvm::DenseSet<const clang::Decl *> &of(Trait T) {
      return T == Trait::NonBlocking ? NonBlocking
             : T == Trait::Blocking  ? Blocking
                                     : Polled;
    }
    const llvm::DenseSet<const clang::Decl *> &of(Trait T) const {
      return const_cast<Index *>(this)->of(T);
    }
  };
  const Index &index() const;
  bool holds(const Index &Found, Trait T, const clang::Expr *E) const;
  const NonBlockingDescriptorCall *modelOf(const clang::CallExpr *Call) const;
  /// For a call that creates a descriptor (socket, accept4, open...),
  /// whether it creates it non-blocking.
  std::optional<bool> createsNonBlocking(const clang::CallExpr *Call) const;
  /// The descriptor a call waits on for readiness, if it is such a wait.
  const clang::Expr *awaitedDescriptor(const clang::CallExpr *Call) const;

  friend class DescriptorIndexer;
  const ApiModels &Models;
  clang::ASTContext &Context;
  /// The unqualified names of the readiness waits, to skip other calls
  /// cheaply.
  llvm::StringSet<> WaitNames;
  /// Built on the first question.
  mutable std::optional<Index> Built;
};

} // namespace corolint

#endif
