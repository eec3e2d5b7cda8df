#ifndef COROLINT_CHECKS_UNCHECKEDSENDCHECK_H
#define COROLINT_CHECKS_UNCHECKEDSENDCHECK_H

#include "ModelledCheck.h"
#include "llvm/ADT/DenseSet.h"

namespace corolint {

/// Flags a channel send whose result (closed, full) is ignored, stored and
/// never looked at, or unwrapped without a check.
/// See docs/checks/coro-unchecked-send.md.
class UncheckedSendCheck : public ModelledCheck {
public:
  UncheckedSendCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);

  bool isLanguageVersionSupported(const clang::LangOptions &Lang) const override {
    return Lang.CPlusPlus;
  }
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  struct Send;
  void checkUse(const Send &Sent, clang::ASTContext &Context);
  void checkUnwrapsOf(const Send &Sent, const clang::VarDecl *Variable,
                      clang::ASTContext &Context);

  llvm::DenseSet<clang::SourceLocation> Reported;
};

} // namespace corolint

#endif
