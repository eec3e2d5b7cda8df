#include "Runner.h"

#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <algorithm>
#include <map>
#include <sys/wait.h>
#include <unistd.h>

namespace corolint::driver {

std::unique_ptr<clang::tidy::ClangTidyOptionsProvider>
LintSettings::makeOptionsProvider() const {
  if (Config)
    return std::make_unique<clang::tidy::ConfigOptionsProvider>(
        Global, Defaults, *Config, Overrides);
  return std::make_unique<clang::tidy::FileOptionsProvider>(Global, Defaults,
                                                           Overrides);
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

/// The unit's process: lints File and returns its diagnostics as
///   {"skipped": bool, "diagnostics": [{"check", "level": "warning"|"error",
///    "warningAsError", "buildDirectory", "message": MESSAGE,
///    "notes": [MESSAGE...]}]}
/// with MESSAGE = {"text", "file", "offset", "ranges": [{"file", "offset",
/// "length"}], "fixes": [{"file", "offset", "length", "text"}]}.
json lintUnit(const LintSettings &Settings, const std::string &File) {
  clang::tidy::ClangTidyContext Context(Settings.makeOptionsProvider());
  // A file whose configuration enables no check is not parsed at all.
  if (clang::tidy::getCheckNames(Context.getOptionsForFile(File),
                                 /*AllowEnablingAnalyzerAlphaCheckers=*/false)
          .empty())
    return {{"skipped", true}, {"diagnostics", json::array()}};
  auto BaseFS = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
      llvm::vfs::getRealFileSystem());
  std::vector<clang::tidy::ClangTidyError> Errors = clang::tidy::runClangTidy(
      Context, *Settings.Compilations, {File}, BaseFS, /*ApplyAnyFix=*/false);
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

/// The last lines of a process's stderr, to explain its failure.
std::string tail(llvm::StringRef Text, size_t Lines) {
  llvm::SmallVector<llvm::StringRef, 64> All;
  Text.rtrim().split(All, '\n');
  std::string Result;
  size_t Start = All.size() > Lines ? All.size() - Lines : 0;
  for (size_t I = Start; I < All.size(); ++I)
    Result += "\n  " + All[I].rtrim().str();
  return Result;
}

struct Running {
  size_t Index;
  std::FILE *Out;
  std::FILE *Err;
};

} // namespace

std::vector<UnitOutcome> lintUnits(const LintSettings &Settings,
                                   const std::vector<std::string> &Files,
                                   unsigned Jobs, const ProgressCallback &Progress) {
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
  std::map<pid_t, Running> Children;
  size_t Next = 0;
  size_t Done = 0;
  auto Finish = [&](size_t Index) {
    ++Done;
    if (Progress)
      Progress(Done, Files.size(), Files[Index]);
  };
  while (Done < Files.size()) {
    while (Children.size() < Jobs && Next < Files.size()) {
      size_t Index = Order[Next++];
      Outcomes[Index].File = Files[Index];
      std::FILE *Out = std::tmpfile();
      std::FILE *Err = std::tmpfile();
      std::fflush(nullptr);
      llvm::outs().flush();
      llvm::errs().flush();
      pid_t Pid = (Out && Err) ? ::fork() : -1;
      if (Pid == 0) {
        int Null = ::open("/dev/null", O_RDWR);
        if (Null >= 0) {
          ::dup2(Null, STDIN_FILENO);
          ::dup2(Null, STDOUT_FILENO);
        }
        ::dup2(::fileno(Err), STDERR_FILENO);
        std::string Text = lintUnit(Settings, Files[Index])
                               .dump(-1, ' ', false, json::error_handler_t::replace);
        ::_exit(writeAll(::fileno(Out), Text) ? 0 : 3);
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
      Children[Pid] = {Index, Out, Err};
    }
    if (Children.empty())
      continue;
    int Status = 0;
    pid_t Pid = ::waitpid(-1, &Status, 0);
    if (Pid < 0) {
      if (errno == EINTR)
        continue;
      break;
    }
    auto It = Children.find(Pid);
    if (It == Children.end())
      continue;
    Running Child = It->second;
    Children.erase(It);
    UnitOutcome &Outcome = Outcomes[Child.Index];
    std::string Text = readAll(::fileno(Child.Out));
    std::string Stderr = readAll(::fileno(Child.Err));
    std::fclose(Child.Out);
    std::fclose(Child.Err);
    Outcome.Stderr = Stderr;
    if (WIFSIGNALED(Status)) {
      Outcome.Failure = "the linter crashed on this file (signal " +
                        std::to_string(WTERMSIG(Status)) + ", " +
                        ::strsignal(WTERMSIG(Status)) + ")" + tail(Stderr, 12);
    } else if (!WIFEXITED(Status) || WEXITSTATUS(Status) != 0) {
      Outcome.Failure = "the linter failed on this file (exit status " +
                        std::to_string(WEXITSTATUS(Status)) + ")" + tail(Stderr, 12);
    } else {
      Outcome.Result = json::parse(Text, nullptr, /*allow_exceptions=*/false);
      if (Outcome.Result.is_discarded()) {
        Outcome.Result = nullptr;
        Outcome.Failure = "the linter's output for this file is unreadable";
      }
    }
    Finish(Child.Index);
  }
  return Outcomes;
}

} // namespace corolint::driver
