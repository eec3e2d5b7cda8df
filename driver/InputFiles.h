// Reading the files the driver itself reads (the compilation database,
// --config-file, the baseline, the sources it shows) without ever blocking on
// a named pipe that nothing writes to, or reading a device without end.
#ifndef COROLINT_DRIVER_INPUTFILES_H
#define COROLINT_DRIVER_INPUTFILES_H

#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>

namespace corolint::driver {

enum class Pipes : bool { Refused, Read };

/// Reads the file at Path into Contents. A regular file is always read; a
/// pipe (such as the /dev/fd/N of a shell's process substitution) only with
/// Pipes::Read, and only if something writes to it. Returns why the file
/// cannot be read, in words that follow "cannot read FILE: ".
std::optional<std::string> readInputFile(llvm::StringRef Path, std::string &Contents,
                                         Pipes Allow);

/// Why the source file at Path cannot be linted: it cannot be opened, or is
/// not a regular file. Nothing is read.
std::optional<std::string> whyNotLintable(llvm::StringRef Path);

} // namespace corolint::driver

#endif
