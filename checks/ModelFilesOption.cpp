#include "ModelFilesOption.h"

#include "OptionLists.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

namespace corolint {
namespace {

/// The .clang-tidy file that gives Key its Value for a file in Dir: the
/// nearest one above it that sets Key, among those clang-tidy reads (it
/// stops at a file without InheritParentConfig: true). Empty if none.
std::string originOf(llvm::StringRef Key, llvm::StringRef Value, llvm::StringRef Dir) {
  llvm::SmallString<256> Current(Dir);
  while (!Current.empty()) {
    llvm::SmallString<256> Candidate(Current);
    llvm::sys::path::append(Candidate, ".clang-tidy");
    if (auto Buffer = llvm::MemoryBuffer::getFile(Candidate, /*IsText=*/true)) {
      llvm::ErrorOr<clang::tidy::ClangTidyOptions> Parsed =
          clang::tidy::parseConfiguration((*Buffer)->getMemBufferRef());
      if (!Parsed)
        return "";
      auto It = Parsed->CheckOptions.find(Key);
      if (It != Parsed->CheckOptions.end())
        return It->getValue().Value == Value ? std::string(Candidate) : "";
      if (!Parsed->InheritParentConfig.value_or(false))
        return "";
    }
    llvm::StringRef Parent = llvm::sys::path::parent_path(Current);
    if (Parent == Current)
      break;
    Current = Parent;
  }
  return "";
}

} // namespace

std::string absolutePathList(llvm::StringRef Paths, llvm::StringRef Base) {
  std::string Result;
  for (const std::string &Path : parsePathList(Paths)) {
    llvm::SmallString<256> Absolute(Path);
    if (llvm::sys::path::is_relative(Absolute)) {
      Absolute = Base;
      llvm::sys::path::append(Absolute, Path);
    }
    llvm::sys::path::remove_dots(Absolute, /*remove_dot_dot=*/true);
    Result += (Result.empty() ? "" : ";") + std::string(Absolute);
  }
  return Result;
}

ModelFilesSetting modelFilesSetting(llvm::StringRef CheckName,
                                    const clang::tidy::ClangTidyOptions &Options,
                                    llvm::StringRef MainFile) {
  ModelFilesSetting Setting;
  std::string Local = (CheckName + ".ModelFiles").str();
  auto It = Options.CheckOptions.find(Local);
  if (It == Options.CheckOptions.end())
    It = Options.CheckOptions.find("ModelFiles");
  if (It == Options.CheckOptions.end())
    return Setting;
  Setting.Option = It->getKey().str();
  llvm::StringRef Value = It->getValue().Value;
  llvm::SmallString<256> Dir(MainFile);
  // A file whose absolute path cannot be had is looked up from where it is.
  if (llvm::sys::fs::make_absolute(Dir))
    Dir = MainFile;
  llvm::sys::path::remove_filename(Dir);
  Setting.Origin = originOf(Setting.Option, Value, Dir);
  llvm::SmallString<256> Base;
  if (!Setting.Origin.empty())
    Base = llvm::sys::path::parent_path(Setting.Origin);
  else if (llvm::sys::fs::current_path(Base))
    Base = ".";
  Setting.Files = absolutePathList(Value, Base);
  return Setting;
}

} // namespace corolint
