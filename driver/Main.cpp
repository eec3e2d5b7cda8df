// corolint: lints the translation units of a compilation database with the
// coro-* checks, through clang-tidy's engine.
#include "CheckDocs.h"
#include "CompileDatabase.h"
#include "Configuration.h"
#include "Findings.h"
#include "InputFiles.h"
#include "Options.h"
#include "Output.h"
#include "Progress.h"
#include "ReportFile.h"
#include "Report.h"
#include "Runner.h"
#include "SourceFiles.h"

#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/raw_ostream.h"
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <set>

using namespace corolint::driver;
namespace tooling = clang::tooling;
namespace tidy = clang::tidy;

namespace {

constexpr int ExitClean = 0;
constexpr int ExitFindings = 1;
constexpr int ExitCouldNotRun = 2;
constexpr int ExitUsage = 3;

/// Thrown-free error reporting: prints "corolint: error: MESSAGE".
int fail(int Code, const llvm::Twine &Message) {
  llvm::errs() << "corolint: error: " << Message << "\n";
  if (Code == ExitUsage)
    llvm::errs() << "run 'corolint --help' for usage\n";
  return Code;
}

std::string currentDirectory() {
  llvm::SmallString<256> Dir;
  if (llvm::sys::fs::current_path(Dir))
    return ".";
  return std::string(Dir);
}

int listChecks() {
  std::vector<std::string> Checks = registeredChecks();
  size_t Width = 0;
  for (const std::string &Check : Checks)
    Width = std::max(Width, Check.size());
  for (const std::string &Check : Checks)
    llvm::outs() << Check << std::string(Width + 2 - Check.size(), ' ')
                 << describeCheck(Check).ShortDescription << "\n";
  return ExitClean;
}

int explain(const std::string &Name) {
  std::vector<std::string> Checks = registeredChecks();
  std::string Check = Name;
  if (!llvm::is_contained(Checks, Check) && llvm::is_contained(Checks, "coro-" + Name))
    Check = "coro-" + Name;
  if (!llvm::is_contained(Checks, Check))
    return fail(ExitUsage, "unknown check '" + Name + "'; the checks are: " +
                               llvm::join(Checks, ", "));
  std::optional<llvm::StringRef> Page = checkPage(Check);
  if (!Page)
    return fail(ExitCouldNotRun, "no documentation page for " + Check);
  llvm::outs() << *Page;
  if (!Page->ends_with("\n"))
    llvm::outs() << "\n";
  return ExitClean;
}

/// Puts clang's resource directory (builtin headers) on each command unless
/// it sets its own: the driver is not installed beside them, as clang-tidy is.
tooling::ArgumentsAdjuster resourceDirAdjuster() {
  return [](const tooling::CommandLineArguments &Args, llvm::StringRef) {
    for (const std::string &Arg : Args)
      if (llvm::StringRef(Arg).starts_with("-resource-dir"))
        return Args;
    tooling::CommandLineArguments Adjusted = Args;
    Adjusted.insert(Adjusted.begin() + (Adjusted.empty() ? 0 : 1),
                    std::string("-resource-dir=") + COROLINT_RESOURCE_DIR);
    return Adjusted;
  };
}

/// The directory, Start or one of its parents, that holds a compilation
/// database; empty if none does.
std::string findDatabaseDirectory(llvm::StringRef Start) {
  llvm::SmallString<256> Dir(Start);
  for (;;) {
    for (const char *Name : {"compile_commands.json", "compile_flags.txt"}) {
      llvm::SmallString<256> Candidate(Dir);
      llvm::sys::path::append(Candidate, Name);
      // A link that leads nowhere is found too, and reading it says why.
      llvm::sys::fs::file_status Status;
      if (!llvm::sys::fs::status(Candidate, Status, /*Follow=*/false))
        return std::string(Dir);
    }
    llvm::StringRef Parent = llvm::sys::path::parent_path(Dir);
    if (Parent.empty() || Parent == Dir)
      return "";
    Dir = Parent;
  }
}

std::unique_ptr<tooling::CompilationDatabase> loadJson(const std::string &Path,
                                                      std::string &Error) {
  std::unique_ptr<tooling::CompilationDatabase> DB = loadJsonDatabase(Path, Error);
  if (!DB)
    Error = "cannot load the compilation database " + Error;
  return DB;
}

std::unique_ptr<tooling::CompilationDatabase>
loadDatabase(const CommandLine &CL, const std::vector<std::string> &Files,
             const std::string &Cwd, std::string &Error) {
  if (CL.FixedArgs)
    return std::make_unique<tooling::FixedCompilationDatabase>(Cwd, *CL.FixedArgs);
  std::string Dir;
  if (!CL.BuildPath.empty()) {
    std::string Path = normalizePath(CL.BuildPath, Cwd);
    if (!llvm::sys::fs::exists(Path)) {
      Error = "build path " + CL.BuildPath + " does not exist";
      return nullptr;
    }
    if (!llvm::sys::fs::is_directory(Path))
      return loadJson(Path, Error);
    Dir = Path;
    if (findDatabaseDirectory(Dir) != Dir) {
      Error = "no compilation database (compile_commands.json) in " + CL.BuildPath;
      return nullptr;
    }
  } else {
    std::string Start = Files.empty() ? Cwd : llvm::sys::path::parent_path(Files.front()).str();
    Dir = findDatabaseDirectory(Start);
    if (Dir.empty()) {
      Error = "no compilation database (compile_commands.json) found in " + Start +
              " or its parents; pass -p BUILD_DIR, or compiler arguments after --";
      return nullptr;
    }
  }
  llvm::SmallString<256> Json(Dir);
  llvm::sys::path::append(Json, "compile_commands.json");
  llvm::sys::fs::file_status JsonStatus;
  if (!llvm::sys::fs::status(Json, JsonStatus, /*Follow=*/false))
    return loadJson(std::string(Json), Error);
  std::string LoadError;
  std::unique_ptr<tooling::CompilationDatabase> DB =
      tooling::CompilationDatabase::loadFromDirectory(Dir, LoadError);
  if (!DB)
    Error = "cannot load the compilation database in " + Dir + ": " +
            llvm::StringRef(LoadError).trim().str();
  return DB;
}

/// Lines of the units' stderr worth showing: not clang's per-unit counts.
std::vector<std::string> interestingStderr(const std::vector<UnitOutcome> &Outcomes) {
  llvm::Regex Noise("^([0-9]+ (warning|error)s?( and [0-9]+ (warning|error)s?)? "
                    "generated\\.|Error while processing .*\\.|Suppressed [0-9]+ "
                    "warnings.*|Use -header-filter=.*|Found compiler errors?.*)$");
  std::vector<std::string> Lines;
  llvm::StringSet<> Seen;
  for (const UnitOutcome &Outcome : Outcomes) {
    if (!Outcome.Failure.empty())
      continue;
    llvm::SmallVector<llvm::StringRef, 16> Split;
    llvm::StringRef(Outcome.Stderr).split(Split, '\n', -1, false);
    for (llvm::StringRef Line : Split) {
      Line = Line.rtrim();
      if (Line.empty() || Noise.match(Line) || !Seen.insert(Line).second)
        continue;
      Lines.push_back(Line.str());
    }
  }
  return Lines;
}

/// Ends a run that Signal stopped: no report (the previous -o file stays as
/// it was), and the signal's own exit status.
int stop(int Signal, std::unique_ptr<ReportFile> OutputFile) {
  OutputFile.reset();
  llvm::errs() << "corolint: error: stopped by " << ::strsignal(Signal)
               << "; no report written\n";
  llvm::errs().flush();
  std::signal(Signal, SIG_DFL);
  std::raise(Signal);
  return 128 + Signal;
}

std::string plural(size_t N, llvm::StringRef Word) {
  return std::to_string(N) + " " + Word.str() + (N == 1 ? "" : "s");
}

int run(const CommandLine &CL) {
  std::string Cwd = currentDirectory();

  // What to report against, read before any work.
  std::set<std::string> Baseline;
  if (!CL.Baseline.empty())
    if (std::optional<std::string> Error = loadBaseline(CL.Baseline, Baseline))
      return fail(ExitCouldNotRun, *Error);

  LintSettings Settings;
  Settings.Defaults = tidy::ClangTidyOptions::getDefaults();
  Settings.Defaults.Checks = "-*,coro-*";
  Settings.Defaults.WarningsAsErrors = "";
  Settings.Defaults.HeaderFilterRegex = "";
  Settings.Defaults.SystemHeaders = false;
  if (const char *User = std::getenv("USER"))
    Settings.Defaults.User = User;
  if (CL.Checks)
    Settings.Overrides.Checks = *CL.Checks;
  if (CL.WarningsAsErrors)
    Settings.Overrides.WarningsAsErrors = *CL.WarningsAsErrors;
  if (CL.HeaderFilter)
    Settings.Overrides.HeaderFilterRegex = *CL.HeaderFilter;
  Settings.KnownOptions = knownCheckOptions();
  if (CL.Config || CL.ConfigFile) {
    std::string Text = CL.Config ? *CL.Config : "";
    std::string Source = "--config";
    if (CL.ConfigFile) {
      if (std::optional<std::string> Why =
              readInputFile(*CL.ConfigFile, Text, Pipes::Read))
        return fail(ExitCouldNotRun, "cannot read " + *CL.ConfigFile + ": " + *Why);
      Source = *CL.ConfigFile;
    }
    std::string Error;
    Settings.Config = parseConfig(Text, Source, Settings.KnownOptions, Error);
    if (!Settings.Config)
      return fail(CL.ConfigFile ? ExitCouldNotRun : ExitUsage,
                  "invalid configuration: " + Error);
    resolveModelFiles(*Settings.Config,
                      CL.ConfigFile ? llvm::sys::path::parent_path(
                                          normalizePath(*CL.ConfigFile, Cwd))
                                    : llvm::StringRef(Cwd));
  }

  std::vector<std::string> Given;
  for (const std::string &File : CL.Files) {
    std::string Path = normalizePath(File, Cwd);
    if (!llvm::is_contained(Given, Path))
      Given.push_back(Path);
  }
  if (CL.FixedArgs && Given.empty())
    return fail(ExitUsage, "no files to lint: with compiler arguments after --, "
                           "name the files");

  std::string DatabaseError;
  std::unique_ptr<tooling::CompilationDatabase> Database =
      loadDatabase(CL, Given, Cwd, DatabaseError);
  if (!Database)
    return fail(ExitCouldNotRun, DatabaseError);

  std::vector<std::string> Files = Given;
  if (Files.empty()) {
    std::set<std::string> All;
    for (const std::string &File : Database->getAllFiles())
      All.insert(normalizePath(File, Cwd));
    Files.assign(All.begin(), All.end());
    if (Files.empty())
      return fail(ExitCouldNotRun, "the compilation database lists no files");
  }

  auto Adjusting =
      std::make_unique<tooling::ArgumentsAdjustingCompilations>(std::move(Database));
  Adjusting->appendArgumentsAdjuster(resourceDirAdjuster());
  if (!CL.ExtraArgsBefore.empty())
    Adjusting->appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
        CL.ExtraArgsBefore, tooling::ArgumentInsertPosition::BEGIN));
  if (!CL.ExtraArgs.empty())
    Adjusting->appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
        CL.ExtraArgs, tooling::ArgumentInsertPosition::END));
  Settings.Compilations = std::move(Adjusting);

  // A file that cannot be read fails here, without a process of its own.
  std::vector<UnitFailure> Unreadable;
  std::vector<std::string> Units;
  for (const std::string &File : Files) {
    if (std::optional<std::string> Why = whyNotLintable(File))
      Unreadable.push_back({File, "cannot read it: " + *Why});
    else
      Units.push_back(File);
  }

  std::unique_ptr<ReportFile> OutputFile;
  if (!CL.OutputFile.empty()) {
    std::string Error;
    OutputFile = ReportFile::open(CL.OutputFile, Error);
    if (!OutputFile)
      return fail(ExitCouldNotRun, Error);
  }
  llvm::raw_ostream &Out = OutputFile ? OutputFile->stream() : llvm::outs();

  RunLimits Limits;
  Limits.Jobs = CL.Jobs ? CL.Jobs : llvm::hardware_concurrency().compute_thread_count();
  Limits.Jobs = std::max(1u, Limits.Jobs);
  Limits.TimeoutSeconds = CL.TimeoutSeconds;
  Progress::Mode Mode = CL.Quiet                      ? Progress::Mode::None
                        : llvm::errs().is_displayed() ? Progress::Mode::Bar
                                                      : Progress::Mode::Lines;
  Progress Bar(llvm::errs(), Mode);
  int StoppedBy = 0;
  std::vector<UnitOutcome> Outcomes =
      lintUnits(Settings, Units, Limits,
                [&Bar](size_t Done, size_t Total, const std::string &File) {
                  Bar.update(Done, Total, File);
                },
                StoppedBy);
  Bar.finish();
  if (StoppedBy)
    return stop(StoppedBy, std::move(OutputFile));

  std::string SourceRoot =
      llvm::StringRef(normalizePath(CL.SourceRoot.empty() ? Cwd : CL.SourceRoot, Cwd))
          .rtrim('/')
          .str();
  SourceFiles Sources;
  Report R = buildReport(Outcomes, std::move(Unreadable), Sources, SourceRoot);
  if (!CL.Baseline.empty())
    applyBaseline(R, Baseline);

  size_t Failing = CL.FailLevel == FailOn::Never   ? 0
                   : CL.FailLevel == FailOn::Error ? R.count(Severity::Error)
                                                   : R.Findings.size();
  int Code = !R.Failures.empty() ? ExitCouldNotRun : Failing ? ExitFindings : ExitClean;

  switch (CL.Format) {
  case OutputFormat::Text: {
    TextStyle Style;
    bool Terminal = !OutputFile && llvm::outs().is_displayed();
    Style.ShowSource = CL.ShowSource || Terminal;
    Style.Color = CL.Color == ColorMode::Always ||
                  (CL.Color == ColorMode::Auto && !OutputFile && llvm::outs().has_colors());
    writeText(Out, R, Sources, Style);
    break;
  }
  case OutputFormat::Json:
    writeJson(Out, R, Sources, SourceRoot, Code);
    break;
  case OutputFormat::Sarif: {
    SarifSettings Sarif;
    Sarif.SourceRoot = SourceRoot;
    Sarif.Checks = registeredChecks();
    Sarif.ExitCode = Code;
    std::string Base = CL.HelpUriBase ? *CL.HelpUriBase
                       : llvm::StringRef(COROLINT_HELP_URI_BASE).empty()
                           ? std::string("file://") + COROLINT_DOCS_DIR
                           : std::string(COROLINT_HELP_URI_BASE);
    if (!Base.empty() && Base.back() != '/')
      Base += '/';
    Sarif.HelpUriBase = Base;
    writeSarif(Out, R, Sources, Sarif);
    break;
  }
  }
  std::optional<std::string> WriteError =
      OutputFile ? OutputFile->commit() : writeError(llvm::outs(), "the report to stdout");
  if (WriteError)
    return fail(ExitCouldNotRun, *WriteError);

  for (const std::string &Line : interestingStderr(Outcomes))
    llvm::errs() << Line << "\n";
  for (const UnitFailure &F : R.Failures)
    llvm::errs() << "corolint: error: could not lint " << F.File << ": " << F.Reason
                 << "\n";
  if (!CL.Quiet) {
    llvm::errs() << "corolint: " << plural(R.count(Severity::Warning), "warning") << " and "
                 << plural(R.count(Severity::Error), "error") << " in "
                 << plural(R.Units, "file");
    if (!R.Failures.empty())
      llvm::errs() << "; " << plural(R.Failures.size(), "file") << " could not be linted";
    if (!CL.Baseline.empty())
      llvm::errs() << "; " << R.SuppressedByBaseline << " already in the baseline";
    llvm::errs() << "\n";
  }
  return Code;
}

} // namespace

int main(int argc, const char **argv) {
  llvm::InitLLVM Init(argc, argv);
  std::vector<std::string> Args(argv + 1, argv + argc);
  CommandLine CL;
  if (std::optional<std::string> Error = parseCommandLine(Args, CL))
    return fail(ExitUsage, *Error);
  if (CL.Help) {
    printUsage(llvm::outs());
    return ExitClean;
  }
  if (CL.Version) {
    llvm::outs() << "corolint " << corolintVersion() << " (LLVM " << LLVM_VERSION_STRING
                 << ")\n";
    return ExitClean;
  }
  if (CL.ListChecks)
    return listChecks();
  if (CL.Explain)
    return explain(*CL.Explain);
  return run(CL);
}
