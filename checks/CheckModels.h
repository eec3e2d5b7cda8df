#ifndef COROLINT_CHECKS_CHECKMODELS_H
#define COROLINT_CHECKS_CHECKMODELS_H

#include "Models.h"

namespace corolint {

/// Check options that extend the models: ';'-separated lists.
struct ModelOptions {
  /// Absolute paths; ModelFilesOption is the option that names them, set in
  /// the file ModelFilesOrigin (empty if not in a file).
  std::string ModelFiles;
  std::string ModelFilesOption;
  std::string ModelFilesOrigin;
  std::string BlockingMutexes;
  std::string AsyncMutexes;
  std::string NeverSuspendingAwaitables;
  /// Functions that block, in the category "user".
  std::string BlockingFunctions;
  /// Channel sends that return their result, or an awaitable yielding it.
  std::string SendFunctions;
  std::string AwaitedSendFunctions;
};

/// The models a check works with: built-in, plus the user's model files,
/// plus the names its options add. An error names the option or file at
/// fault, prefixed with the check's name.
llvm::Expected<std::shared_ptr<const ApiModels>>
modelsForCheck(llvm::StringRef CheckName, const ModelOptions &Options);

} // namespace corolint

#endif
