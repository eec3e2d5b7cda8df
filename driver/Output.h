// The three report formats: clang's text, a JSON document for scripts and
// SARIF 2.1.0 for code-scanning services.
#ifndef COROLINT_DRIVER_OUTPUT_H
#define COROLINT_DRIVER_OUTPUT_H

#include "Findings.h"
#include "SourceFiles.h"
#include "llvm/Support/raw_ostream.h"
#include <string>
#include <vector>

namespace corolint::driver {

struct TextStyle {
  bool ShowSource = false;
  bool Color = false;
};

/// Diagnostics as clang-tidy prints them, compiler errors among them.
void writeText(llvm::raw_ostream &OS, const Report &R, SourceFiles &Sources,
               const TextStyle &Style);

/// The JSON report; its schema is in docs/driver.md.
void writeJson(llvm::raw_ostream &OS, const Report &R, SourceFiles &Sources,
               const std::string &SourceRoot, int ExitCode);

struct SarifSettings {
  std::string SourceRoot;
  /// The check's page name (CHECK.md) is appended to it.
  std::string HelpUriBase;
  /// Checks that get a rule even without results.
  std::vector<std::string> Checks;
  int ExitCode = 0;
};

void writeSarif(llvm::raw_ostream &OS, const Report &R, SourceFiles &Sources,
                const SarifSettings &Settings);

/// The version of corolint, as in --version and in reports.
const char *corolintVersion();

} // namespace corolint::driver

#endif
