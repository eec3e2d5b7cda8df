#include "LockAcrossSuspendCheck.h"

#include "CheckModels.h"
#include "CoroutineMatch.h"
#include "LockState.h"
#include "SuspensionPoints.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace corolint {

LockAcrossSuspendCheck::LockAcrossSuspendCheck(StringRef Name,
                                               tidy::ClangTidyContext *Context)
    : ModelledCheck(Name, Context) {
  ModelOptions Extra;
  Extra.BlockingMutexes = option("BlockingMutexes");
  Extra.AsyncMutexes = option("AsyncMutexes");
  Extra.NeverSuspendingAwaitables = option("NeverSuspendingAwaitables");
  loadModels(std::move(Extra));
}

void LockAcrossSuspendCheck::registerMatchers(MatchFinder *Finder) {
  if (!active())
    return;
  Finder->addMatcher(coroutineDefinition(), this);
}

void LockAcrossSuspendCheck::check(const MatchFinder::MatchResult &Result) {
  auto [Coroutine, Body] = matchedCoroutine(Result);
  if (!Coroutine)
    return;
  SuspensionClassifier Classifier(Models->NeverSuspendingAwaitables);
  if (suspensionPoints(Body, Classifier).empty())
    return;
  auto Held = locksHeldAcrossSuspensions(Coroutine, Body->getBody(), *Models,
                                         Classifier, *Result.Context);
  for (const LockHeldAcrossSuspension &Lock : Held) {
    const SourceManager &SM = *Result.SourceManager;
    // Inside a macro, point at the macro's use: that is the code to change.
    SourceLocation At = SM.getExpansionLoc(Lock.Acquisition->getBeginLoc());
    if (!Reported.insert(At).second)
      continue;
    std::string Mutexes;
    for (const MutexRef &Mutex : Lock.Mutexes)
      Mutexes += (Mutexes.empty() ? "" : " and ") + Mutex.Description;
    diag(At, "lock on %0 may still be held when the coroutine suspends; it "
             "can resume on another thread, and every task that needs the "
             "lock blocks its executor thread meanwhile; release the lock "
             "before suspending (end the guard's scope or unlock it) or use "
             "an async mutex")
        << Mutexes;
    for (const Expr *Suspend : Lock.Suspensions)
      diag(SM.getExpansionLoc(suspensionKeywordLoc(Suspend)), "the coroutine may suspend here with the lock held",
           DiagnosticIDs::Note);
  }
}

} // namespace corolint
