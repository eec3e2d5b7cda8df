// corolint's command line.
#ifndef COROLINT_DRIVER_OPTIONS_H
#define COROLINT_DRIVER_OPTIONS_H

#include "llvm/Support/raw_ostream.h"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace corolint::driver {

enum class OutputFormat : std::uint8_t { Text, Json, Sarif };
enum class FailOn : std::uint8_t { Warning, Error, Never };
enum class ColorMode : std::uint8_t { Auto, Always, Never };

struct CommandLine {
  std::string BuildPath;
  std::optional<std::string> Checks;
  std::optional<std::string> WarningsAsErrors;
  std::optional<std::string> HeaderFilter;
  std::optional<std::string> Config;
  std::optional<std::string> ConfigFile;
  std::vector<std::string> ExtraArgs;
  std::vector<std::string> ExtraArgsBefore;
  /// 0: one job per core.
  unsigned Jobs = 0;
  /// Seconds a unit may take before it is stopped; 0: no limit.
  unsigned TimeoutSeconds = 300;
  bool Quiet = false;
  OutputFormat Format = OutputFormat::Text;
  std::string OutputFile;
  bool ShowSource = false;
  ColorMode Color = ColorMode::Auto;
  std::string SourceRoot;
  std::optional<std::string> HelpUriBase;
  std::string Baseline;
  FailOn FailLevel = FailOn::Warning;
  bool ListChecks = false;
  bool Help = false;
  bool Version = false;
  /// `corolint explain CHECK`.
  std::optional<std::string> Explain;
  std::vector<std::string> Files;
  /// Compiler arguments after "--": a fixed compilation database.
  std::optional<std::vector<std::string>> FixedArgs;
};

/// Parses Args (without the program name) into Out. Returns an error
/// message on bad usage.
std::optional<std::string> parseCommandLine(const std::vector<std::string> &Args,
                                            CommandLine &Out);

void printUsage(llvm::raw_ostream &OS);

} // namespace corolint::driver

#endif
