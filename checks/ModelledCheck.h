#ifndef COROLINT_CHECKS_MODELLEDCHECK_H
#define COROLINT_CHECKS_MODELLEDCHECK_H

#include "CheckModels.h"
#include "ModelFilesOption.h"
#include "clang-tidy/ClangTidyCheck.h"
#include <memory>
#include <utility>
#include <vector>

namespace corolint {

/// A check that works from the API models. It reads its options through
/// option(), stores them all back, and loads the models once; a broken
/// configuration is reported as an error and leaves the check inactive.
class ModelledCheck : public clang::tidy::ClangTidyCheck {
public:
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;

protected:
  ModelledCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);

  /// The value of this check's option Name, stored back by storeOptions.
  std::string option(llvm::StringRef Name, llvm::StringRef Default = "");
  /// Builds the models from the built-in ones, ModelFiles and Extra; on
  /// failure reports the error and returns false.
  bool loadModels(ModelOptions Extra);
  /// Reports an error in the check's configuration and makes it inactive.
  void configurationError(llvm::StringRef Message);
  bool active() const { return Models != nullptr; }

  /// Null when the configuration is broken.
  std::shared_ptr<const ApiModels> Models;

private:
  std::vector<std::pair<std::string, std::string>> ReadOptions;
  /// As the configuration gives it, and as the models are loaded from.
  std::string ModelFiles;
  ModelFilesSetting ModelFilesFrom;
};

} // namespace corolint

#endif
