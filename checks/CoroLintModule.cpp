#include "BlockingCallCheck.h"
#include "LockAcrossSuspendCheck.h"
#include "UnboundedChannelCheck.h"
#include "UncheckedSendCheck.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"

namespace corolint {

class CoroLintModule : public clang::tidy::ClangTidyModule {
public:
  void addCheckFactories(clang::tidy::ClangTidyCheckFactories &Factories) override {
    Factories.registerCheck<BlockingCallCheck>("coro-blocking-call");
    Factories.registerCheck<LockAcrossSuspendCheck>("coro-lock-across-suspend");
    Factories.registerCheck<UnboundedChannelCheck>("coro-unbounded-channel");
    Factories.registerCheck<UncheckedSendCheck>("coro-unchecked-send");
  }
};

} // namespace corolint

namespace clang::tidy {
// NOLINTNEXTLINE(cppcoreguidelines-avoid-non-const-global-variables)
static ClangTidyModuleRegistry::Add<corolint::CoroLintModule>
    X("corolint-module", "Checks for C++20 coroutine code.");
} // namespace clang::tidy
