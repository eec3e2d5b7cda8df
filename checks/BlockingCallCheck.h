#ifndef COROLINT_CHECKS_BLOCKINGCALLCHECK_H
#define COROLINT_CHECKS_BLOCKINGCALLCHECK_H

#include "CallSummaries.h"
#include "ModelledCheck.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringSet.h"
#include <memory>

namespace corolint {

/// Flags calls in a coroutine that block the executor thread, directly or
/// through the functions they call. See docs/checks/coro-blocking-call.md.
class BlockingCallCheck : public ModelledCheck {
public:
  BlockingCallCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);
  ~BlockingCallCheck() override;

  bool isLanguageVersionSupported(const clang::LangOptions &Lang) const override {
    return Lang.CPlusPlus20;
  }
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  /// Start: where the user's code starts in a chain from a library's
  /// coroutine template (0 for the coroutine's own chain).
  void reportChain(const BlockingChain &Chain, const clang::FunctionDecl *Coroutine,
                   size_t Start, const clang::SourceManager &SM);
  void reportSteps(llvm::ArrayRef<const clang::Expr *> Calls,
                   const BlockingMatch &Blocking, llvm::StringRef Path,
                   clang::SourceLocation At, const clang::SourceManager &SM);

  llvm::StringSet<> DisabledCategories;
  bool ReportUnlikelyPaths = true;
  struct TranslationUnitState;
  std::unique_ptr<TranslationUnitState> State;
};

} // namespace corolint

#endif
