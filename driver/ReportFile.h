// Where -o FILE's report is written: a temporary file beside FILE, renamed
// over it once the report is complete, so that a run that dies leaves the
// previous report whole. A path that is not a regular file (a device, a
// pipe) is written in place.
#ifndef COROLINT_DRIVER_REPORTFILE_H
#define COROLINT_DRIVER_REPORTFILE_H

#include "llvm/Support/raw_ostream.h"
#include <memory>
#include <optional>
#include <string>

namespace corolint::driver {

class ReportFile {
public:
  /// Opens the file the report to Path is written to; null with Error set
  /// when it cannot.
  static std::unique_ptr<ReportFile> open(const std::string &Path, std::string &Error);
  ~ReportFile();

  llvm::raw_ostream &stream() { return *Stream; }
  /// Closes the file and puts it in place. Returns why it could not.
  std::optional<std::string> commit();

private:
  ReportFile(std::string Path, std::string TempPath, std::unique_ptr<llvm::raw_fd_ostream> Stream)
      : Path(std::move(Path)), TempPath(std::move(TempPath)), Stream(std::move(Stream)) {}

  std::string Path;
  /// Empty when Path is written in place.
  std::string TempPath;
  std::unique_ptr<llvm::raw_fd_ostream> Stream;
};

/// Why writing to OS failed, as "cannot write WHAT: REASON"; nullopt if it
/// did not. Clears the error, which would otherwise abort the program.
std::optional<std::string> writeError(llvm::raw_fd_ostream &OS, llvm::StringRef What);

} // namespace corolint::driver

#endif
