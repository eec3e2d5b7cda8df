#include "Runner.h"

#include "Configuration.h"

#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <algorithm>
#include <chrono>
#include <pthread.h>
#include <map>
#include <sys/wait.h>
#include <unistd.h>

namespace corolint::driver {

std::unique_ptr<clang::tidy::ClangTidyOptionsProvider>
LintSettings::makeOptionsProvider(std::string &ConfigError) const {
  if (Config)
    return std::make_unique<clang::tidy::ConfigOptionsProvider>(
        Global, Defaults, *Config, Overrides);
  return strictFileOptionsProvider(Global, Defaults, Overrides, KnownOptions,
                                   ConfigError);
}

namespace {

using nlohmann::json;

json messageJson(const clang::tooling::DiagnosticMessage &Message) {
  json Ranges = json::array();
  for (const clang::tooling::FileByteRange &Range : Message.Ranges)
    Ranges.push_back({{"file", Range.FilePath},
                      {"offset", Range.FileOffset},
                      {"length", Range.Length}});
  json Fixes = json::array();
  for (const auto &Entry : Message.Fix)
    for (const clang::tooling::Replacement &R : Entry.getValue())
      Fixes.push_back({{"file", R.getFilePath().str()},
                       {"offset", R.getOffset()},
                       {"length", R.getLength()},
                       {"text", R.getReplacementText().str()}});
  return {{"text", Message.Message},
          {"file", Message.FilePath},
          {"offset", Message.FileOffset},
          {"ranges", std::move(Ranges)},
          {"fixes", std::move(Fixes)}};
}

/// Why File cannot be linted with the compile commands the database gives
/// for it; empty if it can.
std::string whyNoCommand(const clang::tooling::CompilationDatabase &Compilations,
                         const std::string &File) {
  std::vector<clang::tooling::CompileCommand> Commands =
      Compilations.getCompileCommands(File);
  if (Commands.empty())
    return "the compilation database has no compile command for it";
  for (const clang::tooling::CompileCommand &Command : Commands) {
    if (!llvm::sys::fs::exists(Command.Directory))
      return "the directory of its compile command, " + Command.Directory +
             ", does not exist";
    if (!llvm::sys::fs::is_directory(Command.Directory))
      return "the directory of its compile command, " + Command.Directory +
             ", is not a directory";
  }
  return "";
}

/// What lintUnit returns for a file it could not lint: Why, and whether the
/// process's stderr says more.
json notLinted(const std::string &Why, bool ExplainedOnStderr = false) {
  return {{"skipped", false},
          {"notLinted", Why},
          {"stderrExplains", ExplainedOnStderr},
          {"diagnostics", json::array()}};
}

/// The unit's process: lints File and returns its diagnostics (sent to the
/// driver as CBOR) as
///   {"skipped": bool, "diagnostics": [{"check", "level": "warning"|"error",
///    "warningAsError", "buildDirectory", "message": MESSAGE,
///    "notes": [MESSAGE...]}]}
/// with MESSAGE = {"text", "file", "offset", "ranges": [{"file", "offset",
/// "length"}], "fixes": [{"file", "offset", "length", "text"}]}.
/// A file that could not be linted at all gives notLinted() instead.
json lintUnit(const LintSettings &Settings, const std::string &File) {
  std::string ConfigError;
  clang::tidy::ClangTidyContext Context(Settings.makeOptionsProvider(ConfigError));
  clang::tidy::ClangTidyOptions Options = Context.getOptionsForFile(File);
  if (!ConfigError.empty())
    return notLinted("its configuration file is invalid: " + ConfigError);
  // A file whose configuration enables no check is not parsed at all.
  if (clang::tidy::getCheckNames(Options, /*AllowEnablingAnalyzerAlphaCheckers=*/false)
          .empty())
    return {{"skipped", true}, {"diagnostics", json::array()}};
  if (std::string Why = whyNoCommand(*Settings.Compilations, File); !Why.empty())
    return notLinted(Why);
  auto BaseFS = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
      llvm::vfs::getRealFileSystem());
  std::vector<clang::tidy::ClangTidyError> Errors = clang::tidy::runClangTidy(
      Context, *Settings.Compilations, {File}, BaseFS, /*ApplyAnyFix=*/false);
  // The engine names the file it lints in the context; a file it skipped
  // (with a message on stderr) was never named.
  if (Context.getCurrentFile().empty()) {
    // The compiler's driver may have said why (no input file, several jobs).
    std::string Why = "clang-tidy's engine did not lint it";
    for (const clang::tidy::ClangTidyError &Error : Errors) {
      // Not the whole -cc1 command lines that some of them quote.
      llvm::StringRef Line = llvm::StringRef(Error.Message.Message).split('\n').first;
      if (!Line.empty())
        Why += "\n  " + (Line.size() > 200 ? Line.take_front(200).str() + " ..." : Line.str());
    }
    return notLinted(Why, /*ExplainedOnStderr=*/true);
  }
  json Diagnostics = json::array();
  for (const clang::tidy::ClangTidyError &Error : Errors) {
    json Notes = json::array();
    for (const clang::tooling::DiagnosticMessage &Note : Error.Notes)
      Notes.push_back(messageJson(Note));
    Diagnostics.push_back(
        {{"check", Error.DiagnosticName},
         {"level", Error.DiagLevel == clang::tooling::Diagnostic::Error ? "error"
                                                                        : "warning"},
         {"warningAsError", Error.IsWarningAsError},
         {"buildDirectory", Error.BuildDirectory},
         {"message", messageJson(Error.Message)},
         {"notes", std::move(Notes)}});
  }
  return {{"skipped", false}, {"diagnostics", std::move(Diagnostics)}};
}

bool writeAll(int Fd, llvm::StringRef Data) {
  while (!Data.empty()) {
    ssize_t N = ::write(Fd, Data.data(), Data.size());
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      return false;
    Data = Data.drop_front(static_cast<size_t>(N));
  }
  return true;
}

std::string readAll(int Fd) {
  std::string Text;
  if (::lseek(Fd, 0, SEEK_SET) < 0)
    return Text;
  char Buffer[65536];
  for (;;) {
    ssize_t N = ::read(Fd, Buffer, sizeof(Buffer));
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      break;
    Text.append(Buffer, static_cast<size_t>(N));
  }
  return Text;
}

/// Whether a line of a failed process's stderr says what went wrong: an
/// error of the compiler, LLVM's fatal error, a failed assertion, or where
/// the crash happened (the numbered lines of LLVM's stack dump before the
/// frames, such as "1.\t<eof> parser at end of file").
bool explainsFailure(llvm::StringRef Line) {
  static const llvm::Regex Cause(
      "(^|: )(fatal )?error: |^LLVM ERROR: |Assertion .* failed|^[0-9]+\\.\t");
  return Cause.match(Line);
}

/// The lines of a failed process's stderr worth showing, indented: those
/// that explain the failure, then the last Lines lines.
std::string failureExcerpt(llvm::StringRef Text, size_t Lines) {
  if (Text.trim().empty())
    return "";
  llvm::SmallVector<llvm::StringRef, 64> All;
  Text.rtrim().split(All, '\n');
  size_t TailStart = All.size() > Lines ? All.size() - Lines : 0;
  std::string Result;
  for (size_t I = 0; I < TailStart; ++I)
    if (explainsFailure(All[I]))
      Result += "\n  " + All[I].rtrim().str();
  if (TailStart > 0)
    Result += "\n  ...";
  for (size_t I = TailStart; I < All.size(); ++I)
    Result += "\n  " + All[I].rtrim().str();
  return Result;
}

struct Running {
  size_t Index;
  std::FILE *Out;
  std::FILE *Err;
  std::chrono::steady_clock::time_point Deadline;
  bool TimedOut = false;
};

/// Why a child that ended with Status failed; empty if it did not.
std::string exitFailure(int Status, const std::string &Stderr) {
  if (WIFSIGNALED(Status))
    return "the linter crashed on this file (signal " + std::to_string(WTERMSIG(Status)) +
           ", " + ::strsignal(WTERMSIG(Status)) + ")" + failureExcerpt(Stderr, 12);
  if (!WIFEXITED(Status) || WEXITSTATUS(Status) != 0)
    return "the linter failed on this file (exit status " +
           std::to_string(WEXITSTATUS(Status)) + ")" + failureExcerpt(Stderr, 12);
  return "";
}

/// The outcome of a child that ended with Status.
void collect(const Running &Child, int Status, unsigned TimeoutSeconds,
             UnitOutcome &Outcome) {
  std::string Text = readAll(::fileno(Child.Out));
  Outcome.Stderr = readAll(::fileno(Child.Err));
  std::fclose(Child.Out);
  std::fclose(Child.Err);
  if (Child.TimedOut) {
    Outcome.Failure = "it was stopped after " + std::to_string(TimeoutSeconds) +
                      (TimeoutSeconds == 1 ? " second" : " seconds") +
                      ", the time limit of a unit (--timeout)";
    return;
  }
  Outcome.Failure = exitFailure(Status, Outcome.Stderr);
  if (!Outcome.Failure.empty())
    return;
  Outcome.Result = json::from_cbor(Text, /*strict=*/true, /*allow_exceptions=*/false);
  if (Outcome.Result.is_discarded()) {
    Outcome.Result = nullptr;
    Outcome.Failure = "the linter's output for this file is unreadable";
  } else if (auto Why = Outcome.Result.find("notLinted");
             Why != Outcome.Result.end() && Why->is_string()) {
    Outcome.Failure = Why->get<std::string>();
    if (Outcome.Result.value("stderrExplains", false))
      Outcome.Failure += failureExcerpt(Outcome.Stderr, 12);
    Outcome.Result = nullptr;
  }
}

/// The signals the driver waits for while units run: a child's end, and
/// those that stop the run.
sigset_t watchedSignals() {
  sigset_t Set;
  sigemptyset(&Set);
  for (int Signal : {SIGCHLD, SIGINT, SIGTERM, SIGHUP})
    sigaddset(&Set, Signal);
  return Set;
}

} // namespace

