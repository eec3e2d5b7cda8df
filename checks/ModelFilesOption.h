// Where the ModelFiles option of a check comes from, and its files as
// absolute paths: a relative path is taken from the directory of the
// .clang-tidy file that sets the option (what a user writing the file
// expects), or from the current directory when no file does (--config).
#ifndef COROLINT_CHECKS_MODELFILESOPTION_H
#define COROLINT_CHECKS_MODELFILESOPTION_H

#include "clang-tidy/ClangTidyOptions.h"
#include <string>

namespace corolint {

struct ModelFilesSetting {
  /// The option that gives the value: "ModelFiles" (for every check) or
  /// "<check>.ModelFiles".
  std::string Option;
  /// The .clang-tidy file that sets it; empty when none does.
  std::string Origin;
  /// ';'-separated absolute paths.
  std::string Files;
};

/// The ModelFiles setting of check CheckName in Options, the options of
/// MainFile.
ModelFilesSetting modelFilesSetting(llvm::StringRef CheckName,
                                    const clang::tidy::ClangTidyOptions &Options,
                                    llvm::StringRef MainFile);

/// Paths, a ';'-separated list, with each relative one made absolute
/// against Base.
std::string absolutePathList(llvm::StringRef Paths, llvm::StringRef Base);

} // namespace corolint

#endif
