#ifndef COROLINT_CHECKS_EMBEDDEDFILE_H
#define COROLINT_CHECKS_EMBEDDEDFILE_H

namespace corolint {

/// A file compiled into the binary by cmake/EmbedFiles.cmake.
struct EmbeddedFile {
  const char *Name;
  const char *Text;
};

} // namespace corolint

#endif
