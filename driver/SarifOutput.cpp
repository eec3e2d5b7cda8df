#include "CheckDocs.h"
#include "Output.h"
#include "Report.h"
#include "Uri.h"
#include "Utf8.h"

#include "llvm/ADT/StringExtras.h"
#include "nlohmann/json.hpp"
#include <algorithm>
#include <map>

namespace corolint::driver {
namespace {

using ordered = nlohmann::ordered_json;

constexpr const char *SourceRootId = "%SRCROOT%";

std::string directoryUri(const std::string &Dir) {
  std::string Uri = fileUri(Dir);
  if (Uri.back() != '/')
    Uri += '/';
  return Uri;
}

/// "CoroBlockingCall" for "coro-blocking-call".
std::string friendlyName(llvm::StringRef Check) {
  std::string Name;
  bool Upper = true;
  for (char C : Check) {
    if (!llvm::isAlnum(C)) {
      Upper = true;
      continue;
    }
    Name += Upper ? llvm::toUpper(C) : C;
    Upper = false;
  }
  return Name;
}

class SarifWriter {
public:
  SarifWriter(const Report &R, SourceFiles &Sources, const SarifSettings &Settings)
      : R(R), Sources(Sources), Settings(Settings) {}

  ordered write() {
    for (const std::string &Check : Settings.Checks)
      ruleIndex(Check);
    ordered Results = ordered::array();
    for (const Diagnostic &D : R.Findings)
      Results.push_back(result(D));
    ordered Notifications = ordered::array();
    for (const Diagnostic &D : R.CompilerErrors)
      Notifications.push_back(compilerError(D));
    for (const UnitFailure &F : R.Failures)
      Notifications.push_back(unitFailure(F));

    ordered Driver = {{"name", "corolint"},
                      {"version", corolintVersion()},
                      {"semanticVersion", corolintVersion()}};
    if (!Settings.HelpUriBase.empty())
      Driver["informationUri"] = Settings.HelpUriBase;
    Driver["rules"] = rules();
    Driver["notifications"] = ordered::array(
        {{{"id", "COROLINT-UNIT-FAILED"},
          {"name", "UnitFailed"},
          {"shortDescription", {{"text", "A translation unit could not be linted."}}},
          {"fullDescription",
           {{"text", "A translation unit could not be linted, or only partly: it "
                     "does not compile, its file cannot be read or the linter "
                     "failed on it."}}},
          {"help",
           {{"text", "Fix the build of the file (or its entry in the compilation "
                     "database) so that the compiler can parse it, then lint again."}}},
          {"defaultConfiguration", {{"level", "error"}}}},
         {{"id", "COROLINT-COMPILER-ERROR"},
          {"name", "CompilerError"},
          {"shortDescription", {{"text", "The compiler reported an error."}}},
          {"fullDescription",
           {{"text", "The compiler reported an error while parsing a "
                     "translation unit for linting."}}},
          {"help",
           {{"text", "Fix the error, or the compile command of the file in the "
                     "compilation database, then lint again."}}},
          {"defaultConfiguration", {{"level", "error"}}}}});

    ordered Invocation = {{"executionSuccessful", R.Failures.empty()},
                          {"exitCode", Settings.ExitCode}};
    if (!Notifications.empty())
      Invocation["toolExecutionNotifications"] = std::move(Notifications);

    ordered Run = {
        {"tool", {{"driver", std::move(Driver)}}},
        {"invocations", ordered::array({std::move(Invocation)})},
        {"originalUriBaseIds",
         {{SourceRootId, {{"uri", directoryUri(Settings.SourceRoot)}}}}},
        {"columnKind", "utf16CodeUnits"},
        {"results", std::move(Results)}};
    return {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
            {"version", "2.1.0"},
            {"runs", ordered::array({std::move(Run)})}};
  }

private:
  const Report &R;
  SourceFiles &Sources;
  const SarifSettings &Settings;
  std::vector<std::string> RuleIds;
  std::map<std::string, size_t> RuleIndexes;

  size_t ruleIndex(const std::string &Check) {
    auto [It, Added] = RuleIndexes.try_emplace(Check, RuleIds.size());
    if (Added)
      RuleIds.push_back(Check);
    return It->second;
  }

  ordered rules() const {
    ordered Rules = ordered::array();
    for (const std::string &Id : RuleIds) {
      CheckInfo Info = describeCheck(Id);
      std::string Help = Info.Page.empty() ? Info.FullDescription : Info.Page;
      ordered Rule = {{"id", Id},
                      {"name", friendlyName(Id)},
                      {"shortDescription", {{"text", Info.ShortDescription}}},
                      {"fullDescription", {{"text", Info.FullDescription}}},
                      {"help", {{"text", Help}, {"markdown", Help}}}};
      if (!Settings.HelpUriBase.empty() && !Info.Page.empty())
        Rule["helpUri"] = Settings.HelpUriBase + Id + ".md";
      Rule["defaultConfiguration"] = {{"level", "warning"}};
      Rule["properties"] = {{"tags", Info.Tags},
                            {"precision", Info.Precision},
                            {"problem.severity", "warning"}};
      Rules.push_back(std::move(Rule));
    }
    return Rules;
  }

  ordered artifactLocation(const std::string &File) const {
    std::string Relative = relativeToRoot(File, Settings.SourceRoot);
    if (Relative != File)
      return {{"uri", percentEncodePath(Relative)}, {"uriBaseId", SourceRootId}};
    return {{"uri", fileUri(File)}};
  }

