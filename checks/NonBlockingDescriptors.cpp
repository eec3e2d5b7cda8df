#include "NonBlockingDescriptors.h"

#include "CallNames.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace corolint {
namespace {

bool mentionsFlag(const Stmt *S, const FlagArgument &Flags,
                  const SourceManager &SM, const LangOptions &Lang) {
  if (!S)
    return false;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
    if (const auto *Enumerator = dyn_cast<EnumConstantDecl>(Ref->getDecl());
        Enumerator && llvm::is_contained(Flags.Flags, Enumerator->getName()))
      return true;
  // A macro (O_NONBLOCK, FIONBIO) expanded to this expression.
  for (SourceLocation Loc = S->getBeginLoc(); Loc.isMacroID();
       Loc = SM.getImmediateMacroCallerLoc(Loc))
    if (llvm::is_contained(Flags.Flags,
                           Lexer::getImmediateMacroName(Loc, SM, Lang)))
      return true;
  for (const Stmt *Child : S->children())
    if (mentionsFlag(Child, Flags, SM, Lang))
      return true;
  return false;
}

/// The declaration an expression names: a variable or parameter, or a
/// member (of any object of its class).
const Decl *heldIn(const Expr *E) {
  E = E->IgnoreParenCasts();
  const ValueDecl *Held = nullptr;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    Held = dyn_cast<VarDecl>(Ref->getDecl());
  else if (const auto *Member = dyn_cast<MemberExpr>(E))
    Held = dyn_cast<FieldDecl>(Member->getMemberDecl());
  if (!Held || !Held->getType()->isIntegerType())
    return nullptr;
  return Held->getCanonicalDecl();
}

} // namespace

bool hasFlag(const Expr *Arg, const FlagArgument &Flags, ASTContext &Context) {
  return mentionsFlag(Arg, Flags, Context.getSourceManager(),
                      Context.getLangOpts());
}

/// Collects, in one walk of the translation unit, the descriptors set
/// non-blocking and the flows of values between declarations.
class DescriptorIndexer : public RecursiveASTVisitor<DescriptorIndexer> {
public:
  DescriptorIndexer(const NonBlockingDescriptors &Owner,
                    NonBlockingDescriptors::Index &Found)
      : Owner(Owner), Found(Found) {}

  bool shouldVisitTemplateInstantiations() const { return true; }

  bool TraverseFunctionDecl(FunctionDecl *Function) {
    return within(Function, [&] {
      return RecursiveASTVisitor::TraverseFunctionDecl(Function);
    });
  }
  bool TraverseCXXMethodDecl(CXXMethodDecl *Method) {
    return within(Method, [&] {
      return RecursiveASTVisitor::TraverseCXXMethodDecl(Method);
    });
  }
  bool TraverseCXXConstructorDecl(CXXConstructorDecl *Constructor) {
    return within(Constructor, [&] {
      return RecursiveASTVisitor::TraverseCXXConstructorDecl(Constructor);
    });
  }

  bool TraverseLambdaExpr(LambdaExpr *Lambda) {
    return within(Lambda->getCallOperator(), [&] {
      return RecursiveASTVisitor::TraverseLambdaExpr(Lambda);
    });
  }

