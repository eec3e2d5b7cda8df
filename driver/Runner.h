// Runs clang-tidy's engine over translation units, several at once, each in
// a process of its own forked from the driver.
#ifndef COROLINT_DRIVER_RUNNER_H
#define COROLINT_DRIVER_RUNNER_H

#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringSet.h"
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
  /// The options of the checks, to tell a misspelled one.
  llvm::StringSet<> KnownOptions;

  /// The provider of each file's options. ConfigError receives the first
  /// error in a .clang-tidy file it reads.
  std::unique_ptr<clang::tidy::ClangTidyOptionsProvider>
  makeOptionsProvider(std::string &ConfigError) const;
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

struct RunLimits {
  /// Units linted at once.
  unsigned Jobs = 1;
  /// A unit that takes longer is stopped and reported as failed; 0: no limit.
  unsigned TimeoutSeconds = 0;
};

/// Lints Files, Limits.Jobs at a time. The outcomes are in the order of
/// Files. SIGINT, SIGTERM or SIGHUP stop the run: every unit still running is
/// killed and reaped, and StoppedBy is set to the signal (0 otherwise).
std::vector<UnitOutcome> lintUnits(const LintSettings &Settings,
                                   const std::vector<std::string> &Files,
                                   const RunLimits &Limits,
                                   const ProgressCallback &Progress, int &StoppedBy);

} // namespace corolint::driver

#endif
