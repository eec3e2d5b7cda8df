// Paths and source lines are bytes (Linux allows any byte but '/' and NUL in
// a file name), while JSON and SARIF strings are Unicode: how the reports
// write bytes that are not valid UTF-8.
#ifndef COROLINT_DRIVER_UTF8_H
#define COROLINT_DRIVER_UTF8_H

#include "llvm/ADT/StringRef.h"
#include <nlohmann/json.hpp>
#include <string>

namespace corolint::driver {

/// The UTF-8 sequence at the start of Text (which is not empty). When it is
/// not valid, Length is that of its maximal subpart (at least one byte), which
/// a decoder replaces with one U+FFFD, as the Unicode Standard recommends.
struct Utf8Sequence {
  size_t Length;
  bool Valid;
};
Utf8Sequence nextUtf8Sequence(llvm::StringRef Text);

bool isValidUtf8(llvm::StringRef Text);

/// Text with each maximal subpart of an invalid sequence replaced by U+FFFD,
/// as Python's bytes.decode("utf-8", "replace") does.
std::string toValidUtf8(llvm::StringRef Text);

/// Makes every string value in Document valid UTF-8 with toValidUtf8.
void makeStringsValidUtf8(nlohmann::ordered_json &Document);

} // namespace corolint::driver

#endif
