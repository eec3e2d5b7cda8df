#include "CallNames.h"

#include "TypeNames.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace corolint {

const FunctionDecl *calledFunction(const Expr *Call) {
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Call))
    return Construct->getConstructor();
  if (const auto *Plain = dyn_cast<CallExpr>(Call))
    return Plain->getDirectCallee();
  return nullptr;
}

std::string modelNameOfFunction(const FunctionDecl *Function) {
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Function))
    return modelNameOfDecl(Method->getParent()) + "::" +
           Method->getNameAsString();
  return Function->getQualifiedNameAsString();
}

/// The names a call may be modelled under: for a method, through the class
/// of the object it is called on (std::future::wait_for is declared in a
/// base class of std::future) and through the class declaring it.
std::vector<std::string> modelNamesOfCall(const Expr *Call,
                                          const FunctionDecl *Callee) {
  std::vector<std::string> Names;
  const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
  const Expr *Object = nullptr;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
    Object = Member->getImplicitObjectArgument();
  else if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(Call);
           Operator && Method && Operator->getNumArgs() > 0)
    Object = Operator->getArg(0);
  // A customisation point object: `stdexec::sync_wait(sender)` calls
  // operator() of the object stdexec::sync_wait.
  if (Method && Object && Method->getOverloadedOperator() == OO_Call)
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Object->IgnoreParenImpCasts()))
      if (isa<VarDecl>(Ref->getDecl()))
        Names.push_back(Ref->getDecl()->getQualifiedNameAsString());
  if (Method && Object) {
    std::string Class = modelNameOfType(
        pointeeOrSelf(Object->IgnoreParenImpCasts()->getType()));
    if (!Class.empty())
      Names.push_back(Class + "::" + Method->getNameAsString());
  }
  std::string Declared = modelNameOfFunction(Callee);
  if (!llvm::is_contained(Names, Declared))
    Names.push_back(std::move(Declared));
  return Names;
}

} // namespace corolint
