#include "Configuration.h"

#include "ModelFilesOption.h"
#include "SourceFiles.h"
#include "YamlNesting.h"

#include "clang-tidy/ClangTidy.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/VirtualFileSystem.h"

namespace corolint::driver {
namespace {

/// "LINE:COLUMN" of byte Offset of Text.
std::string lineAndColumn(llvm::StringRef Text, size_t Offset) {
  Position Pos = SourceText(Text.str()).position(static_cast<unsigned>(Offset));
  return std::to_string(Pos.Line) + ":" + std::to_string(Pos.Column);
}

/// The known option closest to Key, if one is close enough to be a typo.
std::string closest(llvm::StringRef Key, const llvm::StringSet<> &KnownOptions) {
  std::string Best;
  unsigned BestDistance = 4;
  for (const auto &Known : KnownOptions) {
    unsigned Distance = Key.edit_distance(Known.getKey(), /*AllowReplacements=*/true,
                                          BestDistance);
    if (Distance < BestDistance) {
      BestDistance = Distance;
      Best = Known.getKey().str();
    }
  }
  return Best;
}

/// An option of a corolint check ("coro-....Option") that no check reads.
std::optional<std::string>
unknownOption(const clang::tidy::ClangTidyOptions &Options, llvm::StringRef Text,
              llvm::StringRef Source, const llvm::StringSet<> &KnownOptions) {
  for (const auto &Option : Options.CheckOptions) {
    llvm::StringRef Key = Option.getKey();
    auto [Check, Name] = Key.split('.');
    if (Name.empty() || !Check.starts_with("coro-") || KnownOptions.contains(Key))
      continue;
    size_t Offset = Text.find(Key);
    std::string Where = Source.str() + ":" +
                        (Offset == llvm::StringRef::npos ? "1:1"
                                                         : lineAndColumn(Text, Offset));
    std::string Message = Where + ": unknown option '" + Key.str() + "'";
    if (std::string Suggestion = closest(Key, KnownOptions); !Suggestion.empty())
      Message += "; did you mean '" + Suggestion + "'?";
    return Message;
  }
  return std::nullopt;
}

/// FileOptionsProvider with its own parser of .clang-tidy files (its
/// constructor that takes parsers leaves the file system unset).
class StrictFileOptionsProvider : public clang::tidy::FileOptionsProvider {
public:
  StrictFileOptionsProvider(const clang::tidy::ClangTidyGlobalOptions &Global,
                            const clang::tidy::ClangTidyOptions &Defaults,
                            const clang::tidy::ClangTidyOptions &Overrides,
                            const llvm::StringSet<> &KnownOptions,
                            std::string &ConfigError)
      : FileOptionsProvider(Global, Defaults, Overrides, llvm::vfs::getRealFileSystem()) {
    auto Parse = [&KnownOptions, &ConfigError](llvm::MemoryBufferRef Buffer)
        -> llvm::ErrorOr<clang::tidy::ClangTidyOptions> {
      std::string Error;
      std::optional<clang::tidy::ClangTidyOptions> Parsed = parseConfig(
          Buffer.getBuffer(), Buffer.getBufferIdentifier(), KnownOptions, Error);
      if (Parsed)
        return std::move(*Parsed);
      if (ConfigError.empty())
        ConfigError = Error;
      return std::make_error_code(std::errc::invalid_argument);
    };
    ConfigHandlers.clear();
    ConfigHandlers.emplace_back(".clang-tidy", Parse);
  }
};

} // namespace

std::unique_ptr<clang::tidy::ClangTidyOptionsProvider>
strictFileOptionsProvider(const clang::tidy::ClangTidyGlobalOptions &Global,
                          const clang::tidy::ClangTidyOptions &Defaults,
                          const clang::tidy::ClangTidyOptions &Overrides,
                          const llvm::StringSet<> &KnownOptions, std::string &ConfigError) {
  return std::make_unique<StrictFileOptionsProvider>(Global, Defaults, Overrides,
                                                     KnownOptions, ConfigError);
}

void resolveModelFiles(clang::tidy::ClangTidyOptions &Options, llvm::StringRef Base) {
  for (auto &Option : Options.CheckOptions)
    if (Option.getKey() == "ModelFiles" || Option.getKey().ends_with(".ModelFiles"))
      Option.getValue().Value = absolutePathList(Option.getValue().Value, Base);
}

llvm::StringSet<> knownCheckOptions() {
  return clang::tidy::getAllChecksAndOptions(
             /*AllowEnablingAnalyzerAlphaCheckers=*/false)
      .Options;
}

std::optional<clang::tidy::ClangTidyOptions>
parseConfig(llvm::StringRef Text, llvm::StringRef Source,
            const llvm::StringSet<> &KnownOptions, std::string &Error) {
  // clang-tidy's reader recurses once per level of nesting.
  llvm::SourceMgr SM;
  SM.setDiagHandler([](const llvm::SMDiagnostic &, void *) {});
  bool SyntaxError = false;
  if (std::optional<llvm::SMLoc> TooDeep =
          tooDeeplyNested(llvm::MemoryBufferRef(Text, Source), SM, SyntaxError)) {
    Error = Source.str() + ":" +
            lineAndColumn(Text, static_cast<size_t>(TooDeep->getPointer() - Text.data())) +
            ": nested deeper than " + std::to_string(MaxYamlNesting) + " levels";
    return std::nullopt;
  }
  std::string FirstDiag;
  llvm::ErrorOr<clang::tidy::ClangTidyOptions> Parsed =
      clang::tidy::parseConfigurationWithDiags(
          llvm::MemoryBufferRef(Text, Source), [&](const llvm::SMDiagnostic &D) {
            if (FirstDiag.empty())
              FirstDiag = Source.str() + ":" + std::to_string(D.getLineNo()) + ":" +
                          std::to_string(D.getColumnNo() + 1) + ": " +
                          D.getMessage().str();
          });
  if (!Parsed) {
    Error = FirstDiag.empty() ? Source.str() + ": " + Parsed.getError().message()
                              : FirstDiag;
    return std::nullopt;
  }
  if (std::optional<std::string> Unknown =
          unknownOption(*Parsed, Text, Source, KnownOptions)) {
    Error = *Unknown;
    return std::nullopt;
  }
  return *Parsed;
}

} // namespace corolint::driver
