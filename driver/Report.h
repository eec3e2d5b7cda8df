// Turns the outcomes of the units into one Report: paths resolved, offsets
// turned into lines and columns, duplicates (a header seen by several units)
// removed, everything sorted, fingerprints computed; and the baseline.
#ifndef COROLINT_DRIVER_REPORT_H
#define COROLINT_DRIVER_REPORT_H

#include "Findings.h"
#include "Runner.h"
#include "SourceFiles.h"
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace corolint::driver {

/// The key of corolint's fingerprint in SARIF partialFingerprints.
inline constexpr const char *FingerprintKey = "corolint/v1";

/// Builds the report of a run. Failures lists units that could not be
/// linted before any process ran (a missing file).
Report buildReport(const std::vector<UnitOutcome> &Outcomes,
                   std::vector<UnitFailure> Failures, SourceFiles &Sources,
                   const std::string &SourceRoot);

/// The order of diagnostics in every output.
bool diagnosticLess(const Diagnostic &A, const Diagnostic &B);

/// Path relative to Root when it is inside Root, otherwise Path itself.
std::string relativeToRoot(const std::string &Path, const std::string &Root);

/// Reads the fingerprints of an earlier SARIF or JSON report. Returns an
/// error message when it cannot.
std::optional<std::string> loadBaseline(const std::string &Path,
                                        std::set<std::string> &Fingerprints);

/// Drops the findings whose fingerprint is in Fingerprints.
void applyBaseline(Report &R, const std::set<std::string> &Fingerprints);

} // namespace corolint::driver

#endif
