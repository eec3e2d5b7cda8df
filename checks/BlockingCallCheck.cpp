#include "BlockingCallCheck.h"

#include "BlockingCalls.h"
#include "CallSummaries.h"
#include "CheckModels.h"
#include "CoroutineMatch.h"
#include "ExecutorHandOffs.h"
#include "OptionLists.h"
#include "SuspensionPoints.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/Support/YAMLParser.h"
#include <optional>
#include <set>

using namespace clang;
using namespace clang::ast_matchers;

namespace corolint {

struct BlockingCallCheck::TranslationUnitState {
  TranslationUnitState(const ApiModels &Models, const llvm::StringSet<> &Disabled,
                       ASTContext &Context)
      : Classifier(Models, Disabled, Context), Summaries(Classifier, Context),
        HandOffs(Models), SM(Context.getSourceManager()) {}
  BlockingCallClassifier Classifier;
  BlockingSummaries Summaries;
  ExecutorHandOffs HandOffs;
  const SourceManager &SM;
  /// Chains into a callable handed to a library's coroutine template, kept
  /// until every hand-off of the translation unit is known.
  struct Deferred {
    BlockingChain Chain;
    const FunctionDecl *Coroutine;
    size_t Start;
  };
  std::vector<Deferred> InCallables;
  /// Where a warning was given, and for which blocking function.
  std::set<std::pair<SourceLocation::UIntTy, std::string>> Reported;
};

namespace {

llvm::Error checkCategories(llvm::StringRef Option, const llvm::StringSet<> &Given,
                            const ApiModels &Models) {
  llvm::StringSet<> Known{AnnotatedBlocking.Category, "user"};
  for (const auto &Entry : Models.BlockingFunctions)
    Known.insert(Entry.second.Category);
  for (const auto &Category : Given)
    if (!Known.contains(Category.getKey())) {
      std::vector<std::string> Names;
      for (const auto &Name : Known)
        Names.push_back(Name.getKey().str());
      llvm::sort(Names);
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          "option '%s': unknown category '%s' (known: %s)", Option.str().c_str(),
          Category.getKey().str().c_str(), llvm::join(Names, ", ").c_str());
    }
  return llvm::Error::success();
}

/// How a message names what a call calls: a lambda by the variable that
/// holds it.
std::string calleeName(const Expr *Call) {
  const FunctionDecl *Callee = calledFunction(Call);
  if (!Callee)
    return "the callee";
  const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
  if (!Method || !Method->getParent()->isLambda())
    return modelNameOfFunction(Callee);
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(Call))
    if (const auto *Ref = dyn_cast<DeclRefExpr>(
            Operator->getArg(0)->IgnoreParenImpCasts()))
      return Ref->getDecl()->getNameAsString();
  return "lambda";
}

/// Where the user's code starts in a chain from a library's coroutine
/// template: the first call made in a callable (a lambda or a functor) the
/// template was handed rather than one defined next to it. 0 when the chain
/// is the coroutine's own.
size_t userCodeStart(const BlockingChain &Chain, const FunctionDecl *Coroutine,
                     const SourceManager &SM) {
  const FunctionDecl *Pattern = Coroutine->getTemplateInstantiationPattern();
  if (!Pattern)
    return 0;
  FileID Library = SM.getFileID(SM.getExpansionLoc(Pattern->getLocation()));
  for (size_t I = 0; I + 1 < Chain.Calls.size(); ++I) {
    const auto *Callable =
        dyn_cast_or_null<CXXMethodDecl>(calledFunction(Chain.Calls[I]));
    if (Callable && Callable->getOverloadedOperator() == OO_Call &&
        SM.getFileID(SM.getExpansionLoc(Callable->getLocation())) != Library)
      return I + 1;
  }
  return 0;
}

/// A chain with more steps than these is shown as its first and last steps
/// around a "... N more calls ..." note.
constexpr size_t NotesAtStart = 20;
constexpr size_t NotesAtEnd = 10;

} // namespace

BlockingCallCheck::BlockingCallCheck(StringRef Name,
                                     tidy::ClangTidyContext *Context)
    : ModelledCheck(Name, Context) {
  ModelOptions Extra;
  Extra.BlockingFunctions = option("BlockingFunctions");
  std::string Disabled = option("DisabledCategories");
  std::string Unlikely = option("ReportUnlikelyPaths", "true");
  if (!loadModels(std::move(Extra)))
    return;
  for (const std::string &Category : parsePathList(Disabled))
    DisabledCategories.insert(Category);
  if (llvm::Error Err = checkCategories((Name + ".DisabledCategories").str(),
                                        DisabledCategories, *Models))
    configurationError(llvm::toString(std::move(Err)));
  if (std::optional<bool> Value = llvm::yaml::parseBool(Unlikely))
    ReportUnlikelyPaths = *Value;
  else
    configurationError(("option '" + Name + ".ReportUnlikelyPaths': '" +
                        Unlikely + "' is not a boolean")
                           .str());
}

BlockingCallCheck::~BlockingCallCheck() = default;

void BlockingCallCheck::registerMatchers(MatchFinder *Finder) {
  if (!active())
    return;
  Finder->addMatcher(coroutineDefinition(), this);
  Finder->addMatcher(ExecutorHandOffs::matcher(*Models), this);
}

