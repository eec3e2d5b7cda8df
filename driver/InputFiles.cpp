#include "InputFiles.h"

#include "llvm/ADT/SmallString.h"
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace corolint::driver {
namespace {

/// A descriptor opened without blocking (opening a named pipe for reading
/// waits for a writer otherwise), closed when it goes out of scope.
class OpenFile {
public:
  explicit OpenFile(llvm::StringRef Path) {
    llvm::SmallString<256> Name(Path);
    FD = ::open(Name.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    Error = FD < 0 ? errno : 0;
  }
  ~OpenFile() {
    if (FD >= 0)
      ::close(FD);
  }
  OpenFile(const OpenFile &) = delete;
  OpenFile &operator=(const OpenFile &) = delete;

  int FD;
  int Error;
};

/// What kind of file FD is, when it is not one that can be read: empty for
/// a regular file, and for a pipe when Allow is Pipes::Read.
std::optional<std::string> whyNotReadable(int FD, Pipes Allow) {
  struct stat Status;
  if (::fstat(FD, &Status) != 0)
    return std::string(std::strerror(errno));
  if (S_ISREG(Status.st_mode))
    return std::nullopt;
  if (S_ISDIR(Status.st_mode))
    return std::string("it is a directory");
  if (S_ISFIFO(Status.st_mode) && Allow == Pipes::Read)
    return std::nullopt;
  if (S_ISFIFO(Status.st_mode))
    return std::string("it is a named pipe, not a regular file");
  return std::string("it is not a regular file");
}

bool setBlocking(int FD) {
  int Flags = ::fcntl(FD, F_GETFL);
  return Flags >= 0 && ::fcntl(FD, F_SETFL, Flags & ~O_NONBLOCK) == 0;
}

} // namespace

std::optional<std::string> readInputFile(llvm::StringRef Path, std::string &Contents,
                                         Pipes Allow) {
  OpenFile File(Path);
  if (File.FD < 0)
    return std::string(std::strerror(File.Error));
  if (std::optional<std::string> Why = whyNotReadable(File.FD, Allow))
    return Why;
  // Opened without blocking: a pipe that nothing has opened for writing
  // reads as its end at once, one whose writer has not written yet fails
  // with EAGAIN. Reading then blocks, until the writer is done.
  Contents.clear();
  bool Blocking = false;
  char Buffer[65536];
  for (;;) {
    ssize_t N = ::read(File.FD, Buffer, sizeof(Buffer));
    if (N > 0) {
      Contents.append(Buffer, static_cast<size_t>(N));
    } else if (N == 0) {
      if (!Blocking && Contents.empty() && whyNotReadable(File.FD, Pipes::Refused))
        return std::string("it is a named pipe that nothing writes to");
      return std::nullopt;
    } else if (errno == EINTR) {
      continue;
    } else if (errno != EAGAIN) {
      return std::string(std::strerror(errno));
    }
    if (!Blocking) {
      if (!setBlocking(File.FD))
        return std::string(std::strerror(errno));
      Blocking = true;
    }
  }
}

std::optional<std::string> whyNotLintable(llvm::StringRef Path) {
  OpenFile File(Path);
  if (File.FD < 0)
    return std::string(std::strerror(File.Error));
  return whyNotReadable(File.FD, Pipes::Refused);
}

} // namespace corolint::driver
