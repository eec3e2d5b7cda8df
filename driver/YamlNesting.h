// LLVM's YAML reading (yaml::Input, and skipping a node) recurses once per
// level of nesting, so a hostile file ("[[[[..." a million times) overflows
// the stack. The driver walks a document without recursion first, and
// refuses one nested deeper than any configuration or database needs.
#ifndef COROLINT_DRIVER_YAMLNESTING_H
#define COROLINT_DRIVER_YAMLNESTING_H

#include "llvm/Support/MemoryBufferRef.h"
#include "llvm/Support/SMLoc.h"
#include "llvm/Support/SourceMgr.h"
#include <optional>

namespace corolint::driver {

/// The deepest nesting of arrays and objects a file may have.
inline constexpr unsigned MaxYamlNesting = 64;

/// Reads every document of Buffer without recursion. Returns where the
/// nesting first goes deeper than MaxYamlNesting, if it does. A syntax error
/// ends the reading: it is reported through SM (whose handler the caller
/// sets), and SyntaxError is set.
std::optional<llvm::SMLoc> tooDeeplyNested(llvm::MemoryBufferRef Buffer,
                                           llvm::SourceMgr &SM, bool &SyntaxError);

} // namespace corolint::driver

#endif