void BlockingCallCheck::check(const MatchFinder::MatchResult &Result) {
  if (!State)
    State = std::make_unique<TranslationUnitState>(*Models, DisabledCategories,
                                                   *Result.Context);
  if (const auto *HandOff =
          Result.Nodes.getNodeAs<CXXMemberCallExpr>("handOff")) {
    State->HandOffs.record(HandOff);
    return;
  }
  auto [Coroutine, Body] = matchedCoroutine(Result);
  if (!Coroutine)
    return;
  // The calls of the coroutine's own body that are cold, found once one of
  // them is known to block.
  std::optional<ColdCalls> Cold;
  const FunctionDecl *Function = Coroutine;
  const Stmt *OwnBody = Body->getBody();
  const SourceManager &SM = *Result.SourceManager;
  forEachCallIn(OwnBody, [&](const Expr *Call) {
    std::vector<BlockingChain> Chains = State->Summaries.chainsFrom(Call);
    if (Chains.empty())
      return;
    if (!Cold)
      Cold.emplace(Function, OwnBody, *Result.Context);
    Heat AtCall = Cold->heatOf(Call);
    for (BlockingChain &Chain : Chains) {
      Chain.Level = colder(Chain.Level, AtCall);
      if (Chain.Level == Heat::Doomed ||
          (Chain.Level == Heat::Unlikely && !ReportUnlikelyPaths))
        continue;
      size_t Start = userCodeStart(Chain, Function, SM);
      if (Start == 0)
        reportChain(Chain, Function, Start, SM);
      else
        State->InCallables.push_back({std::move(Chain), Function, Start});
    }
  });
}

void BlockingCallCheck::reportChain(const BlockingChain &Chain,
                                    const FunctionDecl *Coroutine, size_t Start,
                                    const SourceManager &SM) {
  const BlockingMatch &Blocking = *Chain.Blocking;
  llvm::ArrayRef<const Expr *> Calls = llvm::ArrayRef(Chain.Calls).drop_front(Start);
  const Expr *Call = Calls.front();
  SourceLocation At = SM.getExpansionLoc(Call->getExprLoc());
  if (!State->Reported.insert({At.getRawEncoding(), Blocking.Name}).second)
    return;
  llvm::StringRef Path =
      Chain.Level == Heat::Unlikely
          ? " on a path taken only in a catch handler or an [[unlikely]] branch"
          : "";
  if (Calls.size() == 1) {
    diag(At, "'%0' blocks the thread (%1)%3: every task on this coroutine's "
             "executor thread stalls until it returns; instead, %2")
        << Blocking.Name << Blocking.Model->Category << Blocking.Model->Instead
        << Path;
  } else {
    reportSteps(Calls, Blocking, Path, At, SM);
  }
  if (Start == 0)
    return;
  // The library's call of the callable, and the user's call that handed it.
  std::string Invoker = Start == 1 ? modelNameOfFunction(Coroutine)
                                   : calleeName(Chain.Calls[Start - 2]);
  diag(SM.getExpansionLoc(Chain.Calls[Start - 1]->getExprLoc()),
       "'%0' invokes the callable here", DiagnosticIDs::Note)
      << Invoker;
  SourceLocation HandedOver = Coroutine->getPointOfInstantiation();
  if (HandedOver.isValid())
    diag(SM.getExpansionLoc(HandedOver), "the callable is handed to '%0' here",
         DiagnosticIDs::Note)
        << modelNameOfFunction(Coroutine);
}

void BlockingCallCheck::reportSteps(llvm::ArrayRef<const Expr *> Calls,
                                    const BlockingMatch &Blocking,
                                    llvm::StringRef Path, SourceLocation At,
                                    const SourceManager &SM) {
  const Expr *Call = Calls.front();
  diag(At, "'%0' may block the thread: it calls '%1' (%2)%4, and every task on "
           "this coroutine's executor thread stalls until it returns; "
           "instead, %3, or run '%0' in spawn_blocking")
      << calleeName(Call) << Blocking.Name << Blocking.Model->Category
      << Blocking.Model->Instead << Path;
  size_t Steps = Calls.size() - 1;
  for (size_t I = 1; I <= Steps; ++I) {
    const Expr *Step = Calls[I];
    if (Steps > NotesAtStart + NotesAtEnd + 1 && I == NotesAtStart + 1) {
      size_t Skipped = Steps - NotesAtStart - NotesAtEnd;
      diag(SM.getExpansionLoc(Step->getExprLoc()), "... %0 more calls ...",
           DiagnosticIDs::Note)
          << static_cast<unsigned>(Skipped);
      I += Skipped - 1;
      continue;
    }
    diag(SM.getExpansionLoc(Step->getExprLoc()),
         I == Steps ? "'%0' calls '%1' here, which blocks" : "'%0' calls '%1' here",
         DiagnosticIDs::Note)
        << calleeName(Calls[I - 1]) << calleeName(Step);
  }
}

void BlockingCallCheck::onEndOfTranslationUnit() {
  if (!State)
    return;
  for (const TranslationUnitState::Deferred &Found : State->InCallables) {
    const auto *Callable = cast<CXXMethodDecl>(
        calledFunction(Found.Chain.Calls[Found.Start - 1]));
    if (!State->HandOffs.onlyToBlockingExecutors(Callable->getParent()))
      reportChain(Found.Chain, Found.Coroutine, Found.Start, State->SM);
  }
  State.reset();
}

} // namespace corolint
