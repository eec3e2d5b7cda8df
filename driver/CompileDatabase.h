// Reads a JSON compilation database (compile_commands.json) as clang's
// tooling does, with three differences: a relative "directory" is taken from
// the database's own directory (as CMake and clangd do); the file is read as
// JSON, strictly (clang's reader takes YAML: unquoted values, duplicate
// keys, any nesting); and an error says where in the file it is.
#ifndef COROLINT_DRIVER_COMPILEDATABASE_H
#define COROLINT_DRIVER_COMPILEDATABASE_H

#include "clang/Tooling/CompilationDatabase.h"
#include <memory>
#include <string>

namespace corolint::driver {

/// The database in the file Path, with clang-tidy's treatment of its
/// commands (response files expanded, commands inferred for files it does
/// not list, target and driver mode from the compiler's name). Null on
/// error, with Error set to "FILE:LINE:COLUMN: what is wrong".
std::unique_ptr<clang::tooling::CompilationDatabase>
loadJsonDatabase(const std::string &Path, std::string &Error);

} // namespace corolint::driver

#endif
