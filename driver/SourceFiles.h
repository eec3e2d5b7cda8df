// Source files read once each, to turn byte offsets into lines and columns
// and to show the flagged lines.
#ifndef COROLINT_DRIVER_SOURCEFILES_H
#define COROLINT_DRIVER_SOURCEFILES_H

#include "Findings.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include <memory>
#include <string>
#include <vector>

namespace corolint::driver {

class SourceText {
public:
  explicit SourceText(std::string Text);
  /// The position of byte Offset; Line 0 if it is out of the file.
  Position position(unsigned Offset) const;
  /// Line number Line (1-based) without its end of line; empty if none.
  llvm::StringRef line(unsigned Line) const;
  unsigned lineCount() const { return static_cast<unsigned>(LineStarts.size()); }

private:
  std::string Content;
  std::vector<unsigned> LineStarts;
};

class SourceFiles {
public:
  /// The text of Path, or null if it cannot be read.
  const SourceText *get(llvm::StringRef Path);

private:
  llvm::StringMap<std::unique_ptr<SourceText>> Files;
};

/// Path made absolute (against Base when relative) with "." and ".."
/// removed.
std::string normalizePath(llvm::StringRef Path, llvm::StringRef Base);

/// The UTF-16 column of 1-based byte column Column in Line.
unsigned utf16Column(llvm::StringRef Line, unsigned Column);

} // namespace corolint::driver

#endif
