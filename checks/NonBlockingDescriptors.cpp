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

bool isMoveOrForward(const CallExpr *Call) {
  if (Call->isCallToStdMove())
    return true;
  const FunctionDecl *Callee = Call->getDirectCallee();
  return Callee && Call->getNumArgs() == 1 && Callee->isInStdNamespace() &&
         Callee->getIdentifier() && Callee->getName() == "forward";
}

/// E without parentheses, casts, temporaries, and std::move or std::forward
/// around it.
const Expr *unwrapped(const Expr *E) {
  while (true) {
    for (const Expr *Bare = nullptr; Bare != E;) {
      Bare = E;
      E = E->IgnoreImplicit()->IgnoreParenCasts();
    }
    const auto *Call = dyn_cast<CallExpr>(E);
    if (!Call || !isMoveOrForward(Call))
      return E;
    E = Call->getArg(0);
  }
}

/// A type that can hold a descriptor: an integer, or an object that wraps
/// one (a socket class).
bool canHoldDescriptor(QualType Type) {
  Type = Type.getNonReferenceType();
  return Type->isIntegerType() || Type->isRecordType();
}

/// The declaration a descriptor expression names: a variable or parameter,
/// a member (of any object of its class), or the object an accessor without
/// arguments is called on (`socket.native_handle()`, `conn->fd()`).
const Decl *descriptorRoot(const Expr *E) {
  E = unwrapped(E);
  if (const auto *Accessor = dyn_cast<CXXMemberCallExpr>(E);
      Accessor && Accessor->getNumArgs() == 0 &&
      Accessor->getType()->isIntegerType())
    return descriptorRoot(Accessor->getImplicitObjectArgument());
  const ValueDecl *Held = nullptr;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    Held = dyn_cast<VarDecl>(Ref->getDecl());
  else if (const auto *Member = dyn_cast<MemberExpr>(E))
    Held = dyn_cast<FieldDecl>(Member->getMemberDecl());
  if (!Held)
    return nullptr;
  QualType Type = Held->getType().getNonReferenceType();
  if (const auto *Pointer = Type->getAs<PointerType>())
    Type = Pointer->getPointeeType();
  if (!canHoldDescriptor(Type))
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
      if (const Decl *Descriptor =
              descriptorRoot(Call->getArg(*Model->DescriptorArg)))
        Found.NonBlocking.insert(Descriptor);
    if (const Expr *Awaited = Owner.awaitedDescriptor(Call))
      polled(Awaited);
    // A wrapper assigned: `socket_ = std::move(other.socket_)`.
    if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(Call);
        Operator && Operator->getOperator() == OO_Equal &&
        Operator->getNumArgs() == 2)
      if (const Decl *Target = descriptorRoot(Operator->getArg(0)))
        flow(Target, Operator->getArg(1));
    const FunctionDecl *Callee = Call->getDirectCallee();
    const FunctionDecl *Definition = Callee ? Callee->getDefinition() : nullptr;
    if (!Definition || isa<CXXOperatorCallExpr>(Call))
      return true;
    for (unsigned I = 0;
         I < Call->getNumArgs() && I < Definition->getNumParams(); ++I)
      flow(Definition->getParamDecl(I), Call->getArg(I));
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
    const CXXConstructorDecl *Constructor = Construct->getConstructor();
    const FunctionDecl *Definition =
        Constructor ? Constructor->getDefinition() : nullptr;
    if (!Definition)
      return true;
    for (unsigned I = 0;
         I < Construct->getNumArgs() && I < Definition->getNumParams(); ++I)
      flow(Definition->getParamDecl(I), Construct->getArg(I));
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
      if (const Decl *Target = descriptorRoot(Assign->getLHS()))
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

  void polled(const Expr *Descriptor) {
    if (const Decl *Root = descriptorRoot(Descriptor)) {
      Found.Polled.insert(Root);
      return;
    }
    if (const auto *Call = dyn_cast<CallExpr>(unwrapped(Descriptor)))
      if (const FunctionDecl *Callee = Call->getDirectCallee())
        Found.Polled.insert(Callee->getCanonicalDecl());
  }

  void flow(const Decl *Target, const Expr *Value) {
    const auto *Typed = dyn_cast<ValueDecl>(Target);
    if (!Typed || !Value)
      return;
    QualType Type = isa<FunctionDecl>(Typed)
                        ? cast<FunctionDecl>(Typed)->getReturnType()
                        : Typed->getType();
    // Only values that can hold a descriptor, from where one can come.
    if (!canHoldDescriptor(Type))
      return;
    const Expr *Source = unwrapped(Value);
    if (isa<DeclRefExpr, MemberExpr, CallExpr>(Source)) {
      Found.Flows.emplace_back(Target->getCanonicalDecl(), Source);
      return;
    }
    // A wrapper constructed from a descriptor: `net::socket s{fd}`.
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(Source))
      for (const Expr *Arg : Construct->arguments())
        if (canHoldDescriptor(Arg->getType()) &&
            isa<DeclRefExpr, MemberExpr, CallExpr>(unwrapped(Arg)))
          Found.Flows.emplace_back(Target->getCanonicalDecl(), unwrapped(Arg));
  }

  const NonBlockingDescriptors &Owner;
  NonBlockingDescriptors::Index &Found;
  std::vector<const Decl *> Functions;
};

