#ifndef COROLINT_CHECKS_BLOCKINGCALLS_H
#define COROLINT_CHECKS_BLOCKINGCALLS_H

#include "CallNames.h"
#include "Models.h"
#include "NonBlockingDescriptors.h"
#include "ReadyResults.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/StringSet.h"
#include <optional>
#include <string>

namespace corolint {

/// A call that blocks the calling thread.
struct BlockingMatch {
  /// The blocking function as the models name it.
  std::string Name;
  const BlockingFunction *Model = nullptr;
  /// Set when the call waits on a parameter of the function that makes it,
  /// and blocks only if the object its callers pass there is not ready.
  std::optional<unsigned> UnlessReadyParameter;
};

/// What a call passes to a parameter that a blocking match depends on.
struct PassedObject {
  /// The object is ready: the match does not block through this call.
  bool Ready = false;
  /// The object is the caller's own parameter of this index.
  std::optional<unsigned> CallerParameter;
};

/// The model used for declarations annotated
/// [[clang::annotate("corolint::blocking")]].
extern const BlockingFunction AnnotatedBlocking;

/// Decides whether one call blocks the calling thread, from the models, the
/// annotation on the callee, and the call's arguments (a zero timeout, an
/// in-memory stream, a non-blocking flag or descriptor, a result already
/// awaited).
class BlockingCallClassifier {
public:
  BlockingCallClassifier(const ApiModels &Models,
                         const llvm::StringSet<> &DisabledCategories,
                         clang::ASTContext &Context)
      : Models(Models), Disabled(DisabledCategories), Context(Context),
        Descriptors(Models, Context), Ready(Context) {}

  /// Call is a CallExpr (member, operator or free) or a CXXConstructExpr.
  /// Modelled is set when the models describe what Call calls, whether or
  /// not it blocks with these arguments.
  std::optional<BlockingMatch> classify(const clang::Expr *Call,
                                        bool &Modelled) const;
  /// What Call passes to the parameter Match.UnlessReadyParameter of the
  /// function it calls.
  PassedObject passedAt(const clang::Expr *Call, const BlockingMatch &Match) const;

private:
  std::optional<BlockingMatch> modelOf(const clang::Expr *Call) const;
  bool blocksWith(const clang::Expr *Call, const BlockingFunction &Model) const;
  bool resolvesOnlyNames(const clang::Expr *Call,
                         const BlockingFunction &Model) const;

  const ApiModels &Models;
  const llvm::StringSet<> &Disabled;
  clang::ASTContext &Context;
  NonBlockingDescriptors Descriptors;
  ReadyResults Ready;
};

} // namespace corolint

#endif
