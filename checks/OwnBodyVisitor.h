#ifndef COROLINT_CHECKS_OWNBODYVISITOR_H
#define COROLINT_CHECKS_OWNBODYVISITOR_H

#include "clang/AST/RecursiveASTVisitor.h"

namespace corolint {

/// Visits what a function body itself executes: not the bodies of the
/// lambdas, blocks and local classes it defines, nor unevaluated operands.
template <typename Derived>
class OwnBodyVisitor : public clang::RecursiveASTVisitor<Derived> {
  using Base = clang::RecursiveASTVisitor<Derived>;

public:
  bool TraverseLambdaExpr(clang::LambdaExpr *) { return true; }
  bool TraverseBlockExpr(clang::BlockExpr *) { return true; }
  bool TraverseDecl(clang::Decl *D) {
    if (!D || clang::isa<clang::TagDecl, clang::FunctionDecl>(D))
      return true;
    return Base::TraverseDecl(D);
  }
  bool TraverseUnaryExprOrTypeTraitExpr(clang::UnaryExprOrTypeTraitExpr *) {
    return true;
  }
  bool TraverseCXXTypeidExpr(clang::CXXTypeidExpr *E) {
    return E->isPotentiallyEvaluated() ? Base::TraverseCXXTypeidExpr(E) : true;
  }
  bool TraverseCXXNoexceptExpr(clang::CXXNoexceptExpr *) { return true; }
  bool TraverseRequiresExpr(clang::RequiresExpr *) { return true; }
  bool TraverseDecltypeTypeLoc(clang::DecltypeTypeLoc) { return true; }

private:
  OwnBodyVisitor() = default;
  friend Derived;
};

} // namespace corolint

#endif
