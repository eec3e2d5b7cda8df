#include "ModelledCheck.h"

namespace corolint {

ModelledCheck::ModelledCheck(llvm::StringRef Name,
                             clang::tidy::ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      ModelFiles(Options.getLocalOrGlobal("ModelFiles", "")),
      ModelFilesFrom(
          modelFilesSetting(Name, Context->getOptions(), Context->getCurrentFile())) {}

std::string ModelledCheck::option(llvm::StringRef Name, llvm::StringRef Default) {
  std::string Value = Options.get(Name, Default).str();
  ReadOptions.emplace_back(Name.str(), Value);
  return Value;
}

bool ModelledCheck::loadModels(ModelOptions Extra) {
  Extra.ModelFiles = ModelFilesFrom.Files;
  Extra.ModelFilesOption = ModelFilesFrom.Option;
  Extra.ModelFilesOrigin = ModelFilesFrom.Origin;
  auto Loaded = modelsForCheck(getID(), Extra);
  if (!Loaded) {
    configurationError(llvm::toString(Loaded.takeError()));
    return false;
  }
  Models = std::move(*Loaded);
  return true;
}

void ModelledCheck::configurationError(llvm::StringRef Message) {
  Models.reset();
  configurationDiag("%0", clang::DiagnosticIDs::Error) << Message;
}

void ModelledCheck::storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "ModelFiles", ModelFiles);
  for (const auto &[Name, Value] : ReadOptions)
    Options.store(Opts, Name, Value);
}

} // namespace corolint
