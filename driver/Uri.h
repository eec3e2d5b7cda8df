// file:// URIs of paths, for SARIF artifact locations and the JSON report.
#ifndef COROLINT_DRIVER_URI_H
#define COROLINT_DRIVER_URI_H

#include "llvm/ADT/StringRef.h"
#include <string>

namespace corolint::driver {

/// Path as the path of a URI (RFC 3986): every byte but '/' and the
/// unreserved characters (letters, digits, "-._~") percent-encoded, so that
/// any path, whatever its bytes, can be decoded back exactly (as Python's
/// urllib.parse.quote_from_bytes and pathlib's as_uri() do).
std::string percentEncodePath(llvm::StringRef Path);

/// The file:// URI of an absolute path.
std::string fileUri(llvm::StringRef AbsolutePath);

} // namespace corolint::driver

#endif
