#include "Report.h"

#include "InputFiles.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA256.h"
#include <map>
#include <tuple>

namespace corolint::driver {
namespace {

using nlohmann::json;

std::string getString(const json &Object, const char *Key) {
  if (!Object.is_object())
    return "";
  auto It = Object.find(Key);
  return It != Object.end() && It->is_string() ? It->get<std::string>() : "";
}

const json &member(const json &Object, const char *Key) {
  static const json Null;
  if (!Object.is_object())
    return Null;
  auto It = Object.find(Key);
  return It != Object.end() ? *It : Null;
}

unsigned getUnsigned(const json &Object, const char *Key) {
  if (!Object.is_object())
    return 0;
  auto It = Object.find(Key);
  return It != Object.end() && It->is_number_unsigned() ? It->get<unsigned>() : 0;
}

Span resolveSpan(const json &Range, const std::string &BuildDir,
                 SourceFiles &Sources) {
  Span S;
  std::string File = getString(Range, "file");
  if (File.empty())
    return S;
  S.File = normalizePath(File, BuildDir);
  S.Offset = getUnsigned(Range, "offset");
  S.Length = getUnsigned(Range, "length");
  if (const SourceText *Text = Sources.get(S.File)) {
    S.Begin = Text->position(S.Offset);
    S.End = Text->position(S.Offset + S.Length);
  }
  return S;
}

Message resolveMessage(const json &Raw, const std::string &BuildDir,
                       SourceFiles &Sources) {
  Message M;
  M.Text = getString(Raw, "text");
  std::string File = getString(Raw, "file");
  if (!File.empty()) {
    M.File = normalizePath(File, BuildDir);
    M.Offset = getUnsigned(Raw, "offset");
    if (const SourceText *Text = Sources.get(M.File))
      M.Pos = Text->position(M.Offset);
  }
  if (auto It = Raw.find("ranges"); It != Raw.end() && It->is_array())
    for (const json &Range : *It)
      M.Ranges.push_back(resolveSpan(Range, BuildDir, Sources));
  if (auto It = Raw.find("fixes"); It != Raw.end() && It->is_array())
    for (const json &Fix : *It)
      M.Fixes.push_back({resolveSpan(Fix, BuildDir, Sources), getString(Fix, "text")});
  return M;
}

auto messageKey(const Message &M) {
  // A message without a location sorts after those with one.
  return std::make_tuple(M.File.empty(), std::cref(M.File), M.Offset,
                         std::cref(M.Text));
}

std::string dedupKey(const Diagnostic &D) {
  std::string Key = D.Check + '\0' + D.Main.File + '\0' +
                    std::to_string(D.Main.Offset) + '\0' + D.Main.Text;
  for (const Message &Note : D.Notes)
    Key += '\0' + Note.File + '\0' + std::to_string(Note.Offset) + '\0' + Note.Text;
  return Key;
}

std::string normalizedLine(SourceFiles &Sources, const Message &M) {
  const SourceText *Text = M.File.empty() ? nullptr : Sources.get(M.File);
  if (!Text)
    return "";
  std::string Result;
  for (char C : Text->line(M.Pos.Line)) {
    bool Space = C == ' ' || C == '\t' || C == '\r' || C == '\f' || C == '\v';
    if (Space) {
      if (!Result.empty() && Result.back() != ' ')
        Result += ' ';
    } else {
      Result += C;
    }
  }
  if (!Result.empty() && Result.back() == ' ')
    Result.pop_back();
  return Result;
}

/// The fingerprint of a finding: a hash of its check, its file relative to
/// the source root, the flagged line with its whitespace normalized and its
/// message, but not its line number, so that it survives edits elsewhere in
/// the file; then ":N" for the N-th finding with the same hash.
void computeFingerprints(std::vector<Diagnostic> &Findings, SourceFiles &Sources,
                         const std::string &SourceRoot) {
  std::map<std::string, unsigned> Seen;
  for (Diagnostic &D : Findings) {
    llvm::SHA256 Hash;
    Hash.update(D.Check);
    Hash.update(llvm::StringRef("\0", 1));
    Hash.update(relativeToRoot(D.Main.File, SourceRoot));
    Hash.update(llvm::StringRef("\0", 1));
    Hash.update(normalizedLine(Sources, D.Main));
    Hash.update(llvm::StringRef("\0", 1));
    Hash.update(D.Main.Text);
    std::array<uint8_t, 32> Digest = Hash.final();
    std::string Base = llvm::toHex(llvm::ArrayRef<uint8_t>(Digest).take_front(16),
                                   /*LowerCase=*/true);
    D.Fingerprint = Base + ":" + std::to_string(++Seen[Base]);
  }
}

/// An error that keeps a unit from being linted properly: the compiler's, or
/// an invalid configuration of a check.
bool isCompilerError(const Diagnostic &D) {
  if (D.Check == "clang-tidy-config")
    return true;
  return D.Level == Severity::Error && !D.WarningAsError &&
         llvm::StringRef(D.Check).starts_with("clang-diagnostic-");
}

std::string describe(const Diagnostic &D) {
  std::string Where;
  if (!D.Main.File.empty())
    Where = D.Main.File + ":" + std::to_string(D.Main.Pos.Line) + ":" +
            std::to_string(D.Main.Pos.Column) + ": ";
  return Where + D.Main.Text;
}

} // namespace

bool diagnosticLess(const Diagnostic &A, const Diagnostic &B) {
  auto KeyA = messageKey(A.Main);
  auto KeyB = messageKey(B.Main);
  if (KeyA != KeyB)
    return KeyA < KeyB;
  if (A.Check != B.Check)
    return A.Check < B.Check;
  return dedupKey(A) < dedupKey(B);
}

std::string relativeToRoot(const std::string &Path, const std::string &Root) {
  llvm::StringRef P(Path);
  llvm::StringRef R = llvm::StringRef(Root).rtrim('/');
  if (R.empty() && P.starts_with("/"))
    return P.drop_front().str();
  if (P.starts_with(R) && P.size() > R.size() + 1 && P[R.size()] == '/')
    return P.drop_front(R.size() + 1).str();
  return Path;
}

Report buildReport(const std::vector<UnitOutcome> &Outcomes,
                   std::vector<UnitFailure> Failures, SourceFiles &Sources,
                   const std::string &SourceRoot) {
  Report R;
  R.Units = Outcomes.size() + Failures.size();
  llvm::StringMap<bool> Seen;
  for (const UnitOutcome &Outcome : Outcomes) {
    if (!Outcome.Failure.empty()) {
      Failures.push_back({Outcome.File, Outcome.Failure});
      continue;
    }
    std::vector<Diagnostic> UnitErrors;
    const json &Diagnostics = member(Outcome.Result, "diagnostics");
    if (!Diagnostics.is_array())
      continue;
    for (const json &Raw : Diagnostics) {
      Diagnostic D;
      std::string BuildDir = getString(Raw, "buildDirectory");
      D.Check = getString(Raw, "check");
      D.Level = getString(Raw, "level") == "error" ? Severity::Error : Severity::Warning;
      auto AsError = Raw.find("warningAsError");
      D.WarningAsError = AsError != Raw.end() && AsError->is_boolean() && AsError->get<bool>();
      if (D.WarningAsError)
        D.Level = Severity::Error;
      D.Main = resolveMessage(member(Raw, "message"), BuildDir, Sources);
      if (const json &Notes = member(Raw, "notes"); Notes.is_array())
        for (const json &Note : Notes)
          D.Notes.push_back(resolveMessage(Note, BuildDir, Sources));
      bool CompilerError = isCompilerError(D);
      if (CompilerError)
        UnitErrors.push_back(D);
      if (!Seen.try_emplace(dedupKey(D), true).second)
        continue;
      (CompilerError ? R.CompilerErrors : R.Findings).push_back(std::move(D));
    }
    if (!UnitErrors.empty()) {
      llvm::sort(UnitErrors, diagnosticLess);
      auto Config = llvm::find_if(UnitErrors, [](const Diagnostic &D) {
        return D.Check == "clang-tidy-config";
      });
      std::string Count = std::to_string(UnitErrors.size());
      if (Config != UnitErrors.end())
        Failures.push_back({Outcome.File, "the configuration of its checks is "
                                          "invalid: " +
                                              Config->Main.Text});
      else
        Failures.push_back(
            {Outcome.File, "it does not compile (" + Count +
                               (UnitErrors.size() == 1 ? " error" : " errors") +
                               "; the first: " + describe(UnitErrors.front()) +
                               "); its findings may be incomplete"});
    }
  }
  llvm::sort(R.Findings, diagnosticLess);
  llvm::sort(R.CompilerErrors, diagnosticLess);
  llvm::sort(Failures, [](const UnitFailure &A, const UnitFailure &B) {
    return std::tie(A.File, A.Reason) < std::tie(B.File, B.Reason);
  });
  R.Failures = std::move(Failures);
  computeFingerprints(R.Findings, Sources, SourceRoot);
  return R;
}

std::optional<std::string> loadBaseline(const std::string &Path,
                                        std::set<std::string> &Fingerprints) {
  std::string Text;
  if (std::optional<std::string> Why = readInputFile(Path, Text, Pipes::Read))
    return "cannot read baseline " + Path + ": " + *Why;
  json Log = json::parse(Text, nullptr, /*allow_exceptions=*/false);
  if (Log.is_discarded() || !Log.is_object())
    return "baseline " + Path + " is not a JSON document";
  bool Known = false;
  if (auto Runs = Log.find("runs"); Runs != Log.end() && Runs->is_array()) {
    Known = true;
    for (const json &Run : *Runs) {
      auto Results = Run.find("results");
      if (Results == Run.end() || !Results->is_array())
        continue;
      for (const json &Result : *Results) {
        auto Prints = Result.find("partialFingerprints");
        if (Prints != Result.end() && Prints->is_object())
          if (std::string Print = getString(*Prints, FingerprintKey); !Print.empty())
            Fingerprints.insert(Print);
      }
    }
  }
  if (auto Diags = Log.find("diagnostics"); Diags != Log.end() && Diags->is_array()) {
    Known = true;
    for (const json &D : *Diags)
      if (std::string Print = getString(D, "fingerprint"); !Print.empty())
        Fingerprints.insert(Print);
  }
  if (!Known)
    return "baseline " + Path + " is neither a SARIF log nor a corolint JSON report";
  return std::nullopt;
}

void applyBaseline(Report &R, const std::set<std::string> &Fingerprints) {
  size_t Before = R.Findings.size();
  llvm::erase_if(R.Findings, [&](const Diagnostic &D) {
    return Fingerprints.count(D.Fingerprint) != 0;
  });
  R.SuppressedByBaseline = Before - R.Findings.size();
}

} // namespace corolint::driver
