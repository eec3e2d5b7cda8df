#include "Output.h"
#include "Report.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/ConvertUTF.h"
#include <algorithm>

namespace corolint::driver {
namespace {

constexpr unsigned TabStop = 8;

struct Painter {
  llvm::raw_ostream &OS;
  bool Enabled;

  void paint(llvm::raw_ostream::Colors Color, bool Bold, llvm::StringRef Text) {
    if (Enabled)
      OS.changeColor(Color, Bold);
    OS << Text;
    if (Enabled)
      OS.resetColor();
  }
};

/// The display column of each byte of Line (1-based), tabs expanded, one
/// column per UTF-8 sequence, plus one entry past the end.
std::vector<unsigned> displayColumns(llvm::StringRef Line, std::string &Expanded) {
  std::vector<unsigned> Columns;
  unsigned Column = 1;
  for (size_t I = 0; I < Line.size(); ++I) {
    Columns.push_back(Column);
    auto Byte = static_cast<unsigned char>(Line[I]);
    if (Line[I] == '\t') {
      unsigned Width = TabStop - (Column - 1) % TabStop;
      Expanded.append(Width, ' ');
      Column += Width;
    } else {
      Expanded += Line[I];
      if ((Byte & 0xC0) != 0x80)
        ++Column;
      else
        Columns.back() = Column - 1;
    }
  }
  Columns.push_back(Column);
  return Columns;
}

void writeSnippet(Painter &P, const SourceText &Text, const Message &M) {
  llvm::StringRef Line = Text.line(M.Pos.Line);
  std::string Expanded;
  std::vector<unsigned> Columns = displayColumns(Line, Expanded);
  auto ColumnOf = [&](unsigned ByteColumn) {
    size_t Index = std::min<size_t>(ByteColumn == 0 ? 0 : ByteColumn - 1,
                                    Columns.size() - 1);
    return Columns[Index];
  };
  std::string Number = std::to_string(M.Pos.Line);
  size_t Width = std::max<size_t>(Number.size(), 4);
  std::string Gutter(Width + 2, ' ');
  P.OS << std::string(Width + 1 - Number.size(), ' ') << Number << " | " << Expanded
       << "\n";

  std::string Marks(Columns.back() + 1, ' ');
  for (const Span &Range : M.Ranges) {
    if (Range.File != M.File || Range.Begin.Line > M.Pos.Line ||
        Range.End.Line < M.Pos.Line)
      continue;
    unsigned From = Range.Begin.Line < M.Pos.Line ? 1 : ColumnOf(Range.Begin.Column);
    unsigned To = Range.End.Line > M.Pos.Line ? Columns.back()
                                               : ColumnOf(Range.End.Column);
    for (unsigned C = From; C < To && C < Marks.size(); ++C)
      Marks[C - 1] = '~';
  }
  unsigned Caret = ColumnOf(M.Pos.Column);
  if (Caret - 1 < Marks.size())
    Marks[Caret - 1] = '^';
  llvm::StringRef MarkLine = llvm::StringRef(Marks).rtrim();
  P.OS << Gutter << "| ";
  P.paint(llvm::raw_ostream::GREEN, true, MarkLine);
  P.OS << "\n";

  // A fix-it on this line: its text under the place it goes.
  for (const Edit &Fix : M.Fixes) {
    if (Fix.Where.File != M.File || Fix.Where.Begin.Line != M.Pos.Line ||
        Fix.Text.find('\n') != std::string::npos || Fix.Text.empty())
      continue;
    unsigned At = ColumnOf(Fix.Where.Begin.Column);
    P.OS << Gutter << "| " << std::string(At - 1, ' ');
    P.paint(llvm::raw_ostream::GREEN, false, Fix.Text);
    P.OS << "\n";
  }
}

void writeMessage(Painter &P, SourceFiles &Sources, const Message &M,
                  llvm::StringRef Kind, llvm::StringRef Check, bool ShowSource) {
  std::string Where;
  if (!M.File.empty())
    Where = M.File + ":" + std::to_string(M.Pos.Line) + ":" +
            std::to_string(M.Pos.Column) + ":";
  else
    Where = "corolint:";
  P.paint(llvm::raw_ostream::SAVEDCOLOR, true, Where);
  P.OS << " ";
  llvm::raw_ostream::Colors Color = Kind == "error"     ? llvm::raw_ostream::RED
                                    : Kind == "warning" ? llvm::raw_ostream::MAGENTA
                                                        : llvm::raw_ostream::BLACK;
  P.paint(Color, true, (Kind + ":").str());
  P.OS << " ";
  std::string Text = M.Text;
  if (!Check.empty())
    Text += " [" + Check.str() + "]";
  P.paint(llvm::raw_ostream::SAVEDCOLOR, Kind != "note", Text);
  P.OS << "\n";
  if (!ShowSource || M.File.empty() || M.Pos.Line == 0)
    return;
  if (const SourceText *Source = Sources.get(M.File))
    writeSnippet(P, *Source, M);
}

} // namespace

void writeText(llvm::raw_ostream &OS, const Report &R, SourceFiles &Sources,
               const TextStyle &Style) {
  std::vector<const Diagnostic *> All;
  All.reserve(R.Findings.size() + R.CompilerErrors.size());
  for (const Diagnostic &D : R.Findings)
    All.push_back(&D);
  for (const Diagnostic &D : R.CompilerErrors)
    All.push_back(&D);
  llvm::sort(All, [](const Diagnostic *A, const Diagnostic *B) {
    return diagnosticLess(*A, *B);
  });
  Painter P{OS, Style.Color};
  for (const Diagnostic *D : All) {
    std::string Check = D->Check;
    if (D->WarningAsError)
      Check += ",-warnings-as-errors";
    writeMessage(P, Sources, D->Main,
                 D->Level == Severity::Error ? "error" : "warning", Check,
                 Style.ShowSource);
    for (const Message &Note : D->Notes)
      writeMessage(P, Sources, Note, "note", "", Style.ShowSource);
  }
}

const char *corolintVersion() { return COROLINT_VERSION; }

} // namespace corolint::driver
