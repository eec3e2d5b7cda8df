#include "Options.h"

#include "llvm/ADT/StringRef.h"
#include <functional>

namespace corolint::driver {
namespace {

using Setter = std::function<std::optional<std::string>(llvm::StringRef)>;

struct OptionSpec {
  std::vector<llvm::StringRef> Names;
  bool TakesValue;
  Setter Set;
};

std::optional<std::string> parseJobs(llvm::StringRef Value, unsigned &Jobs) {
  unsigned N = 0;
  if (Value.getAsInteger(10, N) || N == 0)
    return "-j expects a positive number of jobs, got '" + Value.str() + "'";
  Jobs = N;
  return std::nullopt;
}

std::vector<OptionSpec> optionTable(CommandLine &Out) {
  auto Flag = [](bool &Target) {
    return [&Target](llvm::StringRef) -> std::optional<std::string> {
      Target = true;
      return std::nullopt;
    };
  };
  auto Text = [](std::string &Target) {
    return [&Target](llvm::StringRef V) -> std::optional<std::string> {
      Target = V.str();
      return std::nullopt;
    };
  };
  auto Maybe = [](std::optional<std::string> &Target) {
    return [&Target](llvm::StringRef V) -> std::optional<std::string> {
      Target = V.str();
      return std::nullopt;
    };
  };
  auto List = [](std::vector<std::string> &Target) {
    return [&Target](llvm::StringRef V) -> std::optional<std::string> {
      Target.push_back(V.str());
      return std::nullopt;
    };
  };
  return {
      {{"p", "build-path"}, true, Text(Out.BuildPath)},
      {{"checks"}, true, Maybe(Out.Checks)},
      {{"warnings-as-errors"}, true, Maybe(Out.WarningsAsErrors)},
      {{"header-filter"}, true, Maybe(Out.HeaderFilter)},
      {{"config"}, true, Maybe(Out.Config)},
      {{"config-file"}, true, Maybe(Out.ConfigFile)},
      {{"extra-arg"}, true, List(Out.ExtraArgs)},
      {{"extra-arg-before"}, true, List(Out.ExtraArgsBefore)},
      {{"j", "jobs"},
       true,
       [&Out](llvm::StringRef V) { return parseJobs(V, Out.Jobs); }},
      {{"timeout"},
       true,
       [&Out](llvm::StringRef V) -> std::optional<std::string> {
         if (V.getAsInteger(10, Out.TimeoutSeconds))
           return "--timeout expects a number of seconds, got '" + V.str() + "'";
         return std::nullopt;
       }},
      {{"q", "quiet"}, false, Flag(Out.Quiet)},
      {{"format"},
       true,
       [&Out](llvm::StringRef V) -> std::optional<std::string> {
         if (V == "text")
           Out.Format = OutputFormat::Text;
         else if (V == "json")
           Out.Format = OutputFormat::Json;
         else if (V == "sarif")
           Out.Format = OutputFormat::Sarif;
         else
           return "--format expects text, json or sarif, got '" + V.str() + "'";
         return std::nullopt;
       }},
      {{"o", "output"}, true, Text(Out.OutputFile)},
      {{"show-source"}, false, Flag(Out.ShowSource)},
      {{"color"},
       true,
       [&Out](llvm::StringRef V) -> std::optional<std::string> {
         if (V == "auto")
           Out.Color = ColorMode::Auto;
         else if (V == "always")
           Out.Color = ColorMode::Always;
         else if (V == "never")
           Out.Color = ColorMode::Never;
         else
           return "--color expects auto, always or never, got '" + V.str() + "'";
         return std::nullopt;
       }},
      {{"source-root"}, true, Text(Out.SourceRoot)},
      {{"help-uri-base"}, true, Maybe(Out.HelpUriBase)},
      {{"baseline"}, true, Text(Out.Baseline)},
      {{"fail-on"},
       true,
       [&Out](llvm::StringRef V) -> std::optional<std::string> {
         if (V == "warning")
           Out.FailLevel = FailOn::Warning;
         else if (V == "error")
           Out.FailLevel = FailOn::Error;
         else if (V == "never")
           Out.FailLevel = FailOn::Never;
         else
           return "--fail-on expects warning, error or never, got '" + V.str() +
                  "'";
         return std::nullopt;
       }},
      {{"list-checks"}, false, Flag(Out.ListChecks)},
      {{"h", "help"}, false, Flag(Out.Help)},
      {{"version"}, false, Flag(Out.Version)},
  };
}

const OptionSpec *findOption(const std::vector<OptionSpec> &Table,
                             llvm::StringRef Name) {
  for (const OptionSpec &Spec : Table)
    for (llvm::StringRef Candidate : Spec.Names)
      if (Candidate == Name)
        return &Spec;
  return nullptr;
}

} // namespace

std::optional<std::string> parseCommandLine(const std::vector<std::string> &Args,
                                            CommandLine &Out) {
  std::vector<OptionSpec> Table = optionTable(Out);
  size_t I = 0;
  if (!Args.empty() && Args[0] == "explain") {
    if (Args.size() != 2)
      return std::string("usage: corolint explain CHECK");
    Out.Explain = Args[1];
    return std::nullopt;
  }
  for (; I < Args.size(); ++I) {
    llvm::StringRef Arg = Args[I];
    if (Arg == "--") {
      Out.FixedArgs.emplace(Args.begin() + static_cast<std::ptrdiff_t>(I) + 1,
                            Args.end());
      break;
    }
    if (!Arg.starts_with("-") || Arg == "-") {
      Out.Files.push_back(Arg.str());
      continue;
    }
    llvm::StringRef Body = Arg.drop_front(Arg.starts_with("--") ? 2 : 1);
    auto [Name, Value] = Body.split('=');
    bool HasValue = Body.contains('=');
    const OptionSpec *Spec = findOption(Table, Name);
    // -j4, -pbuild: a one-letter option glued to its value.
    if (!Spec && !Arg.starts_with("--") && Body.size() > 1 && !HasValue) {
      const OptionSpec *Short = findOption(Table, Body.take_front(1));
      if (Short && Short->TakesValue) {
        Spec = Short;
        Value = Body.drop_front(1);
        HasValue = true;
      }
    }
    if (!Spec)
      return "unknown option '" + Arg.str() + "'";
    if (!Spec->TakesValue) {
      if (HasValue)
        return "option '" + Name.str() + "' takes no value";
      (void)Spec->Set("");
      continue;
    }
    std::string Owned;
    if (!HasValue) {
      if (I + 1 >= Args.size())
        return "option '" + Arg.str() + "' needs a value";
      Owned = Args[++I];
      Value = Owned;
    }
    if (std::optional<std::string> Error = Spec->Set(Value))
      return Error;
  }
  if (Out.Config && Out.ConfigFile)
    return std::string("--config and --config-file cannot be used together");
  return std::nullopt;
}

void printUsage(llvm::raw_ostream &OS) {
  OS << R"(usage: corolint [options] [files...] [-- compiler arguments]
       corolint explain CHECK
       corolint --list-checks

Lints C++20 coroutine code with the coro-* checks, using the compilation
database of a build: every translation unit it lists, or only the given files.

Inputs:
  -p, --build-path DIR     directory of compile_commands.json (default: found
                           by walking up from the first file, or from the
                           current directory when no file is given)
  -- ARGS                  no compilation database: compile every file with ARGS
  --extra-arg ARG          append ARG to each compile command (repeatable)
  --extra-arg-before ARG   prepend ARG to each compile command (repeatable)

Checks and configuration (as in clang-tidy; .clang-tidy files apply):
  --checks GLOB            checks to enable or disable, after those of the
                           configuration (default configuration: -*,coro-*)
  --warnings-as-errors GLOB  checks whose warnings are errors
  --header-filter REGEX    headers whose diagnostics are shown
  --config YAML            configuration used instead of .clang-tidy files
  --config-file FILE       the same, read from FILE

Running:
  -j, --jobs N             translation units linted at once (default: all cores)
  --timeout SECONDS        stop a unit that takes longer and report it as
                           failed (default: 300; 0: no limit)
  -q, --quiet              no progress and no summary

Output:
  --format text|json|sarif   (default: text)
  -o, --output FILE        write the report to FILE instead of stdout
  --show-source            show the flagged line and a caret (default: on a
                           terminal only)
  --color auto|always|never  colors in text output (default: auto)
  --source-root DIR        root that SARIF and JSON paths are relative to, and
                           that fingerprints use (default: current directory)
  --help-uri-base URL      base URL of the check pages in SARIF rules
  --baseline FILE          report only findings absent from FILE, an earlier
                           SARIF (or JSON) report

Exit status:
  --fail-on warning|error|never  which findings make the exit status 1
                           (default: warning)
  0 no findings at the --fail-on level, 1 findings at that level, 2 the lint
  could not run (compilation database, unreadable file, a file that does not
  parse: the other files are still linted and reported), 3 bad usage.

  --list-checks            list the checks and exit
  --version                print the version and exit
  -h, --help               print this help and exit
)";
}

} // namespace corolint::driver
