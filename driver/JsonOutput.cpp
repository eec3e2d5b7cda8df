#include "Output.h"
#include "Report.h"

#include "nlohmann/json.hpp"

namespace corolint::driver {
namespace {

using ordered = nlohmann::ordered_json;

ordered spanJson(const Span &S, const std::string &Root) {
  return {{"file", S.File},
          {"path", relativeToRoot(S.File, Root)},
          {"offset", S.Offset},
          {"length", S.Length},
          {"line", S.Begin.Line},
          {"column", S.Begin.Column},
          {"endLine", S.End.Line},
          {"endColumn", S.End.Column}};
}

ordered messageJson(const Message &M, const std::string &Root) {
  ordered J = {{"message", M.Text}};
  if (!M.File.empty()) {
    J["file"] = M.File;
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
  for (const UnitFailure &F : R.Failures)
    Failures.push_back({{"file", F.File},
                        {"path", relativeToRoot(F.File, SourceRoot)},
                        {"reason", F.Reason}});
  ordered Document = {
      {"version", 1},
      {"tool", {{"name", "corolint"}, {"version", corolintVersion()}}},
      {"sourceRoot", SourceRoot},
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
        {"exitCode", ExitCode}}}};
  OS << Document.dump(2, ' ', false, ordered::error_handler_t::replace) << "\n";
}

} // namespace corolint::driver
