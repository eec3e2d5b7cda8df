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

bool isUnlikely(const AttributedStmt *Attributed) {
  return llvm::any_of(Attributed->getAttrs(),
                      [](const Attr *A) { return isa<UnlikelyAttr>(A); });
}

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
    bool Unlikely = isUnlikely(Attributed);
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

/// Whether a body has anything that makes a call cold: a call that does not
/// return, an object whose destructor does not, a catch handler, an
/// [[unlikely]] statement. Most bodies have none, and need no CFG.
class ColdMarkers : public OwnBodyVisitor<ColdMarkers> {
public:
  bool Found = false;

  bool VisitCallExpr(CallExpr *Call) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    Found = Found || (Callee && Callee->isNoReturn());
    return !Found;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
    const CXXRecordDecl *Class = Construct->getConstructor()->getParent();
    const CXXDestructorDecl *Destructor = Class->getDestructor();
    Found = Found || (Destructor && Destructor->isNoReturn());
    return !Found;
  }
  bool VisitCXXCatchStmt(CXXCatchStmt *) { return !(Found = true); }
  bool VisitAttributedStmt(AttributedStmt *Attributed) {
    Found = Found || isUnlikely(Attributed);
    return !Found;
  }
};

} // namespace

ColdCalls::ColdCalls(const FunctionDecl *Function, const Stmt *Body,
                     ASTContext &Context) {
  if (!Body)
    return;
  ColdMarkers Markers;
  Markers.TraverseStmt(const_cast<Stmt *>(Body));
  if (!Markers.Found)
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
