#ifndef COROLINT_CHECKS_CALLNAMES_H
#define COROLINT_CHECKS_CALLNAMES_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include <string>
#include <vector>

namespace corolint {

/// The function a call expression calls, constructors included.
const clang::FunctionDecl *calledFunction(const clang::Expr *Call);

/// The name a model uses for a function: "ns::f", or "ns::Class::method"
/// with the class's template arguments dropped.
std::string modelNameOfFunction(const clang::FunctionDecl *Function);

/// The names a call may be modelled under, most specific first: a method
/// through the class of the object it is called on and through the class
/// declaring it; a call of a customisation point object through the object.
std::vector<std::string> modelNamesOfCall(const clang::Expr *Call,
                                          const clang::FunctionDecl *Callee);

} // namespace corolint

#endif
