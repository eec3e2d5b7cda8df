// Runs clang-tidy's engine over translation units, several at once, each in
// a process of its own forked from the driver.
#ifndef COROLINT_DRIVER_RUNNER_H
#define COROLINT_DRIVER_RUNNER_H

#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "nlohmann/json.hpp"
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace corolint::driver {

struct LintSettings {
  clang::tidy::ClangTidyGlobalOptions Global;
  clang::tidy::ClangTidyOptions Defaults;
  clang::tidy::ClangTidyOptions Overrides;
  /// --config: used instead of the .clang-tidy files.
  std::optional<clang::tidy::ClangTidyOptions> Config;
  std::unique_ptr<clang::tooling::CompilationDatabase> Compilations;

  std::unique_ptr<clang::tidy::ClangTidyOptionsProvider> makeOptionsProvider() const;
};

/// What linting one translation unit gave.
struct UnitOutcome {
  std::string File;
  /// The diagnostics, as written by the unit's process (see Runner.cpp), or
  /// null when the process failed.
  nlohmann::json Result;
  /// Why the process failed; empty when it did not.
  std::string Failure;
  /// What the process wrote to stderr.
  std::string Stderr;
};

/// Called in the driver each time a unit is done: (units done, total, file).
using ProgressCallback = std::function<void(size_t, size_t, const std::string &)>;

/// Lints Files, Jobs at a time. The outcomes are in the order of Files.
std::vector<UnitOutcome> lintUnits(const LintSettings &Settings,
                                   const std::vector<std::string> &Files,
                                   unsigned Jobs, const ProgressCallback &Progress);

} // namespace corolint::driver

#endif
