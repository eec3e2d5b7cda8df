// What a run found, once every translation unit's diagnostics are collected:
// findings of the checks, compiler errors, and units that could not be linted.
#ifndef COROLINT_DRIVER_FINDINGS_H
#define COROLINT_DRIVER_FINDINGS_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace corolint::driver {

enum class Severity : std::uint8_t { Warning, Error };

/// A 1-based line and byte column; 0 when unknown.
struct Position {
  unsigned Line = 0;
  unsigned Column = 0;
};

/// A range of bytes in a file.
struct Span {
  std::string File;
  unsigned Offset = 0;
  unsigned Length = 0;
  Position Begin;
  Position End;
};

/// A fix-it: replace the bytes of Where with Text.
struct Edit {
  Span Where;
  std::string Text;
};

struct Message {
  std::string Text;
  /// Absolute, normalized path; empty for a message without a location.
  std::string File;
  unsigned Offset = 0;
  Position Pos;
  std::vector<Span> Ranges;
  std::vector<Edit> Fixes;
};

struct Diagnostic {
  std::string Check;
  Severity Level = Severity::Warning;
  /// A warning that WarningsAsErrors turned into an error.
  bool WarningAsError = false;
  Message Main;
  std::vector<Message> Notes;
  /// Stable identity of a finding, see Report.cpp.
  std::string Fingerprint;
};

/// A translation unit that could not be linted, or only partly.
struct UnitFailure {
  std::string File;
  std::string Reason;
};

struct Report {
  /// Findings of the checks, deduplicated and sorted.
  std::vector<Diagnostic> Findings;
  /// Errors of the compiler, deduplicated and sorted.
  std::vector<Diagnostic> CompilerErrors;
  /// Sorted by file.
  std::vector<UnitFailure> Failures;
  size_t Units = 0;
  size_t SuppressedByBaseline = 0;

  size_t count(Severity Level) const {
    size_t N = 0;
    for (const Diagnostic &D : Findings)
      N += D.Level == Level ? 1 : 0;
    return N;
  }
};

} // namespace corolint::driver

#endif