NonBlockingDescriptors::NonBlockingDescriptors(const ApiModels &Models,
                                               ASTContext &Context)
    : Models(Models), Context(Context) {
  for (const auto &Wait : Models.ReadinessWaits) {
    llvm::StringRef Name = Wait.getKey();
    size_t Colons = Name.rfind("::");
    if (Colons != llvm::StringRef::npos)
      Name = Name.drop_front(Colons + 2);
    WaitNames.insert(Name);
  }
}

const NonBlockingDescriptorCall *
NonBlockingDescriptors::modelOf(const CallExpr *Call) const {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || !Callee->isExternC() || !Callee->getIdentifier())
    return nullptr;
  auto It = Models.NonBlockingDescriptorCalls.find(Callee->getName());
  return It == Models.NonBlockingDescriptorCalls.end() ? nullptr : &It->second;
}

std::optional<bool>
NonBlockingDescriptors::createsNonBlocking(const CallExpr *Call) const {
  const NonBlockingDescriptorCall *Model = modelOf(Call);
  if (!Model || Model->DescriptorArg || Model->When.Arg >= Call->getNumArgs())
    return std::nullopt;
  return hasFlag(Call->getArg(Model->When.Arg), Model->When, Context);
}

const Expr *
NonBlockingDescriptors::awaitedDescriptor(const CallExpr *Call) const {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || !Callee->getIdentifier() ||
      !WaitNames.contains(Callee->getName()))
    return nullptr;
  for (const std::string &Name : modelNamesOfCall(Call, Callee)) {
    auto It = Models.ReadinessWaits.find(Name);
    if (It == Models.ReadinessWaits.end())
      continue;
    const ReadinessWait &Wait = It->second;
    if (Wait.When && (Wait.When->Arg >= Call->getNumArgs() ||
                      !hasFlag(Call->getArg(Wait.When->Arg), *Wait.When,
                               Context)))
      return nullptr;
    if (Wait.DescriptorArg)
      return *Wait.DescriptorArg < Call->getNumArgs()
                 ? Call->getArg(*Wait.DescriptorArg)
                 : nullptr;
    const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
    return Member ? Member->getImplicitObjectArgument() : nullptr;
  }
  return nullptr;
}

bool NonBlockingDescriptors::holds(const Index &Found, Trait T,
                                   const Expr *E) const {
  E = unwrapped(E);
  const llvm::DenseSet<const Decl *> &Holders = Found.of(T);
  const Decl *Root = descriptorRoot(E);
  if (Root && Holders.contains(Root))
    return true;
  const auto *Call = dyn_cast<CallExpr>(E);
  if (!Call)
    return false;
  if (T != Trait::Polled)
    if (std::optional<bool> NonBlocking = createsNonBlocking(Call))
      return *NonBlocking == (T == Trait::NonBlocking);
  // What an accessor returns is known by its object (`socket.fd()`): one
  // socket created blocking does not make every socket of its class so.
  if (Root && T == Trait::Blocking)
    return false;
  const FunctionDecl *Callee = Call->getDirectCallee();
  return Callee && Holders.contains(Callee->getCanonicalDecl());
}

const NonBlockingDescriptors::Index &NonBlockingDescriptors::index() const {
  if (Built)
    return *Built;
  Index &Found = Built.emplace();
  DescriptorIndexer(*this, Found).TraverseAST(Context);
  // Spread along the flows until nothing changes: each round marks at least
  // one more declaration or ends.
  for (Trait T : {Trait::NonBlocking, Trait::Blocking, Trait::Polled}) {
    llvm::DenseSet<const Decl *> &Holders = Found.of(T);
    for (bool Changed = true; Changed;) {
      Changed = false;
      for (const auto &[Target, Value] : Found.Flows)
        if (!Holders.contains(Target) && holds(Found, T, Value)) {
          Holders.insert(Target);
          Changed = true;
        }
    }
  }
  return Found;
}

bool NonBlockingDescriptors::isNonBlocking(const Expr *Descriptor) const {
  return holds(index(), Trait::NonBlocking, Descriptor);
}

bool NonBlockingDescriptors::isReadinessDriven(const Expr *Descriptor) const {
  const Index &Found = index();
  return holds(Found, Trait::Polled, Descriptor) &&
         !holds(Found, Trait::Blocking, Descriptor);
}

} // namespace corolint
