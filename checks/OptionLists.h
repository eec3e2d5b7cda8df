#ifndef COROLINT_CHECKS_OPTIONLISTS_H
#define COROLINT_CHECKS_OPTIONLISTS_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <string>
#include <vector>

namespace corolint {

/// Splits a ';'-separated option value into qualified C++ names
/// ("std::mutex", "::absl::Mutex"), leading "::" removed. Fails, naming the
/// option, on anything that is not such a name.
llvm::Expected<std::vector<std::string>>
parseQualifiedNames(llvm::StringRef OptionName, llvm::StringRef Value);

/// Splits a ';'-separated list of file paths.
std::vector<std::string> parsePathList(llvm::StringRef Value);

} // namespace corolint

#endif
