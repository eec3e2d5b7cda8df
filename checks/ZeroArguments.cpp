#include "ZeroArguments.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;

namespace corolint {
namespace {

bool isZero(const APValue &Value) {
  if (Value.isInt())
    return Value.getInt().isZero();
  if (Value.isFloat())
    return Value.getFloat().isZero();
  if (!Value.isStruct() ||
      Value.getStructNumBases() + Value.getStructNumFields() == 0)
    return false;
  // A duration (one member, the count) or a timeval/timespec: every member
  // and base is zero.
  for (unsigned I = 0; I < Value.getStructNumBases(); ++I)
    if (!isZero(Value.getStructBase(I)))
      return false;
  for (unsigned I = 0; I < Value.getStructNumFields(); ++I)
    if (!isZero(Value.getStructField(I)))
      return false;
  return true;
}

bool isConstantZero(const Expr *E, ASTContext &Context) {
  Expr::EvalResult Result;
  return !E->isValueDependent() && E->EvaluateAsRValue(Result, Context) &&
         isZero(Result.Val);
}

/// The variable E is or is a member (of a member...) of.
const VarDecl *rootVariable(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  while (const auto *Member = dyn_cast<MemberExpr>(E))
    E = Member->getBase()->IgnoreParenImpCasts();
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  return Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
}

/// Checks every write to one local variable in its function's body.
class ZeroWrites : public RecursiveASTVisitor<ZeroWrites> {
public:
  ZeroWrites(const VarDecl *Var, ASTContext &Context)
      : Var(Var), Context(Context) {}

  bool VisitBinaryOperator(BinaryOperator *Op) {
    if (Op->isAssignmentOp() && rootVariable(Op->getLHS()) == Var) {
      Writes = true;
      AllZero &= Op->getOpcode() == BO_Assign &&
                 isConstantZero(Op->getRHS(), Context);
    }
    return AllZero;
  }
  bool VisitUnaryOperator(UnaryOperator *Op) {
    if (Op->isIncrementDecrementOp() && rootVariable(Op->getSubExpr()) == Var)
      AllZero = false;
    return AllZero;
  }
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Op) {
    if (Op->isAssignmentOp() && rootVariable(Op->getArg(0)) == Var)
      AllZero = false;
    return AllZero;
  }

  bool Writes = false;
  bool AllZero = true;

private:
  const VarDecl *Var;
  ASTContext &Context;
};

bool pointsToZero(const Expr *Arg, ASTContext &Context) {
  const auto *AddressOf = dyn_cast<UnaryOperator>(Arg->IgnoreParenImpCasts());
  if (!AddressOf || AddressOf->getOpcode() != UO_AddrOf)
    return false;
  const auto *Ref =
      dyn_cast<DeclRefExpr>(AddressOf->getSubExpr()->IgnoreParenImpCasts());
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Var || !Var->isLocalVarDecl() || Var->isStaticLocal())
    return false;
  const auto *Function = dyn_cast<FunctionDecl>(Var->getDeclContext());
  if (!Function || !Function->getBody())
    return false;
  const Expr *Init = Var->getInit();
  // `timeval tv;` runs a trivial constructor: no value yet.
  if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(Init);
      Construct && Construct->getNumArgs() == 0 &&
      Construct->getConstructor()->isTrivial() &&
      !Construct->requiresZeroInitialization())
    Init = nullptr;
  if (Init && !isConstantZero(Init, Context))
    return false;
  ZeroWrites Writes(Var, Context);
  Writes.TraverseStmt(Function->getBody());
  return Writes.AllZero && (Init || Writes.Writes);
}

} // namespace

bool isZeroArgument(const Expr *Arg, ASTContext &Context) {
  return isConstantZero(Arg, Context) || pointsToZero(Arg, Context);
}

} // namespace corolint
