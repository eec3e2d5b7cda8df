#include "Progress.h"

#include "llvm/Support/Path.h"

namespace corolint::driver {

void Progress::update(size_t Done, size_t Total, const std::string &File) {
  if (M == Mode::None || Total == 0)
    return;
  std::string Counter = "[" + std::to_string(Done) + "/" + std::to_string(Total) + "]";
  if (M == Mode::Lines) {
    OS << Counter << " " << File << "\n";
    OS.flush();
    return;
  }
  constexpr size_t Width = 30;
  size_t Filled = Done * Width / Total;
  std::string Bar = "[" + std::string(Filled, '=') +
                    (Filled < Width ? ">" : "") +
                    std::string(Width - Filled - (Filled < Width ? 1 : 0), ' ') + "]";
  std::string Name = llvm::sys::path::filename(File).str();
  if (Name.size() > 40)
    Name = "..." + Name.substr(Name.size() - 37);
  OS << "\r\033[K" << Bar << " " << Done << "/" << Total << " " << Name;
  OS.flush();
  Drawn = true;
}

void Progress::finish() {
  if (Drawn) {
    OS << "\r\033[K";
    OS.flush();
    Drawn = false;
  }
}

} // namespace corolint::driver
