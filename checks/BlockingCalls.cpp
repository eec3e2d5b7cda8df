#include "BlockingCalls.h"

#include "BlockingSignatures.h"
#include "CallNames.h"
#include "GuardHandOff.h"
#include "TypeNames.h"
#include "ZeroArguments.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;

namespace corolint {

const BlockingFunction AnnotatedBlocking = [] {
  BlockingFunction Function;
  Function.Category = "annotated";
  Function.Instead = "move the call to a blocking pool (spawn_blocking) or "
                     "use an async alternative";
  return Function;
}();

namespace {

constexpr llvm::StringLiteral BlockingAnnotation = "corolint::blocking";

bool isAnnotatedBlocking(const FunctionDecl *Function) {
  for (const FunctionDecl *Redecl : Function->redecls())
    for (const auto *Annotation : Redecl->specific_attrs<AnnotateAttr>())
      if (Annotation->getAnnotation() == BlockingAnnotation)
        return true;
  if (const FunctionDecl *Pattern = Function->getTemplateInstantiationPattern())
    return Pattern != Function && isAnnotatedBlocking(Pattern);
  return false;
}

const Expr *streamOf(const Expr *Call) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
    return Member->getImplicitObjectArgument();
  if (const auto *Plain = dyn_cast<CallExpr>(Call))
    return Plain->getNumArgs() > 0 ? Plain->getArg(0) : nullptr;
  return nullptr;
}

/// A C string, a character array, a std::string or a std::string_view.
bool isText(QualType Type) {
  Type = Type.getNonReferenceType();
  if (Type->isPointerType() || Type->isArrayType())
    return Type->getPointeeOrArrayElementType()->isAnyCharacterType();
  const auto *Record = Type->getAsCXXRecordDecl();
  return Record && Record->getIdentifier() &&
         (Record->getName() == "basic_string" ||
          Record->getName() == "basic_string_view");
}

/// The text variables (hosts, in a resolver call) an expression mentions.
void forEachTextVariableIn(const Stmt *S,
                           llvm::function_ref<void(const VarDecl *)> Visit) {
  if (!S)
    return;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
        Var && isText(Var->getType()))
      Visit(Var);
  for (const Stmt *Child : S->children())
    forEachTextVariableIn(Child, Visit);
}

} // namespace

bool BlockingCallClassifier::blocksWith(const Expr *Call,
                                        const BlockingFunction &Model) const {
  const auto *Plain = dyn_cast<CallExpr>(Call);
  auto Argument = [&](std::optional<unsigned> Index) -> const Expr * {
    return Plain && Index && *Index < Plain->getNumArgs()
               ? Plain->getArg(*Index)
               : nullptr;
  };
  if (const Expr *Timeout = Argument(Model.NonBlockingIfZeroArg);
      Timeout && isZeroArgument(Timeout, Context))
    return false;
  if (Model.NonBlockingIfFlag)
    if (const Expr *Flags = Argument(Model.NonBlockingIfFlag->Arg);
        Flags && hasFlag(Flags, *Model.NonBlockingIfFlag, Context))
      return false;
  if (const Expr *Descriptor = Argument(Model.DescriptorArg);
      Descriptor && (Descriptors.isNonBlocking(Descriptor) ||
                     Descriptors.isReadinessDriven(Descriptor)))
    return false;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
      Member && Model.NonBlockingOnceReady &&
      Ready.isReady(Member, *Model.NonBlockingOnceReady))
    return false;
  if (!Model.LiteralsParsedBy.empty() && resolvesOnlyNames(Call, Model))
    return false;
  if (Model.Receivers.empty())
    return true;
  const Expr *Stream = streamOf(Call);
  if (!Stream)
    return false;
  Stream = Stream->IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Stream)) {
    std::string Variable = Ref->getDecl()->getQualifiedNameAsString();
    if (llvm::is_contained(Model.Receivers, Variable))
      return true;
  }
  std::string Type = modelNameOfType(pointeeOrSelf(Stream->getType()));
  return !Type.empty() && llvm::is_contained(Model.Receivers, Type);
}

bool BlockingCallClassifier::resolvesOnlyNames(
    const Expr *Call, const BlockingFunction &Model) const {
  llvm::SmallPtrSet<const VarDecl *, 4> Hosts;
  forEachTextVariableIn(Call, [&](const VarDecl *Var) { Hosts.insert(Var); });
  if (Hosts.empty())
    return false;
  return Ready.precededOnEveryPath(Call, [&](const Stmt *S) {
    const auto *Parse = dyn_cast<CallExpr>(S);
    const FunctionDecl *Parser = Parse ? calledFunction(Parse) : nullptr;
    if (!Parser || !llvm::is_contained(Model.LiteralsParsedBy,
                                       modelNameOfFunction(Parser)))
      return false;
    bool SameHost = false;
    forEachTextVariableIn(Parse, [&](const VarDecl *Var) {
      SameHost |= Hosts.contains(Var);
    });
    return SameHost;
  });
}

std::optional<BlockingMatch>
BlockingCallClassifier::modelOf(const Expr *Call) const {
  const FunctionDecl *Callee = calledFunction(Call);
  if (!Callee || (!Callee->getDeclName().isIdentifier() &&
                  !Callee->getDeclName().getCXXOverloadedOperator()))
    return std::nullopt;
  for (std::string &Name : modelNamesOfCall(Call, Callee)) {
    auto It = Models.BlockingFunctions.find(Name);
    // A C function is known by its bare name; a C++ function of the same
    // name in the global namespace is not the same function.
    if (It != Models.BlockingFunctions.end() &&
        (llvm::StringRef(Name).contains("::") || Callee->isExternC()))
      return BlockingMatch{std::move(Name), &It->second, std::nullopt};
  }
  if (const BlockingFunction *Model = blockingBySignature(Callee, Models))
    return BlockingMatch{modelNameOfFunction(Callee), Model, std::nullopt};
  if (isAnnotatedBlocking(Callee))
    return BlockingMatch{modelNameOfFunction(Callee), &AnnotatedBlocking,
                         std::nullopt};
  return std::nullopt;
}

std::optional<BlockingMatch>
BlockingCallClassifier::classify(const Expr *Call, bool &Modelled) const {
  std::optional<BlockingMatch> Match = modelOf(Call);
  Modelled = Match.has_value();
  if (!Match || Disabled.contains(Match->Model->Category) ||
      !blocksWith(Call, *Match->Model))
    return std::nullopt;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
      Member && Match->Model->NonBlockingOnceReady)
    Match->UnlessReadyParameter =
        Ready.parameterNamed(Member, Member->getImplicitObjectArgument());
  return Match;
}

PassedObject BlockingCallClassifier::passedAt(const Expr *Call,
                                              const BlockingMatch &Match) const {
  if (!Match.UnlessReadyParameter || !Match.Model->NonBlockingOnceReady)
    return {};
  for (const auto &[Param, Arg] : argumentsByParameter(Call))
    if (Param == *Match.UnlessReadyParameter) {
      if (Ready.isReadyAt(Call, Arg, *Match.Model->NonBlockingOnceReady))
        return {true, std::nullopt};
      return {false, Ready.parameterNamed(Call, Arg)};
    }
  return {};
}

} // namespace corolint
