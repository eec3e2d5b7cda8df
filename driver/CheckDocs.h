// The documentation page of each check, embedded at build time, and what the
// driver derives from it: descriptions for --list-checks and SARIF rules.
#ifndef COROLINT_DRIVER_CHECKDOCS_H
#define COROLINT_DRIVER_CHECKDOCS_H

#include "EmbeddedFile.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>
#include <vector>

namespace corolint::driver {

/// Every page of docs/checks/, named without ".md", compiled in.
llvm::ArrayRef<EmbeddedFile> embeddedDocs();

struct CheckInfo {
  std::string Name;
  /// The page in Markdown; empty for a check without a page.
  std::string Page;
  /// The first sentence of the page's first paragraph.
  std::string ShortDescription;
  /// The page's first paragraph.
  std::string FullDescription;
  std::vector<std::string> Tags;
  /// SARIF rule precision: very-high, high, medium or low.
  std::string Precision;
};

/// The checks this binary provides (every check of every linked clang-tidy
/// module), sorted by name.
std::vector<std::string> registeredChecks();

/// What is known of CHECK: its page when there is one, otherwise a generic
/// description (compiler diagnostics, the static analyzer).
CheckInfo describeCheck(llvm::StringRef Check);

/// The page of CHECK, if one is embedded.
std::optional<llvm::StringRef> checkPage(llvm::StringRef Check);

} // namespace corolint::driver

#endif
