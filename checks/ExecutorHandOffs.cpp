#include "ExecutorHandOffs.h"

#include "CallNames.h"
#include "TypeNames.h"
#include "clang/AST/DeclTemplate.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSet.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace corolint {
namespace {

/// How many variables deep an executor is traced back to the call that
/// returned it (`auto pool = runtime.background_executor(); auto p = pool;`).
constexpr int MaxVariableHops = 8;

bool namesMethod(const BlockingExecutor &Executor, StringRef Method) {
  return llvm::is_contained(Executor.Methods, Method);
}

/// The expression an executor object comes from, seen through smart
/// pointers' operator-> and operator*, dereferences, copies and implicit
/// conversions.
const Expr *executorSource(const Expr *Object) {
  for (int Hops = 0; Object;) {
    const Expr *Before = Object;
    Object = Object->IgnoreImplicit()->IgnoreParens();
    if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(Object);
        Operator && Operator->getNumArgs() == 1 &&
        (Operator->getOperator() == OO_Arrow ||
         Operator->getOperator() == OO_Star))
      Object = Operator->getArg(0);
    else if (const auto *Unary = dyn_cast<UnaryOperator>(Object);
             Unary && Unary->getOpcode() == UO_Deref)
      Object = Unary->getSubExpr();
    else if (const auto *Construct = dyn_cast<CXXConstructExpr>(Object);
             Construct && Construct->getNumArgs() == 1 &&
             Construct->getConstructor()->isCopyOrMoveConstructor())
      Object = Construct->getArg(0);
    else if (const auto *Ref = dyn_cast<DeclRefExpr>(Object)) {
      const auto *Variable = dyn_cast<VarDecl>(Ref->getDecl());
      if (!Variable || isa<ParmVarDecl>(Variable) || !Variable->getInit() ||
          ++Hops > MaxVariableHops)
        return Object;
      Object = Variable->getInit();
    }
    if (Object == Before)
      return Object;
  }
  return Object;
}

/// The class of the object a member call is made on, and its base classes.
llvm::SmallVector<const CXXRecordDecl *, 4>
objectClasses(const CXXMemberCallExpr *Call) {
  llvm::SmallVector<const CXXRecordDecl *, 4> Classes;
  const Expr *Object = Call->getImplicitObjectArgument();
  if (!Object)
    return Classes;
  const CXXRecordDecl *Class =
      pointeeOrSelf(Object->IgnoreParenImpCasts()->getType())
          ->getAsCXXRecordDecl();
  if (Class)
    Classes.push_back(Class);
  for (size_t I = 0; I < Classes.size(); ++I) {
    const CXXRecordDecl *Definition = Classes[I]->getDefinition();
    if (!Definition)
      continue;
    for (const CXXBaseSpecifier &Base : Definition->bases())
      if (const CXXRecordDecl *BaseClass = Base.getType()->getAsCXXRecordDecl())
        if (!llvm::is_contained(Classes, BaseClass))
          Classes.push_back(BaseClass);
  }
  return Classes;
}

const CXXRecordDecl *recordOf(QualType Type) {
  if (Type.isNull())
    return nullptr;
  return Type.getNonReferenceType().getCanonicalType()->getAsCXXRecordDecl();
}

/// The classes a call may hand over as the task: its method's template
/// arguments (the callable of `submit(F&&)`, of `bulk_submit(span<F>)`) and
/// its arguments' types.
llvm::SmallVector<const CXXRecordDecl *, 2>
handedClasses(const CXXMemberCallExpr *Call) {
  llvm::SmallVector<const CXXRecordDecl *, 2> Classes;
  auto Add = [&](QualType Type) {
    if (const CXXRecordDecl *Class = recordOf(Type))
      if (!llvm::is_contained(Classes, Class))
        Classes.push_back(Class);
  };
  if (const FunctionDecl *Method = Call->getMethodDecl())
    if (const TemplateArgumentList *Arguments =
            Method->getTemplateSpecializationArgs())
      for (const TemplateArgument &Argument : Arguments->asArray()) {
        if (Argument.getKind() == TemplateArgument::Type)
          Add(Argument.getAsType());
        else if (Argument.getKind() == TemplateArgument::Pack)
          for (const TemplateArgument &Element : Argument.pack_elements())
            if (Element.getKind() == TemplateArgument::Type)
              Add(Element.getAsType());
      }
  for (const Expr *Argument : Call->arguments())
    Add(Argument->getType());
  return Classes;
}

} // namespace

StatementMatcher ExecutorHandOffs::matcher(const ApiModels &Models) {
  llvm::StringSet<> Unique;
  for (const auto *Executors :
       {&Models.BlockingExecutorTypes, &Models.BlockingExecutorFactories})
    for (const auto &Entry : *Executors)
      for (const std::string &Method : Entry.second.Methods)
        Unique.insert(Method);
  std::vector<StringRef> Names;
  for (const auto &Name : Unique)
    Names.push_back(Name.getKey());
  return cxxMemberCallExpr(callee(cxxMethodDecl(hasAnyName(Names))))
      .bind("handOff");
}

bool ExecutorHandOffs::toBlockingExecutor(
    const CXXMemberCallExpr *Call) const {
  const CXXMethodDecl *Method = Call->getMethodDecl();
  if (!Method || !Method->getIdentifier())
    return false;
  StringRef Name = Method->getName();
  for (const CXXRecordDecl *Class : objectClasses(Call)) {
    auto It = Models.BlockingExecutorTypes.find(modelNameOfDecl(Class));
    if (It != Models.BlockingExecutorTypes.end() && namesMethod(It->second, Name))
      return true;
  }
  const Expr *Source = executorSource(Call->getImplicitObjectArgument());
  if (const auto *Factory = dyn_cast_or_null<CallExpr>(Source))
    if (const FunctionDecl *Function = calledFunction(Factory)) {
      auto It = Models.BlockingExecutorFactories.find(
          modelNameOfFunction(Function));
      if (It != Models.BlockingExecutorFactories.end() &&
          namesMethod(It->second, Name))
        return true;
    }
  return false;
}

void ExecutorHandOffs::record(const CXXMemberCallExpr *Call) {
  bool Blocking = toBlockingExecutor(Call);
  for (const CXXRecordDecl *Class : handedClasses(Call)) {
    Destinations &To = HandedTo[Class->getCanonicalDecl()];
    (Blocking ? To.Blocking : To.Other) = true;
  }
}

bool ExecutorHandOffs::onlyToBlockingExecutors(
    const CXXRecordDecl *Callable) const {
  auto It = HandedTo.find(Callable->getCanonicalDecl());
  return It != HandedTo.end() && It->second.Blocking && !It->second.Other;
}

} // namespace corolint
