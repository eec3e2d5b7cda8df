#ifndef COROLINT_CHECKS_COROUTINEMATCH_H
#define COROLINT_CHECKS_COROUTINEMATCH_H

#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"

namespace corolint {

/// Matches every coroutine definition: functions, methods, lambdas'
/// call operators, template instantiations and patterns.
inline clang::ast_matchers::DeclarationMatcher coroutineDefinition() {
  using namespace clang::ast_matchers;
  return functionDecl(isDefinition(),
                      hasBody(coroutineBodyStmt().bind("coroutineBody")))
      .bind("coroutine");
}

/// The coroutine a coroutineDefinition() match found, with its body; null
/// for one defined in a system header, whose diagnostics nobody sees.
inline std::pair<const clang::FunctionDecl *, const clang::CoroutineBodyStmt *>
matchedCoroutine(const clang::ast_matchers::MatchFinder::MatchResult &Result) {
  const auto *Coroutine = Result.Nodes.getNodeAs<clang::FunctionDecl>("coroutine");
  const auto *Body =
      Result.Nodes.getNodeAs<clang::CoroutineBodyStmt>("coroutineBody");
  if (!Coroutine || !Body ||
      Result.SourceManager->isInSystemHeader(Coroutine->getLocation()))
    return {nullptr, nullptr};
  return {Coroutine, Body};
}

} // namespace corolint

#endif
