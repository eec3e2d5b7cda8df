#include "ReportFile.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace corolint::driver {

std::unique_ptr<ReportFile> ReportFile::open(const std::string &Path, std::string &Error) {
  std::error_code EC;
  llvm::sys::fs::file_status Status;
  if (!llvm::sys::fs::status(Path, Status) && !llvm::sys::fs::is_regular_file(Status)) {
    auto Stream = std::make_unique<llvm::raw_fd_ostream>(Path, EC);
    if (EC) {
      Error = "cannot write " + Path + ": " + EC.message();
      return nullptr;
    }
    return std::unique_ptr<ReportFile>(new ReportFile(Path, "", std::move(Stream)));
  }
  llvm::SmallString<256> Model(llvm::sys::path::parent_path(Path));
  llvm::sys::path::append(Model, "." + llvm::sys::path::filename(Path) + ".tmp-%%%%%%");
  int FD = -1;
  llvm::SmallString<256> TempPath;
  EC = llvm::sys::fs::createUniqueFile(Model, FD, TempPath);
  if (EC) {
    Error = "cannot write " + Path + ": " + EC.message();
    return nullptr;
  }
  auto Stream = std::make_unique<llvm::raw_fd_ostream>(FD, /*shouldClose=*/true);
  return std::unique_ptr<ReportFile>(
      new ReportFile(Path, std::string(TempPath), std::move(Stream)));
}

ReportFile::~ReportFile() {
  if (Stream) {
    Stream->close();
    Stream->clear_error();
  }
  if (TempPath.empty())
    return;
  if (std::error_code EC = llvm::sys::fs::remove(TempPath))
    llvm::errs() << "corolint: warning: cannot remove " << TempPath << ": "
                 << EC.message() << "\n";
}

std::optional<std::string> ReportFile::commit() {
  Stream->close();
  std::optional<std::string> Error = writeError(*Stream, Path);
  Stream.reset();
  if (Error || TempPath.empty())
    return Error;
  if (std::error_code EC = llvm::sys::fs::rename(TempPath, Path))
    return "cannot write " + Path + ": " + EC.message();
  TempPath.clear();
  return std::nullopt;
}

std::optional<std::string> writeError(llvm::raw_fd_ostream &OS, llvm::StringRef What) {
  OS.flush();
  if (!OS.has_error())
    return std::nullopt;
  std::string Message = "cannot write " + What.str() + ": " + OS.error().message();
  OS.clear_error();
  return Message;
}

} // namespace corolint::driver
