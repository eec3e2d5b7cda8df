#include "SourceFiles.h"

#include "InputFiles.h"
#include "Utf8.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <algorithm>

namespace corolint::driver {

SourceText::SourceText(std::string Text) : Content(std::move(Text)) {
  // A line ends with "\n", "\r\n" or a lone "\r", as for clang.
  LineStarts.push_back(0);
  for (size_t I = 0; I + 1 < Content.size(); ++I)
    if (Content[I] == '\n' || (Content[I] == '\r' && Content[I + 1] != '\n'))
      LineStarts.push_back(static_cast<unsigned>(I + 1));
}

Position SourceText::position(unsigned Offset) const {
  if (Offset > Content.size())
    return {};
  auto It = std::upper_bound(LineStarts.begin(), LineStarts.end(), Offset);
  auto Line = static_cast<unsigned>(It - LineStarts.begin());
  return {Line, Offset - LineStarts[Line - 1] + 1};
}

llvm::StringRef SourceText::line(unsigned Line) const {
  if (Line == 0 || Line > LineStarts.size())
    return {};
  llvm::StringRef Rest = llvm::StringRef(Content).substr(LineStarts[Line - 1]);
  return Rest.take_until([](char C) { return C == '\n' || C == '\r'; });
}

const SourceText *SourceFiles::get(llvm::StringRef Path) {
  auto It = Files.find(Path);
  if (It != Files.end())
    return It->second.get();
  std::unique_ptr<SourceText> &Slot = Files[Path];
  std::string Text;
  if (!readInputFile(Path, Text, Pipes::Refused))
    Slot = std::make_unique<SourceText>(std::move(Text));
  return Slot.get();
}

std::string normalizePath(llvm::StringRef Path, llvm::StringRef Base) {
  llvm::SmallString<256> Result;
  if (llvm::sys::path::is_absolute(Path) || Base.empty()) {
    Result = Path;
  } else {
    Result = Base;
    llvm::sys::path::append(Result, Path);
  }
  llvm::sys::path::remove_dots(Result, /*remove_dot_dot=*/true);
  return std::string(Result);
}

unsigned utf16Column(llvm::StringRef Line, unsigned Column) {
  unsigned Units = 1;
  size_t End = std::min<size_t>(Column == 0 ? 0 : Column - 1, Line.size());
  // Bytes that are not valid UTF-8 count as the U+FFFD that replaces them
  // in the reports' snippets.
  for (size_t I = 0; I < End;) {
    Utf8Sequence Sequence = nextUtf8Sequence(Line.substr(I));
    Units += Sequence.Valid && Sequence.Length == 4 ? 2 : 1;
    I += Sequence.Length;
  }
  // Past the end of the line (a diagnostic at the end of line): count bytes.
  if (Column > Line.size() + 1)
    Units += Column - 1 - static_cast<unsigned>(Line.size());
  return Units;
}

} // namespace corolint::driver
