// Reads clang-tidy configuration (.clang-tidy files, --config) strictly: a
// file that is not valid YAML, or that names an option of a corolint check
// that does not exist, is an error that says where, not a file silently
// ignored.
#ifndef COROLINT_DRIVER_CONFIGURATION_H
#define COROLINT_DRIVER_CONFIGURATION_H

#include "clang-tidy/ClangTidyOptions.h"
#include "llvm/ADT/StringSet.h"
#include <memory>
#include <optional>
#include <string>

namespace corolint::driver {

/// Every option ("check.Option") the registered checks read.
llvm::StringSet<> knownCheckOptions();

/// The configuration in Text, read from Source (a file name or
/// "--config"). On error, nullopt and Error is "SOURCE:LINE:COLUMN: what is
/// wrong". An option of a coro-* check that is not in KnownOptions is an
/// error, with the closest known option as a suggestion.
std::optional<clang::tidy::ClangTidyOptions>
parseConfig(llvm::StringRef Text, llvm::StringRef Source,
            const llvm::StringSet<> &KnownOptions, std::string &Error);

/// Makes the relative paths of every ModelFiles option in Options absolute
/// against Base: for --config, whose paths are the user's, not relative to
/// each compile command's directory.
void resolveModelFiles(clang::tidy::ClangTidyOptions &Options, llvm::StringRef Base);

/// clang-tidy's provider of options from .clang-tidy files, with the files
/// read by parseConfig: ConfigError receives the first error, and the file
/// is left out.
std::unique_ptr<clang::tidy::ClangTidyOptionsProvider>
strictFileOptionsProvider(const clang::tidy::ClangTidyGlobalOptions &Global,
                          const clang::tidy::ClangTidyOptions &Defaults,
                          const clang::tidy::ClangTidyOptions &Overrides,
                          const llvm::StringSet<> &KnownOptions, std::string &ConfigError);

} // namespace corolint::driver

#endif
