#include "SuspensionPoints.h"

#include "TypeNames.h"
#include "clang/AST/ASTContext.h"
#include "OwnBodyVisitor.h"

using namespace clang;

namespace corolint {
namespace {

/// The method called by an await_ready()/await_suspend() expression.
const CXXMethodDecl *calledMethod(const Expr *Call) {
  if (!Call)
    return nullptr;
  if (const auto *Member =
          dyn_cast<CXXMemberCallExpr>(Call->IgnoreImplicit()->IgnoreParens()))
    return Member->getMethodDecl();
  return nullptr;
}

/// The constant a method returns when its body is a single return statement.
std::optional<bool> constantResult(const CXXMethodDecl *Method) {
  if (!Method || !Method->getReturnType()->isBooleanType())
    return std::nullopt;
  const FunctionDecl *Definition = nullptr;
  if (!Method->hasBody(Definition))
    return std::nullopt;
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Definition->getBody());
  if (!Body || Body->size() != 1)
    return std::nullopt;
  const auto *Return = dyn_cast<ReturnStmt>(Body->body_front());
  if (!Return || !Return->getRetValue())
    return std::nullopt;
  bool Value = false;
  if (!Return->getRetValue()->EvaluateAsBooleanCondition(
          Value, Definition->getASTContext()))
    return std::nullopt;
  return Value;
}

class SuspensionFinder : public OwnBodyVisitor<SuspensionFinder> {
public:
  SuspensionFinder(const SuspensionClassifier &Classifier,
                   std::vector<const Expr *> &Found)
      : Classifier(Classifier), Found(Found) {}

  bool VisitCoawaitExpr(CoawaitExpr *E) { return record(E); }
  bool VisitCoyieldExpr(CoyieldExpr *E) { return record(E); }
  bool VisitDependentCoawaitExpr(DependentCoawaitExpr *E) { return record(E); }

private:
  bool record(const Expr *E) {
    if (Classifier.maySuspend(E))
      Found.push_back(E);
    return true;
  }

  const SuspensionClassifier &Classifier;
  std::vector<const Expr *> &Found;
};

} // namespace

bool isSuspensionExpr(const Stmt *S) {
  return isa_and_nonnull<CoroutineSuspendExpr, DependentCoawaitExpr>(S);
}

SourceLocation suspensionKeywordLoc(const Expr *Suspension) {
  if (const auto *Dependent = dyn_cast<DependentCoawaitExpr>(Suspension))
    return Dependent->getKeywordLoc();
  return cast<CoroutineSuspendExpr>(Suspension)->getKeywordLoc();
}

bool SuspensionClassifier::maySuspend(const Expr *Suspension) const {
  const auto *Suspend = dyn_cast<CoroutineSuspendExpr>(Suspension);
  if (!Suspend || !Suspend->getReadyExpr())
    return true;
  if (const Expr *Common = Suspend->getCommonExpr()) {
    std::string Awaiter = modelNameOfType(Common->getType());
    if (!Awaiter.empty() && NeverSuspending.contains(Awaiter))
      return false;
  }
  if (constantResult(calledMethod(Suspend->getReadyExpr())) == true)
    return false;
  if (constantResult(calledMethod(Suspend->getSuspendExpr())) == false)
    return false;
  return true;
}

const CoroutineBodyStmt *coroutineBody(const FunctionDecl *Fn) {
  return Fn ? dyn_cast_or_null<CoroutineBodyStmt>(Fn->getBody()) : nullptr;
}

std::vector<const Expr *>
suspensionPoints(const CoroutineBodyStmt *Body,
                 const SuspensionClassifier &Classifier) {
  std::vector<const Expr *> Found;
  if (Body && Body->getBody())
    SuspensionFinder(Classifier, Found)
        .TraverseStmt(const_cast<Stmt *>(static_cast<const Stmt *>(Body->getBody())));
  return Found;
}

} // namespace corolint
