#ifndef COROLINT_CHECKS_TYPENAMES_H
#define COROLINT_CHECKS_TYPENAMES_H

#include "clang/AST/Decl.h"
#include "clang/AST/Type.h"
#include <string>

namespace corolint {

/// The name a model uses for a class: fully qualified, inline namespaces
/// and template arguments dropped ("std::unique_lock", "std::mutex").
/// Empty for types that are not classes.
std::string modelNameOfType(clang::QualType Type);

/// The same for a function or any other named declaration.
std::string modelNameOfDecl(const clang::NamedDecl *Decl);

/// The type with references and one level of pointer removed, canonical and
/// unqualified: what a lock operation's mutex argument refers to.
clang::QualType pointeeOrSelf(clang::QualType Type);

/// How to show a type in a message ("std::mutex", "pthread_mutex_t").
std::string displayName(clang::QualType Type,
                        const clang::PrintingPolicy &Policy);

} // namespace corolint

#endif
