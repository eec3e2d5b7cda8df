#include "CheckModels.h"

#include "OptionLists.h"

namespace corolint {
namespace {

llvm::Error addNames(llvm::StringRef CheckName, llvm::StringRef Option,
                     llvm::StringRef Value,
                     llvm::function_ref<void(llvm::StringRef)> Add) {
  auto Names = parseQualifiedNames((CheckName + "." + Option).str(), Value);
  if (!Names)
    return Names.takeError();
  for (const std::string &Name : *Names)
    Add(Name);
  return llvm::Error::success();
}

} // namespace

llvm::Expected<std::shared_ptr<const ApiModels>>
modelsForCheck(llvm::StringRef CheckName, const ModelOptions &Options) {
  auto Loaded = loadModels(parsePathList(Options.ModelFiles));
  // The same text from every check that reads a global ModelFiles, so that
  // the error is reported once.
  if (!Loaded)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(), "option '%s'%s: %s",
        Options.ModelFilesOption.c_str(),
        Options.ModelFilesOrigin.empty()
            ? ""
            : (" (set in " + Options.ModelFilesOrigin + ")").c_str(),
        llvm::toString(Loaded.takeError()).c_str());
  if (Options.BlockingMutexes.empty() && Options.AsyncMutexes.empty() &&
      Options.NeverSuspendingAwaitables.empty() &&
      Options.BlockingFunctions.empty() && Options.SendFunctions.empty() &&
      Options.AwaitedSendFunctions.empty())
    return *Loaded;

  auto Extended = std::make_shared<ApiModels>(**Loaded);
  if (llvm::Error Err = addNames(
          CheckName, "BlockingMutexes", Options.BlockingMutexes,
          [&](llvm::StringRef Name) { Extended->addBlockingMutex(Name); }))
    return std::move(Err);
  if (llvm::Error Err = addNames(
          CheckName, "AsyncMutexes", Options.AsyncMutexes,
          [&](llvm::StringRef Name) { Extended->AsyncMutexes.insert(Name); }))
    return std::move(Err);
  if (llvm::Error Err = addNames(CheckName, "NeverSuspendingAwaitables",
                                 Options.NeverSuspendingAwaitables,
                                 [&](llvm::StringRef Name) {
                                   Extended->NeverSuspendingAwaitables.insert(Name);
                                 }))
    return std::move(Err);
  if (llvm::Error Err = addNames(
          CheckName, "BlockingFunctions", Options.BlockingFunctions,
          [&](llvm::StringRef Name) {
            BlockingFunction &Function = Extended->BlockingFunctions[Name];
            Function.Category = "user";
            Function.Instead = "move the call to a blocking pool "
                               "(spawn_blocking) or use an async alternative";
          }))
    return std::move(Err);
  for (bool Awaited : {false, true}) {
    if (llvm::Error Err = addNames(
            CheckName, Awaited ? "AwaitedSendFunctions" : "SendFunctions",
            Awaited ? Options.AwaitedSendFunctions : Options.SendFunctions,
            [&](llvm::StringRef Name) {
              Extended->ChannelSends[Name] = {
                  Awaited, "", "the channel is full or closed", {"unwrap", "value"}};
            }))
      return std::move(Err);
  }
  return Extended;
}

} // namespace corolint