  bool VisitCallExpr(CallExpr *Call) {
    const NonBlockingDescriptorCall *Model = Owner.modelOf(Call);
    if (Model && Model->DescriptorArg &&
        *Model->DescriptorArg < Call->getNumArgs() &&
        Model->When.Arg < Call->getNumArgs() &&
        hasFlag(Call->getArg(Model->When.Arg), Model->When, Owner.Context))
      if (const Decl *Descriptor = heldIn(Call->getArg(*Model->DescriptorArg)))
        Found.NonBlocking.insert(Descriptor);
    const FunctionDecl *Callee = Call->getDirectCallee();
    const FunctionDecl *Definition = Callee ? Callee->getDefinition() : nullptr;
    if (!Definition || isa<CXXOperatorCallExpr>(Call))
      return true;
    for (unsigned I = 0;
         I < Call->getNumArgs() && I < Definition->getNumParams(); ++I)
      flow(Definition->getParamDecl(I), Call->getArg(I));
    return true;
  }
  bool VisitVarDecl(VarDecl *Var) {
    if (Var->getInit())
      flow(Var, Var->getInit());
    return true;
  }
  bool VisitFieldDecl(FieldDecl *Field) {
    if (Field->hasInClassInitializer() && Field->getInClassInitializer())
      flow(Field, Field->getInClassInitializer());
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *Assign) {
    if (Assign->getOpcode() == BO_Assign)
      if (const Decl *Target = heldIn(Assign->getLHS()))
        flow(Target, Assign->getRHS());
    return true;
  }
  bool TraverseConstructorInitializer(CXXCtorInitializer *Init) {
    if (Init->isMemberInitializer() && Init->getInit())
      flow(Init->getMember(), Init->getInit());
    return RecursiveASTVisitor::TraverseConstructorInitializer(Init);
  }
  bool VisitReturnStmt(ReturnStmt *Return) {
    if (!Functions.empty() && Return->getRetValue())
      flow(Functions.back(), Return->getRetValue());
    return true;
  }

private:
  template <typename Fn> bool within(FunctionDecl *Function, Fn Traverse) {
    Functions.push_back(Function->getCanonicalDecl());
    bool Continue = Traverse();
    Functions.pop_back();
    return Continue;
  }

  void flow(const Decl *Target, const Expr *Value) {
    const auto *Typed = dyn_cast<ValueDecl>(Target);
    if (!Typed || !Value)
      return;
    QualType Type = isa<FunctionDecl>(Typed)
                        ? cast<FunctionDecl>(Typed)->getReturnType()
                        : Typed->getType();
    // Only values that can hold a descriptor, from where one can come.
    const Expr *Source = Value->IgnoreParenCasts();
    if (Type->isIntegerType() &&
        isa<DeclRefExpr, MemberExpr, CallExpr>(Source))
      Found.Flows.emplace_back(Target->getCanonicalDecl(), Source);
  }

  const NonBlockingDescriptors &Owner;
  NonBlockingDescriptors::Index &Found;
  std::vector<const Decl *> Functions;
};

const NonBlockingDescriptorCall *
NonBlockingDescriptors::modelOf(const CallExpr *Call) const {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || !Callee->isExternC() || !Callee->getIdentifier())
    return nullptr;
  auto It = Models.NonBlockingDescriptorCalls.find(Callee->getName());
  return It == Models.NonBlockingDescriptorCalls.end() ? nullptr : &It->second;
}

bool NonBlockingDescriptors::holdsNonBlocking(const Index &Found,
                                              const Expr *E) const {
  E = E->IgnoreParenCasts();
  if (const Decl *Held = heldIn(E))
    return Found.NonBlocking.contains(Held);
  const auto *Call = dyn_cast<CallExpr>(E);
  if (!Call)
    return false;
  if (const NonBlockingDescriptorCall *Model = modelOf(Call);
      Model && !Model->DescriptorArg && Model->When.Arg < Call->getNumArgs())
    return hasFlag(Call->getArg(Model->When.Arg), Model->When, Context);
  const FunctionDecl *Callee = Call->getDirectCallee();
  return Callee && Found.NonBlocking.contains(Callee->getCanonicalDecl());
}

const NonBlockingDescriptors::Index &NonBlockingDescriptors::index() const {
  if (Built)
    return *Built;
  Index &Found = Built.emplace();
  DescriptorIndexer(*this, Found).TraverseAST(Context);
  // Spread along the flows until nothing changes: each round marks at least
  // one more declaration or ends.
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const auto &[Target, Value] : Found.Flows)
      if (!Found.NonBlocking.contains(Target) &&
          holdsNonBlocking(Found, Value)) {
        Found.NonBlocking.insert(Target);
        Changed = true;
      }
  }
  return Found;
}

bool NonBlockingDescriptors::isNonBlocking(const Expr *Descriptor) const {
  return holdsNonBlocking(index(), Descriptor);
}

} // namespace corolint
