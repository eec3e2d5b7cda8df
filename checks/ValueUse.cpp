#include "ValueUse.h"

#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace corolint {
namespace {

bool isTransparent(const Stmt *S) {
  return isa<ImplicitCastExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr,
             ParenExpr, ExprWithCleanups, ConstantExpr>(S);
}

/// Whether Child is the part of a statement whose value the statement uses.
bool statementUsesValue(const Stmt *Parent, const Stmt *Child) {
  if (const auto *If = dyn_cast<IfStmt>(Parent))
    return If->getCond() == Child;
  if (const auto *While = dyn_cast<WhileStmt>(Parent))
    return While->getCond() == Child;
  if (const auto *Do = dyn_cast<DoStmt>(Parent))
    return Do->getCond() == Child;
  if (const auto *For = dyn_cast<ForStmt>(Parent))
    return For->getCond() == Child;
  if (const auto *Switch = dyn_cast<SwitchStmt>(Parent))
    return Switch->getCond() == Child;
  return isa<ReturnStmt, CoreturnStmt, DeclStmt>(Parent);
}

} // namespace

ValueUse valueUse(const Expr *E, ASTContext &Context) {
  DynTypedNode Node = DynTypedNode::create(*E);
  const Stmt *Child = E;
  for (;;) {
    auto Parents = Context.getParents(Node);
    if (Parents.empty())
      return {ValueUse::Discarded};
    const DynTypedNode &Parent = Parents[0];
    if (const auto *Variable = Parent.get<VarDecl>())
      return {ValueUse::Stored, Variable};
    const auto *ParentStmt = Parent.get<Stmt>();
    if (!ParentStmt)
      return {ValueUse::Used};
    if (isTransparent(ParentStmt)) {
      Node = Parent;
      Child = ParentStmt;
      continue;
    }
    if (const auto *Cast = dyn_cast<ExplicitCastExpr>(ParentStmt))
      return {Cast->getType()->isVoidType() ? ValueUse::DiscardedExplicitly
                                            : ValueUse::Used};
    if (const auto *Comma = dyn_cast<BinaryOperator>(ParentStmt);
        Comma && Comma->isCommaOp() && Comma->getLHS() == Child)
      return {ValueUse::Discarded};
    if (const auto *Member = dyn_cast<MemberExpr>(ParentStmt)) {
      auto Calls = Context.getParents(*Member);
      if (!Calls.empty())
        if (const auto *Call = Calls[0].get<CXXMemberCallExpr>())
          return {ValueUse::MethodCalled, nullptr, Call};
      return {ValueUse::Used};
    }
    if (isa<Expr>(ParentStmt))
      return {ValueUse::Used};
    return {statementUsesValue(ParentStmt, Child) ? ValueUse::Used
                                                  : ValueUse::Discarded};
  }
}

} // namespace corolint
