#ifndef COROLINT_CHECKS_BLOCKINGSIGNATURES_H
#define COROLINT_CHECKS_BLOCKINGSIGNATURES_H

#include "Models.h"
#include "clang/AST/Decl.h"

namespace corolint {

/// The model of a function that blocks by its signature (a synchronous
/// method of a generated RPC stub), or null.
const BlockingFunction *blockingBySignature(const clang::FunctionDecl *Function,
                                            const ApiModels &Models);

} // namespace corolint

#endif
