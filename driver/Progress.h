// Progress of a run on stderr: a bar redrawn in place on a terminal, one line
// per translation unit otherwise, nothing with --quiet.
#ifndef COROLINT_DRIVER_PROGRESS_H
#define COROLINT_DRIVER_PROGRESS_H

#include "llvm/Support/raw_ostream.h"
#include <cstdint>
#include <string>

namespace corolint::driver {

class Progress {
public:
  enum class Mode : std::uint8_t { None, Lines, Bar };

  Progress(llvm::raw_ostream &OS, Mode M) : OS(OS), M(M) {}
  /// Done of Total units are finished, File the last one.
  void update(size_t Done, size_t Total, const std::string &File);
  /// Erases the bar.
  void finish();

private:
  llvm::raw_ostream &OS;
  Mode M;
  bool Drawn = false;
};

} // namespace corolint::driver

#endif
