#include "GuardHandOff.h"

#include "CallNames.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace corolint {

const Expr *skipWrappers(const Expr *E) {
  while (E) {
    E = E->IgnoreImplicit()->IgnoreParens();
    if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E))
      E = Cast->getSubExpr();
    else
      return E;
  }
  return E;
}

const VarDecl *referencedVar(const Expr *E) {
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(skipWrappers(E)))
    return dyn_cast<VarDecl>(Ref->getDecl());
  return nullptr;
}

bool isStdMove(const CallExpr *Call, bool Forward) {
  const auto *Callee = Call->getDirectCallee();
  if (!Callee || Call->getNumArgs() != 1 || !Callee->isInStdNamespace() ||
      !Callee->getIdentifier())
    return false;
  return Callee->getName() == "move" ||
         (Forward && Callee->getName() == "forward");
}

std::vector<std::pair<unsigned, const Expr *>>
argumentsByParameter(const Expr *Call) {
  std::vector<std::pair<unsigned, const Expr *>> Arguments;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Call)) {
    for (unsigned I = 0; I < Construct->getNumArgs(); ++I)
      Arguments.emplace_back(I, Construct->getArg(I));
    return Arguments;
  }
  const auto *Plain = cast<CallExpr>(Call);
  unsigned First = isa<CXXOperatorCallExpr>(Plain) &&
                           isa_and_nonnull<CXXMethodDecl>(Plain->getDirectCallee())
                       ? 1
                       : 0;
  for (unsigned I = First; I < Plain->getNumArgs(); ++I)
    Arguments.emplace_back(I - First, Plain->getArg(I));
  return Arguments;
}

namespace {

constexpr unsigned MaxDepth = 4;

bool mayTake(const FunctionDecl *Callee, unsigned Param, unsigned Depth);

/// Looks in a function body (and a constructor's initializers) for what may
/// take the guard a parameter refers to.
class TakeFinder : public RecursiveASTVisitor<TakeFinder> {
public:
  TakeFinder(const ParmVarDecl *Guard, unsigned Depth)
      : Guard(Guard), Depth(Depth) {}

  bool VisitCallExpr(CallExpr *Call) {
    if (isStdMove(Call, /*Forward=*/true)) {
      Taken |= names(Call->getArg(0));
      return !Taken;
    }
    const Expr *Object = nullptr;
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
      Object = Member->getImplicitObjectArgument();
    else if (isa<CXXOperatorCallExpr>(Call) &&
             isa_and_nonnull<CXXMethodDecl>(Call->getDirectCallee()))
      Object = Call->getArg(0);
    // unlock(), release(), swap(), operator=: the guard changes here.
    if (Object && names(Object))
      if (const auto *Method =
              dyn_cast_or_null<CXXMethodDecl>(Call->getDirectCallee()))
        Taken |= !Method->isConst();
    return visitArguments(Call);
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
    return visitArguments(Construct);
  }

  bool Taken = false;

private:
  bool names(const Expr *E) const { return referencedVar(E) == Guard; }
  bool visitArguments(const Expr *Call) {
    for (const auto &[Param, Arg] : argumentsByParameter(Call))
      if (!Taken && names(Arg))
        Taken |= mayTake(calledFunction(Call), Param, Depth + 1);
    return !Taken;
  }

  const ParmVarDecl *Guard;
  unsigned Depth;
};

bool mayTake(const FunctionDecl *Callee, unsigned Param, unsigned Depth) {
  if (!Callee || Param >= Callee->getNumParams() || Depth > MaxDepth)
    return true;
  const FunctionDecl *Definition = nullptr;
  bool Visible = Callee->hasBody(Definition) && Definition;
  if (Visible)
    Callee = Definition;
  QualType Type = Callee->getParamDecl(Param)->getType();
  if (!Type->isReferenceType())
    return true;
  if (Type->getPointeeType().isConstQualified())
    return false;
  // A function the coroutine itself calls is taken to give back a guard it
  // gets by reference (condition_variable::wait) unless its body says
  // otherwise; what it was handed with std::move, it may keep.
  bool GivesBack = Depth == 0 && !isa<CXXConstructorDecl>(Callee) &&
                   !Type->isRValueReferenceType();
  const SourceManager &SM = Callee->getASTContext().getSourceManager();
  if (!Visible ||
      SM.isInSystemHeader(SM.getExpansionLoc(Callee->getLocation())))
    return !GivesBack;
  TakeFinder Finder(Callee->getParamDecl(Param), Depth);
  Finder.TraverseDecl(const_cast<FunctionDecl *>(Callee));
  return Finder.Taken;
}

} // namespace

bool mayTakeGuard(const FunctionDecl *Callee, unsigned Param) {
  return mayTake(Callee, Param, 0);
}

} // namespace corolint