  /// The region of a message: its line and column, to the end of the first
  /// of its ranges that starts there and ends on the same line.
  ordered region(const Message &M) const {
    const SourceText *Text = Sources.get(M.File);
    llvm::StringRef Line = Text ? Text->line(M.Pos.Line) : llvm::StringRef();
    ordered Region = {{"startLine", M.Pos.Line},
                      {"startColumn", utf16Column(Line, M.Pos.Column)}};
    size_t From = std::min<size_t>(M.Pos.Column == 0 ? 0 : M.Pos.Column - 1, Line.size());
    size_t To = Line.size();
    for (const Span &S : M.Ranges)
      if (S.File == M.File && S.Begin.Line == M.Pos.Line &&
          S.Begin.Column == M.Pos.Column && S.End.Line == M.Pos.Line &&
          S.End.Column > S.Begin.Column) {
        Region["endColumn"] = utf16Column(Line, S.End.Column);
        To = std::min<size_t>(S.End.Column - 1, Line.size());
        break;
      }
    if (Text && From < To)
      Region["snippet"] = {{"text", Line.substr(From, To - From).str()}};
    return Region;
  }

  ordered spanRegion(const Span &S) const {
    const SourceText *Text = Sources.get(S.File);
    llvm::StringRef First = Text ? Text->line(S.Begin.Line) : llvm::StringRef();
    llvm::StringRef Last = Text ? Text->line(S.End.Line) : llvm::StringRef();
    return {{"startLine", S.Begin.Line},
            {"startColumn", utf16Column(First, S.Begin.Column)},
            {"endLine", S.End.Line},
            {"endColumn", utf16Column(Last, S.End.Column)}};
  }

  ordered location(const Message &M) const {
    ordered Physical = {{"artifactLocation", artifactLocation(M.File)}};
    if (M.Pos.Line != 0) {
      ordered Region = region(M);
      // The whole line as context, unless the region is the whole line.
      bool WholeLine = M.Pos.Column <= 1 && !Region.contains("endColumn");
      Physical["region"] = std::move(Region);
      if (const SourceText *Text = Sources.get(M.File); Text && !WholeLine)
        Physical["contextRegion"] = {
            {"startLine", M.Pos.Line},
            {"snippet", {{"text", Text->line(M.Pos.Line).str()}}}};
    }
    return {{"physicalLocation", std::move(Physical)}};
  }

  ordered result(const Diagnostic &D) {
    size_t Index = ruleIndex(D.Check);
    ordered Result = {{"ruleId", D.Check},
                      {"ruleIndex", Index},
                      {"level", D.Level == Severity::Error ? "error" : "warning"},
                      {"message", {{"text", D.Main.Text}}}};
    if (!D.Main.File.empty())
      Result["locations"] = ordered::array({location(D.Main)});
    ordered Related = ordered::array();
    for (const Message &Note : D.Notes) {
      if (Note.File.empty())
        continue;
      ordered Item = location(Note);
      Item["id"] = Related.size() + 1;
      Item["message"] = {{"text", Note.Text}};
      Related.push_back(std::move(Item));
    }
    if (!Related.empty())
      Result["relatedLocations"] = std::move(Related);
    ordered Fixes = fixes(D);
    if (!Fixes.empty())
      Result["fixes"] = std::move(Fixes);
    Result["partialFingerprints"] = {{FingerprintKey, D.Fingerprint}};
    return Result;
  }

  /// One SARIF fix for the fix-its of the warning, one for those of each
  /// note that has some.
  ordered fixes(const Diagnostic &D) const {
    ordered Fixes = ordered::array();
    auto Add = [&](const Message &M) {
      std::map<std::string, ordered> ByFile;
      for (const Edit &E : M.Fixes) {
        if (E.Where.File.empty() || E.Where.Begin.Line == 0 || E.Where.End.Line == 0)
          continue;
        ordered &Replacements = ByFile[E.Where.File];
        if (Replacements.is_null())
          Replacements = ordered::array();
        Replacements.push_back({{"deletedRegion", spanRegion(E.Where)},
                                {"insertedContent", {{"text", E.Text}}}});
      }
      if (ByFile.empty())
        return;
      ordered Changes = ordered::array();
      for (auto &[File, Replacements] : ByFile)
        Changes.push_back({{"artifactLocation", artifactLocation(File)},
                           {"replacements", std::move(Replacements)}});
      Fixes.push_back({{"description", {{"text", M.Text}}},
                       {"artifactChanges", std::move(Changes)}});
    };
    Add(D.Main);
    for (const Message &Note : D.Notes)
      Add(Note);
    return Fixes;
  }

  ordered compilerError(const Diagnostic &D) const {
    ordered Notification = {
        {"level", "error"},
        {"message", {{"text", D.Main.Text + " [" + D.Check + "]"}}},
        {"descriptor", {{"id", "COROLINT-COMPILER-ERROR"}, {"index", 1}}}};
    if (!D.Main.File.empty())
      Notification["locations"] = ordered::array({location(D.Main)});
    return Notification;
  }

  ordered unitFailure(const UnitFailure &F) const {
    return {{"level", "error"},
            {"message",
             {{"text", "could not lint " + relativeToRoot(F.File, Settings.SourceRoot) +
                           ": " + F.Reason}}},
            {"locations",
             ordered::array(
                 {{{"physicalLocation", {{"artifactLocation", artifactLocation(F.File)}}}}})},
            {"descriptor", {{"id", "COROLINT-UNIT-FAILED"}, {"index", 0}}}};
  }
};

} // namespace

void writeSarif(llvm::raw_ostream &OS, const Report &R, SourceFiles &Sources,
                const SarifSettings &Settings) {
  SarifWriter Writer(R, Sources, Settings);
  ordered Log = Writer.write();
  // Messages and snippets with bytes that are not UTF-8; the URIs are
  // ASCII, and exact.
  makeStringsValidUtf8(Log);
  OS << Log.dump(2, ' ', false, ordered::error_handler_t::replace) << "\n";
}

} // namespace corolint::driver
