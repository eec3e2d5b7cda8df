#ifndef COROLINT_CHECKS_UNBOUNDEDCHANNELCHECK_H
#define COROLINT_CHECKS_UNBOUNDEDCHANNELCHECK_H

#include "ModelledCheck.h"
#include "llvm/ADT/DenseSet.h"

namespace corolint {

/// Flags the creation of a channel or queue without a bound, or with a
/// capacity so large that it has none in practice.
/// See docs/checks/coro-unbounded-channel.md.
class UnboundedChannelCheck : public ModelledCheck {
public:
  UnboundedChannelCheck(llvm::StringRef Name,
                        clang::tidy::ClangTidyContext *Context);

  bool isLanguageVersionSupported(const clang::LangOptions &Lang) const override {
    return Lang.CPlusPlus;
  }
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  /// Creation's arguments are the channel constructor's, from the
  /// FirstConstructorArg-th on (std::allocate_shared takes an allocator
  /// first).
  void
  reportCapacity(const clang::Expr *Creation, llvm::StringRef Name,
                 const ChannelModel &Channel,
                 const clang::ast_matchers::MatchFinder::MatchResult &Result,
                 unsigned FirstConstructorArg = 0);
  bool firstReport(clang::SourceLocation Loc);

  uint64_t CapacityThreshold = 0;
  llvm::DenseSet<clang::SourceLocation> Reported;
};

} // namespace corolint

#endif
