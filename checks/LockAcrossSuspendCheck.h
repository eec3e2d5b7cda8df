#ifndef COROLINT_CHECKS_LOCKACROSSSUSPENDCHECK_H
#define COROLINT_CHECKS_LOCKACROSSSUSPENDCHECK_H

#include "Models.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseSet.h"
#include <memory>

namespace corolint {

/// Flags a thread-blocking lock that may still be held when a coroutine
/// suspends. See docs/checks/coro-lock-across-suspend.md.
class LockAcrossSuspendCheck : public clang::tidy::ClangTidyCheck {
public:
  LockAcrossSuspendCheck(llvm::StringRef Name,
                         clang::tidy::ClangTidyContext *Context);

  bool isLanguageVersionSupported(const clang::LangOptions &Lang) const override {
    return Lang.CPlusPlus20;
  }
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;

private:
  std::string ModelFilesOption;
  std::string BlockingMutexesOption;
  std::string AsyncMutexesOption;
  std::string NeverSuspendingOption;
  /// Null when the configuration is broken; the error was reported.
  std::shared_ptr<const ApiModels> Models;
  /// Acquisitions already reported, so that a template's instantiations
  /// give one warning.
  llvm::DenseSet<clang::SourceLocation> Reported;
};

} // namespace corolint

#endif
