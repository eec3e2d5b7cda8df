#ifndef COROLINT_CHECKS_CALLSUMMARIES_H
#define COROLINT_CHECKS_CALLSUMMARIES_H

#include "BlockingCalls.h"
#include "ColdPaths.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include <deque>
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
  const BlockingMatch *Blocking = nullptr;
  /// The coldest of its calls.
  Heat Level = Heat::Hot;
};

/// For each function defined in the translation unit, the blocking
/// functions its body reaches, directly or through the plain functions it
/// calls. Computed once per function: the call graph is walked without
/// native recursion, and recursive functions are solved together, as a
/// fixed point over each strongly connected component. Coroutines are not
/// followed (they block in their own body, where they are reported), nor
/// functions from system headers (the models describe those), nor anything
/// a lambda body does unless the lambda is called, nor calls from which
/// every path ends in a [[noreturn]] call.
class BlockingSummaries {
public:
  BlockingSummaries(const BlockingCallClassifier &Classifier,
                    clang::ASTContext &Context)
      : Classifier(Classifier), Context(Context) {}

  /// The blocking paths that start at Call: one per distinct blocking
  /// function it reaches (and per parameter whose object decides whether it
  /// blocks), through the hottest path to it, in the order its callees'
  /// bodies reach them. A path that waits on an object Call passes ready is
  /// left out. The heat of Call itself is the caller's to
  /// add; doomed paths below it are left out.
  std::vector<BlockingChain> chainsFrom(const clang::Expr *Call);

private:
  /// One blocking function a body reaches: the first call in the body that
  /// leads to it, and the function that call continues into (null when the
  /// call itself blocks). A chain is stored as these links, never copied.
  struct Step {
    const clang::Expr *Call = nullptr;
    const BlockingMatch *Blocking = nullptr;
    const clang::FunctionDecl *Next = nullptr;
    Heat Level = Heat::Hot;
    /// The parameter of this function whose object must not be ready for
    /// the step to block, and the one of Next's step it continues into.
    std::optional<unsigned> UnlessReady;
    std::optional<unsigned> NextUnlessReady;
  };
  using Summary = llvm::SmallVector<Step, 1>;
  /// A call in a body: blocking by itself, or to a function that is
  /// followed, or neither (then it is not recorded).
  struct CallSite {
    const clang::Expr *Call;
    const BlockingMatch *Blocking;
    const clang::FunctionDecl *Callee;
    Heat Level = Heat::Hot;
  };

  void summarise(const clang::FunctionDecl *Root);
  void solve(llvm::ArrayRef<const clang::FunctionDecl *> Component);
  bool update(const clang::FunctionDecl *Function);
  const std::vector<CallSite> &callSites(const clang::FunctionDecl *Function);
  /// What a call is to a summary: a blocking call, a call to a function
  /// whose body is followed, or neither (both null).
  struct Examined {
    const BlockingMatch *Blocking;
    const clang::FunctionDecl *Callee;
  };
  Examined examine(const clang::Expr *Call);
  const clang::FunctionDecl *followed(const clang::Expr *Call) const;
  BlockingChain chainAfter(const clang::Expr *Call, const Step &First) const;
  PassedObject passedAt(const clang::Expr *Call, const Step &Callee) const;

  const BlockingCallClassifier &Classifier;
  clang::ASTContext &Context;
  /// Final summaries, and while a component is being solved, its members'
  /// partial ones.
  llvm::DenseMap<const clang::FunctionDecl *, Summary> Summaries;
  /// Call sites of the functions whose component is not solved yet.
  llvm::DenseMap<const clang::FunctionDecl *, std::vector<CallSite>> Sites;
  /// Every blocking call found, at a stable address.
  std::deque<BlockingMatch> Matches;
};

} // namespace corolint

#endif
