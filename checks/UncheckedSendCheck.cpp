#include "UncheckedSendCheck.h"

#include "CallNames.h"
#include "CheckModels.h"
#include "TypeNames.h"
#include "ValueUse.h"
#include "clang/AST/Attr.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace corolint {

/// A send, and the expression that holds its result.
struct UncheckedSendCheck::Send {
  std::string Name;
  const SendModel *Model = nullptr;
  const Expr *Result = nullptr;
};

namespace {

constexpr llvm::StringLiteral SendResultAnnotation = "corolint::send_result";

const SendModel AnnotatedResult = {false, "", "the channel is full or closed",
                                   {"unwrap", "value"}};

bool hasSendResultAnnotation(const CXXRecordDecl *Record) {
  if (!Record)
    return false;
  for (const auto *Annotation : Record->specific_attrs<AnnotateAttr>())
    if (Annotation->getAnnotation() == SendResultAnnotation)
      return true;
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(Record))
    return hasSendResultAnnotation(
        Spec->getSpecializedTemplate()->getTemplatedDecl());
  return false;
}

bool isSendResultType(QualType Type) {
  return hasSendResultAnnotation(Type->getAsCXXRecordDecl());
}

const Expr *skipTransparent(const Expr *E) {
  return E ? E->IgnoreImplicit()->IgnoreParens() : nullptr;
}

/// The co_await that awaits the awaitable Call returns, if any.
const CoawaitExpr *awaiting(const Expr *Call, ASTContext &Context) {
  DynTypedNode Node = DynTypedNode::create(*Call);
  for (int Depth = 0; Depth < 8; ++Depth) {
    auto Parents = Context.getParents(Node);
    if (Parents.empty())
      return nullptr;
    if (const auto *Await = Parents[0].get<CoawaitExpr>())
      return skipTransparent(Await->getOperand()) == Call ? Await : nullptr;
    const auto *Parent = Parents[0].get<Expr>();
    if (!Parent || !isa<ImplicitCastExpr, MaterializeTemporaryExpr,
                        CXXBindTemporaryExpr, ParenExpr, ExprWithCleanups>(Parent))
      return nullptr;
    Node = Parents[0];
  }
  return nullptr;
}

std::vector<StringRef> lastComponents(const llvm::StringMap<SendModel> &Sends) {
  std::vector<StringRef> Names;
  for (const auto &Entry : Sends) {
    auto [Scope, Last] = Entry.getKey().rsplit("::");
    Names.push_back(Last.empty() ? Scope : Last);
  }
  return Names;
}

/// The model of the send Call makes, if the models know it.
std::optional<std::pair<std::string, const SendModel *>>
modelledSend(const CallExpr *Call, const ApiModels &Models) {
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee)
    return std::nullopt;
  for (std::string &Name : modelNamesOfCall(Call, Callee)) {
    auto It = Models.ChannelSends.find(Name);
    if (It != Models.ChannelSends.end())
      return std::make_pair(std::move(Name), &It->second);
  }
  return std::nullopt;
}

/// An unwrap throws when the send failed; a method of the same name that
/// cannot throw, such as std::error_code::value(), only reads the result.
bool isUnwrap(const CXXMemberCallExpr *Call, const SendModel &Model) {
  const CXXMethodDecl *Method = Call ? Call->getMethodDecl() : nullptr;
  if (!Method || !Method->getIdentifier() ||
      !llvm::is_contained(Model.Unwrap, Method->getName()))
    return false;
  const auto *Prototype = Method->getType()->getAs<FunctionProtoType>();
  return !Prototype || !Prototype->isNothrow();
}

} // namespace

UncheckedSendCheck::UncheckedSendCheck(StringRef Name,
                                       tidy::ClangTidyContext *Context)
    : ModelledCheck(Name, Context) {
  ModelOptions Extra;
  Extra.SendFunctions = option("SendFunctions");
  Extra.AwaitedSendFunctions = option("AwaitedSendFunctions");
  loadModels(std::move(Extra));
}

void UncheckedSendCheck::registerMatchers(MatchFinder *Finder) {
  if (!active())
    return;
  auto AnnotatedResultType = hasUnqualifiedDesugaredType(
      recordType(hasDeclaration(cxxRecordDecl(anyOf(
          hasAttr(attr::Annotate),
          classTemplateSpecializationDecl(hasSpecializedTemplate(
              classTemplateDecl(has(cxxRecordDecl(hasAttr(attr::Annotate)))))))))));
  // One matcher for calls, the most frequent nodes.
  Finder->addMatcher(
      callExpr(anyOf(callee(functionDecl(
                         hasAnyName(lastComponents(Models->ChannelSends)))),
                     hasType(AnnotatedResultType)))
          .bind("call"),
      this);
  Finder->addMatcher(coawaitExpr(hasType(AnnotatedResultType)).bind("annotatedAwait"),
                     this);
}

void UncheckedSendCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Context = *Result.Context;
  Send Sent;
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  if (Call && Result.SourceManager->isInSystemHeader(Call->getBeginLoc()))
    return;
  auto Modelled = Call ? modelledSend(Call, *Models) : std::nullopt;
  if (Call && Modelled) {
    Sent = {Modelled->first, Modelled->second, Call};
    if (!Sent.Model->ArgumentCall.empty()) {
      const auto *Inner = dyn_cast_or_null<CallExpr>(
          Call->getNumArgs() > 0 ? skipTransparent(Call->getArg(0)) : nullptr);
      const FunctionDecl *InnerCallee = Inner ? Inner->getDirectCallee() : nullptr;
      if (!InnerCallee ||
          !llvm::is_contained(modelNamesOfCall(Inner, InnerCallee),
                              Sent.Model->ArgumentCall))
        return;
      Sent.Name = modelNameOfFunction(InnerCallee);
    }
    if (Sent.Model->Awaited)
      Sent.Result = awaiting(Call, Context);
  } else if (Call) {
    // A call that returns a send result by value makes one; one returning a
    // reference (std::optional::emplace) hands out an existing one.
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee || !Call->isPRValue() || !isSendResultType(Call->getType()))
      return;
    Sent = {modelNameOfFunction(Callee), &AnnotatedResult, Call};
  } else if (const auto *Await =
                 Result.Nodes.getNodeAs<CoawaitExpr>("annotatedAwait")) {
    if (!isSendResultType(Await->getType()) ||
        Result.SourceManager->isInSystemHeader(Await->getBeginLoc()))
      return;
    const auto *Operand = dyn_cast_or_null<CallExpr>(skipTransparent(Await->getOperand()));
    const FunctionDecl *Callee = Operand ? Operand->getDirectCallee() : nullptr;
    auto Modelled = modelledSend(Operand, *Models);
    Sent = {Modelled ? Modelled->first
                     : Callee ? modelNameOfFunction(Callee) : std::string("co_await"),
            Modelled ? Modelled->second : &AnnotatedResult, Await};
  }
  if (Sent.Model && Sent.Result)
    checkUse(Sent, Context);
}

void UncheckedSendCheck::checkUse(const Send &Sent, ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  SourceLocation At = SM.getExpansionLoc(Sent.Result->getExprLoc());
  ValueUse Use = valueUse(Sent.Result, Context);
  auto FirstReport = [&](SourceLocation Loc) {
    return Reported.insert(Loc).second;
  };
  switch (Use.What) {
  case ValueUse::Discarded:
    if (FirstReport(At))
      diag(At, "the result of '%0' is ignored: the send fails when %1, and the "
               "message is then lost without a trace; check the result and "
               "handle the failure, or discard it explicitly with (void)")
          << Sent.Name << Sent.Model->Failure;
    return;
  case ValueUse::Stored:
    if (!Use.Variable->isReferenced()) {
      if (FirstReport(At))
        diag(At, "the result of '%0' is stored in '%1' but never checked: the "
                 "send fails when %2, and the message is then lost without a "
                 "trace; check the result and handle the failure")
            << Sent.Name << Use.Variable->getName() << Sent.Model->Failure;
      return;
    }
    checkUnwrapsOf(Sent, Use.Variable, Context);
    return;
  case ValueUse::MethodCalled:
    if (isUnwrap(Use.MethodCall, *Sent.Model)) {
      SourceLocation Unwrap = SM.getExpansionLoc(Use.MethodCall->getExprLoc());
      if (FirstReport(Unwrap))
        diag(Unwrap, "'%0' unwraps the result of '%1' without checking it: it "
                     "throws when %2; test the result first and handle that "
                     "case (stop producing, or report the failure)")
            << Use.MethodCall->getMethodDecl()->getName() << Sent.Name
            << Sent.Model->Failure;
    }
    return;
  case ValueUse::DiscardedExplicitly:
  case ValueUse::Used:
    return;
  }
}

void UncheckedSendCheck::checkUnwrapsOf(const Send &Sent, const VarDecl *Variable,
                                        ASTContext &Context) {
  const auto *Function =
      dyn_cast_or_null<FunctionDecl>(Variable->getParentFunctionOrMethod());
  if (!Function || !Function->getBody())
    return;
  auto Refs = match(
      findAll(declRefExpr(to(varDecl(equalsNode(Variable)))).bind("ref")),
      *Function->getBody(), Context);
  const SourceManager &SM = Context.getSourceManager();
  const DeclRefExpr *First = nullptr;
  for (const auto &Bound : Refs) {
    const auto *Ref = Bound.getNodeAs<DeclRefExpr>("ref");
    if (!First || SM.isBeforeInTranslationUnit(Ref->getBeginLoc(), First->getBeginLoc()))
      First = Ref;
  }
  if (!First)
    return;
  ValueUse Use = valueUse(First, Context);
  if (Use.What != ValueUse::MethodCalled || !isUnwrap(Use.MethodCall, *Sent.Model))
    return;
  SourceLocation Unwrap = SM.getExpansionLoc(Use.MethodCall->getExprLoc());
  if (!Reported.insert(Unwrap).second)
    return;
  diag(Unwrap, "'%0' unwraps the result of '%1' without checking it: it throws "
               "when %2; test the result first and handle that case (stop "
               "producing, or report the failure)")
      << Use.MethodCall->getMethodDecl()->getName() << Sent.Name
      << Sent.Model->Failure;
  diag(SM.getExpansionLoc(Sent.Result->getExprLoc()),
       "the result is stored in '%0' here", DiagnosticIDs::Note)
      << Variable->getName();
}

} // namespace corolint
