#ifndef COROLINT_CHECKS_CALLSUMMARIES_H
#define COROLINT_CHECKS_CALLSUMMARIES_H

#include "BlockingCalls.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <optional>
#include <vector>

namespace corolint {

/// Calls a function body makes itself, in source order: the body of a
/// lambda it defines, of a local class, and unevaluated operands are not
/// part of it. Constructor calls are included.
void forEachCallIn(const clang::Stmt *Body,
                   llvm::function_ref<void(const clang::Expr *Call)> Visit);

/// A path of calls from a function's body down to a blocking call: each call
/// but the last is to a function whose body makes the next one.
struct BlockingChain {
  std::vector<const clang::Expr *> Calls;
  BlockingMatch Blocking;
};

/// For each function defined in the translation unit, whether its body
/// blocks, directly or through the plain functions it calls. Computed once
/// per function. Coroutines are not followed (they block in their own
/// body, where they are reported), nor functions from system headers (the
/// models describe those), nor anything a lambda body does unless the lambda
/// is called.
class BlockingSummaries {
public:
  BlockingSummaries(const BlockingCallClassifier &Classifier,
                    clang::ASTContext &Context)
      : Classifier(Classifier), Context(Context) {}

  /// The blocking path that starts at Call, or null.
  const BlockingChain *chainFrom(const clang::Expr *Call);

private:
  struct Summary {
    std::optional<BlockingChain> Chain;
  };
  const Summary *summaryOf(const clang::FunctionDecl *Function, bool &Cut);
  bool isFollowed(const clang::FunctionDecl *Function) const;

  const BlockingCallClassifier &Classifier;
  clang::ASTContext &Context;
  llvm::DenseMap<const clang::FunctionDecl *, Summary> Summaries;
  llvm::DenseMap<const clang::Expr *, std::optional<BlockingChain>> ByCall;
  llvm::DenseSet<const clang::FunctionDecl *> InProgress;
  /// Holds an answer that is not cached.
  Summary Scratch;
};

} // namespace corolint

#endif
