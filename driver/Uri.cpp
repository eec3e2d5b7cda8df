#include "Uri.h"

#include "llvm/ADT/StringExtras.h"

namespace corolint::driver {

std::string percentEncodePath(llvm::StringRef Path) {
  std::string Out;
  for (char C : Path) {
    auto Byte = static_cast<unsigned char>(C);
    if (llvm::isAlnum(C) || C == '/' || C == '-' || C == '.' || C == '_' || C == '~') {
      Out += C;
    } else {
      Out += '%';
      Out += llvm::hexdigit(Byte >> 4);
      Out += llvm::hexdigit(Byte & 0xF);
    }
  }
  return Out;
}

std::string fileUri(llvm::StringRef AbsolutePath) {
  return "file://" + percentEncodePath(AbsolutePath);
}

} // namespace corolint::driver
