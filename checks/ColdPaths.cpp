#include "ColdPaths.h"

#include "OwnBodyVisitor.h"
#include "clang/AST/Attr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"
#include <vector>

using namespace clang;

namespace corolint {
namespace {

bool isCall(const Stmt *S) { return isa<CallExpr, CXXConstructExpr>(S); }

/// Marks the calls under a catch handler or an [[unlikely]] statement.
class UnlikelyCalls : public OwnBodyVisitor<UnlikelyCalls> {
  using Base = OwnBodyVisitor<UnlikelyCalls>;

public:
  explicit UnlikelyCalls(llvm::DenseMap<const Expr *, Heat> &Cold)
      : Cold(Cold) {}

  bool TraverseCXXCatchStmt(CXXCatchStmt *Catch) {
    ++Depth;
    bool Result = Base::TraverseCXXCatchStmt(Catch);
    --Depth;
    return Result;
  }
  bool TraverseAttributedStmt(AttributedStmt *Attributed) {
    bool Unlikely = llvm::any_of(Attributed->getAttrs(), [](const Attr *A) {
      return isa<UnlikelyAttr>(A);
    });
    Depth += Unlikely;
    bool Result = Base::TraverseAttributedStmt(Attributed);
    Depth -= Unlikely;
    return Result;
  }
  bool VisitStmt(Stmt *S) {
    if (Depth > 0 && isCall(S))
      Cold.try_emplace(cast<Expr>(S), Heat::Unlikely);
    return true;
  }

private:
  llvm::DenseMap<const Expr *, Heat> &Cold;
  unsigned Depth = 0;
};

} // namespace

ColdCalls::ColdCalls(const FunctionDecl *Function, const Stmt *Body,
                     ASTContext &Context) {
  if (!Body)
    return;
  findDoomed(Function, Body, Context);
  findUnlikely(Body);
}

// A block is doomed when it makes a noreturn call, or when it has successors
// and all of them are doomed: the least fixed point, so a loop that may run
// forever without reaching one is not doomed.
void ColdCalls::findDoomed(const FunctionDecl *Function, const Stmt *Body,
                           ASTContext &Context) {
  CFG::BuildOptions Options;
  Options.AddImplicitDtors = true;
  Options.AddTemporaryDtors = true;
  Options.setAllAlwaysAdd();
  std::unique_ptr<CFG> Graph =
      CFG::buildCFG(Function, const_cast<Stmt *>(Body), &Context, Options);
  if (!Graph)
    return;
  std::vector<bool> Doomed(Graph->getNumBlockIDs(), false);
  bool Any = false;
  for (const CFGBlock *Block : *Graph)
    if (Block->hasNoReturnElement())
      Any = Doomed[Block->getBlockID()] = true;
  if (!Any)
    return;
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const CFGBlock *Block : *Graph) {
      if (Doomed[Block->getBlockID()] || Block == &Graph->getExit())
        continue;
      bool HasSuccessor = false, AllDoomed = true;
      for (const CFGBlock *Successor : Block->succs())
        if (Successor) {
          HasSuccessor = true;
          AllDoomed = AllDoomed && Doomed[Successor->getBlockID()];
        }
      if (HasSuccessor && AllDoomed)
        Changed = Doomed[Block->getBlockID()] = true;
    }
  }
  for (const CFGBlock *Block : *Graph)
    if (Doomed[Block->getBlockID()])
      for (const CFGElement &Element : *Block)
        if (auto Statement = Element.getAs<CFGStmt>())
          if (isCall(Statement->getStmt()))
            Cold[cast<Expr>(Statement->getStmt())] = Heat::Doomed;
}

void ColdCalls::findUnlikely(const Stmt *Body) {
  UnlikelyCalls(Cold).TraverseStmt(const_cast<Stmt *>(Body));
}

} // namespace corolint
