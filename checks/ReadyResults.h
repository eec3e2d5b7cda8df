#ifndef COROLINT_CHECKS_READYRESULTS_H
#define COROLINT_CHECKS_READYRESULTS_H

#include "Models.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <memory>
#include <optional>

namespace clang {
class CFGBlock;
} // namespace clang

namespace corolint {

/// Finds the calls that wait on an object (a future, a result, a task) the
/// function already knows to be ready: on every path to the call, the
/// function awaited that same object (a variable, or a member of `this`),
/// directly or through a combinator such as when_all, waited on it, or took
/// the branch of a test that its status is ready; or the object comes ready
/// out of an await. Follows the function's control-flow graph: the await,
/// the wait or the test must dominate the call.
class ReadyResults {
public:
  explicit ReadyResults(clang::ASTContext &Context);
  ~ReadyResults();

  bool isReady(const clang::CXXMemberCallExpr *Call, const ReadyWhen &When) const {
    return isReadyAt(Call, Call->getImplicitObjectArgument(), When);
  }
  /// Whether the object Object names is ready when the call At is made:
  /// ready by where it comes from (see isReadyByOrigin), or awaited,
  /// waited on or tested ready on every path to At.
  bool isReadyAt(const clang::Expr *At, const clang::Expr *Object,
                 const ReadyWhen &When) const;
  /// Whether a statement Matches accepts comes before At on every path to
  /// it through the function around At.
  bool precededOnEveryPath(
      const clang::Expr *At,
      llvm::function_ref<bool(const clang::Stmt *)> Matches) const;
  /// The index of the parameter of the function around At that Object
  /// names, if it names one.
  std::optional<unsigned> parameterNamed(const clang::Expr *At,
                                         const clang::Expr *Object) const;

private:
  struct FunctionGraph;
  /// Where a call is in the control-flow graph of the function around it.
  struct Place {
    const FunctionGraph *Graph;
    const clang::CFGBlock *Block;
    int Index;
    /// Whether the element Index of Other comes before this place on every
    /// path to it.
    bool isPrecededBy(const clang::CFGBlock *Other, int Index) const;
  };
  std::optional<Place> placeOf(const clang::Expr *At) const;
  const FunctionGraph *graphAround(const clang::Stmt *S) const;
  const clang::FunctionDecl *functionAround(const clang::Stmt *S) const;

  clang::ASTContext &Context;
  /// Built once per function that asks.
  mutable llvm::DenseMap<const clang::Decl *, std::unique_ptr<FunctionGraph>>
      Graphs;
};

} // namespace corolint

#endif
