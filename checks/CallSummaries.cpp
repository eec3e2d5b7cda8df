#include "CallSummaries.h"

#include "OwnBodyVisitor.h"
#include "SuspensionPoints.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace corolint {
namespace {

class CallCollector : public OwnBodyVisitor<CallCollector> {
public:
  explicit CallCollector(llvm::function_ref<void(const Expr *)> Visit)
      : Visit(Visit) {}

  bool VisitCallExpr(CallExpr *Call) {
    Visit(Call);
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
    Visit(Construct);
    return true;
  }

private:
  llvm::function_ref<void(const Expr *)> Visit;
};

} // namespace

void forEachCallIn(const Stmt *Body,
                   llvm::function_ref<void(const Expr *Call)> Visit) {
  if (Body)
    CallCollector(Visit).TraverseStmt(const_cast<Stmt *>(Body));
}

bool BlockingSummaries::isFollowed(const FunctionDecl *Function) const {
  const FunctionDecl *Definition = nullptr;
  if (!Function || !Function->hasBody(Definition) || !Definition ||
      Definition->isDependentContext() || coroutineBody(Definition))
    return false;
  return !Context.getSourceManager().isInSystemHeader(
      Context.getSourceManager().getExpansionLoc(Definition->getLocation()));
}

const BlockingSummaries::Summary *
BlockingSummaries::summaryOf(const FunctionDecl *Function, bool &Cut) {
  const FunctionDecl *Definition = nullptr;
  Function->hasBody(Definition);
  if (auto It = Summaries.find(Definition); It != Summaries.end())
    return &It->second;
  if (!InProgress.insert(Definition).second) {
    Cut = true;
    return nullptr;
  }
  Summary Result;
  bool CutBelow = false;
  forEachCallIn(Definition->getBody(), [&](const Expr *Call) {
    if (Result.Chain)
      return;
    if (auto Blocking = Classifier.classify(Call)) {
      Result.Chain = BlockingChain{{Call}, *Blocking};
      return;
    }
    const FunctionDecl *Callee = calledFunction(Call);
    if (!isFollowed(Callee))
      return;
    if (const Summary *Inner = summaryOf(Callee, CutBelow);
        Inner && Inner->Chain) {
      BlockingChain Chain = *Inner->Chain;
      Chain.Calls.insert(Chain.Calls.begin(), Call);
      Result.Chain = std::move(Chain);
    }
  });
  InProgress.erase(Definition);
  // A negative answer found while a caller was still open may change once
  // that caller is known: keep it only if no cycle was cut on the way.
  if (!Result.Chain && CutBelow) {
    Cut = true;
    Scratch = std::move(Result);
    return &Scratch;
  }
  return &(Summaries[Definition] = std::move(Result));
}

const BlockingChain *BlockingSummaries::chainFrom(const Expr *Call) {
  auto [It, Inserted] = ByCall.try_emplace(Call);
  if (Inserted) {
    if (auto Blocking = Classifier.classify(Call)) {
      It->second = BlockingChain{{Call}, *Blocking};
    } else if (const FunctionDecl *Callee = calledFunction(Call);
               isFollowed(Callee)) {
      bool Cut = false;
      if (const Summary *Inner = summaryOf(Callee, Cut); Inner && Inner->Chain) {
        BlockingChain Chain = *Inner->Chain;
        Chain.Calls.insert(Chain.Calls.begin(), Call);
        It->second = std::move(Chain);
      }
    }
  }
  const std::optional<BlockingChain> &Found = It->second;
  return Found.has_value() ? &Found.value() : nullptr;
}

} // namespace corolint
