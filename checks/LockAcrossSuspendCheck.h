#ifndef COROLINT_CHECKS_LOCKACROSSSUSPENDCHECK_H
#define COROLINT_CHECKS_LOCKACROSSSUSPENDCHECK_H

#include "ModelledCheck.h"
#include "llvm/ADT/DenseSet.h"

namespace corolint {

/// Flags a thread-blocking lock that may still be held when a coroutine
/// suspends. See docs/checks/coro-lock-across-suspend.md.
class LockAcrossSuspendCheck : public ModelledCheck {
public:
  LockAcrossSuspendCheck(llvm::StringRef Name,
                         clang::tidy::ClangTidyContext *Context);

  bool isLanguageVersionSupported(const clang::LangOptions &Lang) const override {
    return Lang.CPlusPlus20;
  }
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  /// Acquisitions already reported, so that a template's instantiations
  /// give one warning.
  llvm::DenseSet<clang::SourceLocation> Reported;
};

} // namespace corolint

#endif
