#include "Output.h"
#include "Report.h"
#include "Uri.h"
#include "Utf8.h"

#include "nlohmann/json.hpp"

namespace corolint::driver {
namespace {

using ordered = nlohmann::ordered_json;

/// A path that is not valid UTF-8 is written with U+FFFD in its strings
/// (makeStringsValidUtf8), and exactly as a file:// URI under Key.
void addExactPath(ordered &J, const char *Key, const std::string &File) {
  if (!isValidUtf8(File))
    J[Key] = fileUri(File);
}

ordered spanJson(const Span &S, const std::string &Root) {
  ordered J = {{"file", S.File}};
  addExactPath(J, "fileUri", S.File);
  J.update(ordered{{"path", relativeToRoot(S.File, Root)},
          {"offset", S.Offset},
          {"length", S.Length},
          {"line", S.Begin.Line},
          {"column", S.Begin.Column},
          {"endLine", S.End.Line},
          {"endColumn", S.End.Column}});
  return J;
}

ordered messageJson(const Message &M, const std::string &Root) {
  ordered J = {{"message", M.Text}};
  if (!M.File.empty()) {
    J["file"] = M.File;
    addExactPath(J, "fileUri", M.File);
    J["path"] = relativeToRoot(M.File, Root);
    J["line"] = M.Pos.Line;
    J["column"] = M.Pos.Column;
    J["offset"] = M.Offset;
  }
  ordered Ranges = ordered::array();
  for (const Span &S : M.Ranges)
    Ranges.push_back(spanJson(S, Root));
  J["ranges"] = std::move(Ranges);
  ordered Fixes = ordered::array();
  for (const Edit &E : M.Fixes) {
    ordered Fix = spanJson(E.Where, Root);
    Fix["replacement"] = E.Text;
    Fixes.push_back(std::move(Fix));
  }
  J["fixes"] = std::move(Fixes);
  return J;
}

ordered diagnosticJson(const Diagnostic &D, const std::string &Root) {
  ordered J = {{"check", D.Check},
               {"level", D.Level == Severity::Error ? "error" : "warning"},
               {"warningAsError", D.WarningAsError}};
  ordered Main = messageJson(D.Main, Root);
  for (auto &Item : Main.items())
    J[Item.key()] = Item.value();
  if (!D.Fingerprint.empty())
    J["fingerprint"] = D.Fingerprint;
  ordered Notes = ordered::array();
  for (const Message &Note : D.Notes)
    Notes.push_back(messageJson(Note, Root));
  J["notes"] = std::move(Notes);
  return J;
}

} // namespace

void writeJson(llvm::raw_ostream &OS, const Report &R, SourceFiles &Sources,
               const std::string &SourceRoot, int ExitCode) {
  ordered Diagnostics = ordered::array();
  for (const Diagnostic &D : R.Findings)
    Diagnostics.push_back(diagnosticJson(D, SourceRoot));
  ordered CompilerErrors = ordered::array();
  for (const Diagnostic &D : R.CompilerErrors)
    CompilerErrors.push_back(diagnosticJson(D, SourceRoot));
  ordered Failures = ordered::array();
  for (const UnitFailure &F : R.Failures) {
    ordered Failure = {{"file", F.File}};
    addExactPath(Failure, "fileUri", F.File);
    Failure["path"] = relativeToRoot(F.File, SourceRoot);
    Failure["reason"] = F.Reason;
    Failures.push_back(std::move(Failure));
  }
  ordered Document = {
      {"version", 1},
      {"tool", {{"name", "corolint"}, {"version", corolintVersion()}}},
      {"sourceRoot", SourceRoot}};
  addExactPath(Document, "sourceRootUri", SourceRoot);
  Document.update(ordered{
      {"diagnostics", std::move(Diagnostics)},
      {"compilerErrors", std::move(CompilerErrors)},
      {"failures", std::move(Failures)},
      {"summary",
       {{"units", R.Units},
        {"warnings", R.count(Severity::Warning)},
        {"errors", R.count(Severity::Error)},
        {"compilerErrors", R.CompilerErrors.size()},
        {"failedUnits", R.Failures.size()},
        {"suppressedByBaseline", R.SuppressedByBaseline},
        {"exitCode", ExitCode}}}});
  makeStringsValidUtf8(Document);
  OS << Document.dump(2, ' ', false, ordered::error_handler_t::replace) << "\n";
}

} // namespace corolint::driver
