#ifndef COROLINT_CHECKS_UNBOUNDEDCHANNELCHECK_H
#define COROLINT_CHECKS_UNBOUNDEDCHANNELCHECK_H

#include "Models.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseSet.h"
#include <memory>

namespace corolint {

/// Flags the creation of a channel or queue without a bound, or with a
/// capacity so large that it has none in practice.
/// See docs/checks/coro-unbounded-channel.md.
class UnboundedChannelCheck : public clang::tidy::ClangTidyCheck {
public:
  UnboundedChannelCheck(llvm::StringRef Name,
                        clang::tidy::ClangTidyContext *Context);

  bool isLanguageVersionSupported(const clang::LangOptions &Lang) const override {
    return Lang.CPlusPlus;
  }
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;

private:
  void reportCapacity(const clang::Expr *Creation, llvm::StringRef Name,
                      const ChannelModel &Channel,
                      const clang::ast_matchers::MatchFinder::MatchResult &Result);
  bool firstReport(clang::SourceLocation Loc);

  std::string ModelFilesOption;
  std::string ThresholdOption;
  uint64_t CapacityThreshold = 0;
  std::shared_ptr<const ApiModels> Models;
  llvm::DenseSet<clang::SourceLocation> Reported;
};

} // namespace corolint

#endif
