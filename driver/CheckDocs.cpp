#include "CheckDocs.h"

#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include <algorithm>

namespace corolint::driver {
namespace {

struct Classification {
  const char *Check;
  std::vector<std::string> Tags;
  const char *Precision;
};

/// Tags and precision of each check, for code-scanning UIs. A check missing
/// here gets the defaults of describeCheck.
const std::vector<Classification> &classifications() {
  static const std::vector<Classification> Table = {
      {"coro-blocking-call", {"coroutines", "concurrency", "performance"}, "high"},
      {"coro-lock-across-suspend",
       {"coroutines", "concurrency", "correctness"},
       "high"},
  };
  return Table;
}

/// Joins the lines of a Markdown paragraph into one line.
std::string joinLines(llvm::StringRef Paragraph) {
  llvm::SmallVector<llvm::StringRef, 8> Lines;
  Paragraph.split(Lines, '\n');
  std::string Joined;
  for (llvm::StringRef Line : Lines) {
    Line = Line.trim();
    if (Line.empty())
      continue;
    if (!Joined.empty())
      Joined += ' ';
    Joined += Line.str();
  }
  return Joined;
}

/// The first paragraph after the page's title.
std::string firstParagraph(llvm::StringRef Page) {
  llvm::StringRef Rest = Page;
  if (Rest.starts_with("#"))
    Rest = Rest.split('\n').second;
  Rest = Rest.ltrim("\n\r");
  size_t End = Rest.find("\n\n");
  return joinLines(Rest.substr(0, End));
}

std::string firstSentence(llvm::StringRef Paragraph) {
  for (size_t I = 0; I + 1 < Paragraph.size(); ++I)
    if (Paragraph[I] == '.' && Paragraph[I + 1] == ' ')
      return Paragraph.substr(0, I + 1).str();
  return Paragraph.str();
}

} // namespace

std::vector<std::string> registeredChecks() {
  clang::tidy::ClangTidyCheckFactories Factories;
  for (const auto &Entry : clang::tidy::ClangTidyModuleRegistry::entries())
    Entry.instantiate()->addCheckFactories(Factories);
  std::vector<std::string> Names;
  for (const auto &Factory : Factories)
    Names.push_back(Factory.getKey().str());
  llvm::sort(Names);
  return Names;
}

std::optional<llvm::StringRef> checkPage(llvm::StringRef Check) {
  for (const EmbeddedFile &Doc : embeddedDocs())
    if (Check == Doc.Name)
      return llvm::StringRef(Doc.Text);
  return std::nullopt;
}

CheckInfo describeCheck(llvm::StringRef Check) {
  CheckInfo Info;
  Info.Name = Check.str();
  Info.Tags = {"coroutines"};
  Info.Precision = "medium";
  if (std::optional<llvm::StringRef> Page = checkPage(Check)) {
    Info.Page = Page->str();
    Info.FullDescription = firstParagraph(*Page);
    Info.ShortDescription = firstSentence(Info.FullDescription);
  } else if (Check.starts_with("clang-diagnostic-")) {
    Info.ShortDescription = "Compiler diagnostic -W" +
                            Check.drop_front(17).str() + " reported by clang.";
    Info.FullDescription = Info.ShortDescription;
    Info.Tags = {"compiler"};
    Info.Precision = "high";
  } else if (Check.starts_with("clang-analyzer-")) {
    Info.ShortDescription = "Clang Static Analyzer checker " +
                            Check.drop_front(15).str() + ".";
    Info.FullDescription = Info.ShortDescription;
    Info.Tags = {"static-analyzer"};
  } else {
    Info.ShortDescription = "Finding of the clang-tidy check " + Check.str() + ".";
    Info.FullDescription = Info.ShortDescription;
  }
  for (const Classification &C : classifications())
    if (Check == C.Check) {
      Info.Tags = C.Tags;
      Info.Precision = C.Precision;
    }
  return Info;
}

} // namespace corolint::driver