std::vector<UnitOutcome> lintUnits(const LintSettings &Settings,
                                   const std::vector<std::string> &Files,
                                   const RunLimits &Limits, const ProgressCallback &Progress,
                                   int &StoppedBy) {
  using Clock = std::chrono::steady_clock;
  StoppedBy = 0;
  std::vector<UnitOutcome> Outcomes(Files.size());
  // Largest files first, so that a big unit does not start last and finish
  // alone; the outcomes stay in the order of Files.
  std::vector<size_t> Order(Files.size());
  std::vector<uint64_t> Sizes(Files.size(), 0);
  for (size_t I = 0; I < Files.size(); ++I) {
    Order[I] = I;
    if (llvm::sys::fs::file_size(Files[I], Sizes[I]))
      Sizes[I] = 0;
  }
  llvm::sort(Order, [&](size_t A, size_t B) {
    return Sizes[A] != Sizes[B] ? Sizes[A] > Sizes[B] : A < B;
  });
  // The signals are blocked and taken with sigtimedwait, so that a child's
  // end, its deadline and a request to stop are all seen in one place.
  sigset_t Watched = watchedSignals();
  sigset_t Previous;
  ::pthread_sigmask(SIG_BLOCK, &Watched, &Previous);
  std::map<pid_t, Running> Children;
  size_t Next = 0;
  size_t Done = 0;
  auto Finish = [&](size_t Index) {
    ++Done;
    if (Progress)
      Progress(Done, Files.size(), Files[Index]);
  };
  while (Done < Files.size()) {
    while (Children.size() < Limits.Jobs && Next < Files.size()) {
      size_t Index = Order[Next++];
      Outcomes[Index].File = Files[Index];
      std::FILE *Out = std::tmpfile();
      std::FILE *Err = std::tmpfile();
      std::fflush(nullptr);
      llvm::outs().flush();
      llvm::errs().flush();
      pid_t Pid = (Out && Err) ? ::fork() : -1;
      if (Pid == 0) {
        ::pthread_sigmask(SIG_SETMASK, &Previous, nullptr);
        int Null = ::open("/dev/null", O_RDWR);
        if (Null >= 0) {
          ::dup2(Null, STDIN_FILENO);
          ::dup2(Null, STDOUT_FILENO);
        }
        ::dup2(::fileno(Err), STDERR_FILENO);
        // CBOR, not JSON text: its strings are bytes, so paths and messages
        // that are not valid UTF-8 reach the driver unchanged.
        std::vector<std::uint8_t> Encoded = json::to_cbor(lintUnit(Settings, Files[Index]));
        llvm::StringRef Bytes(reinterpret_cast<const char *>(Encoded.data()), Encoded.size());
        ::_exit(writeAll(::fileno(Out), Bytes) ? 0 : 3);
      }
      if (Pid < 0) {
        Outcomes[Index].Failure =
            std::string("could not start a process: ") + std::strerror(errno);
        if (Out)
          std::fclose(Out);
        if (Err)
          std::fclose(Err);
        Finish(Index);
        continue;
      }
      Clock::time_point Deadline =
          Limits.TimeoutSeconds ? Clock::now() + std::chrono::seconds(Limits.TimeoutSeconds)
                                : Clock::time_point::max();
      Children[Pid] = {Index, Out, Err, Deadline};
    }
    if (Children.empty())
      continue;
    int Status = 0;
    pid_t Pid = ::waitpid(-1, &Status, WNOHANG);
    if (auto It = Children.find(Pid); Pid > 0 && It != Children.end()) {
      Running Child = It->second;
      Children.erase(It);
      collect(Child, Status, Limits.TimeoutSeconds, Outcomes[Child.Index]);
      Finish(Child.Index);
    }
    // Wait for a signal or for the nearest deadline; only look for a
    // request to stop when a child has just ended.
    Clock::time_point Now = Clock::now();
    Clock::time_point Nearest = Clock::time_point::max();
    for (const auto &[ChildPid, Child] : Children)
      if (!Child.TimedOut)
        Nearest = std::min(Nearest, Child.Deadline);
    auto Wait = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::min(Nearest - Now, Clock::duration(std::chrono::hours(1))));
    if (Pid > 0 || Wait.count() < 0)
      Wait = std::chrono::milliseconds(0);
    timespec Timeout{static_cast<time_t>(Wait.count() / 1000),
                     static_cast<long>(Wait.count() % 1000) * 1000000};
    int Signal = ::sigtimedwait(&Watched, nullptr, &Timeout);
    if (Signal == SIGINT || Signal == SIGTERM || Signal == SIGHUP) {
      StoppedBy = Signal;
      break;
    }
    if (Signal < 0 && errno == EAGAIN)
      for (auto &[ChildPid, Child] : Children)
        if (!Child.TimedOut && Child.Deadline <= Clock::now()) {
          ::kill(ChildPid, SIGKILL);
          Child.TimedOut = true;
        }
  }
  // Stopped: no child may outlive the driver.
  for (auto &[ChildPid, Child] : Children) {
    ::kill(ChildPid, SIGKILL);
    ::waitpid(ChildPid, nullptr, 0);
    std::fclose(Child.Out);
    std::fclose(Child.Err);
  }
  ::pthread_sigmask(SIG_SETMASK, &Previous, nullptr);
  return Outcomes;
}

} // namespace corolint::driver
