#include "MutexIdentity.h"

#include "TypeNames.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Lex/Lexer.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;

namespace corolint {
namespace {

std::string printed(const Expr *E, ASTContext &Context) {
  PrintingPolicy Policy = Context.getPrintingPolicy();
  Policy.SuppressImplicitBase = true;
  std::string Text;
  llvm::raw_string_ostream Out(Text);
  E->printPretty(Out, nullptr, Policy);
  return Out.str();
}

std::string declKey(const ValueDecl *Decl) {
  std::string Key;
  llvm::raw_string_ostream Out(Key);
  Out << Decl->getName() << '@' << static_cast<const void *>(Decl->getCanonicalDecl());
  return Out.str();
}

const Expr *stripAddressing(const Expr *E) {
  for (;;) {
    E = E->IgnoreParenImpCasts();
    const auto *Unary = dyn_cast<UnaryOperator>(E);
    if (!Unary || (Unary->getOpcode() != UO_AddrOf &&
                   Unary->getOpcode() != UO_Deref))
      return E;
    E = Unary->getSubExpr();
  }
}

std::string keyOf(const Expr *E, ASTContext &Context) {
  E = stripAddressing(E);
  if (isa<CXXThisExpr>(E))
    return "this";
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return declKey(Ref->getDecl());
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    return keyOf(Member->getBase(), Context) + "." +
           declKey(Member->getMemberDecl());
  if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E))
    return keyOf(Subscript->getBase(), Context) + "[" +
           keyOf(Subscript->getIdx(), Context) + "]";
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    std::string Key = "call ";
    if (const auto *Callee = Call->getDirectCallee())
      Key += declKey(Callee);
    else
      Key += printed(Call->getCallee(), Context);
    for (const Expr *Arg : Call->arguments())
      Key += "," + keyOf(Arg, Context);
    return Key + ")";
  }
  return printed(E, Context);
}

std::string sourceText(const Expr *E, ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  CharSourceRange Range = Lexer::makeFileCharRange(
      CharSourceRange::getTokenRange(E->getSourceRange()), SM,
      Context.getLangOpts());
  if (Range.isValid()) {
    StringRef Text = Lexer::getSourceText(Range, SM, Context.getLangOpts());
    if (!Text.empty())
      return Text.str();
  }
  return printed(E, Context);
}

} // namespace

std::string variableKey(const ValueDecl *Variable) { return declKey(Variable); }

MutexRef mutexRef(const Expr *MutexExpr, ASTContext &Context) {
  const Expr *Named = MutexExpr->IgnoreParenImpCasts();
  if (const auto *Unary = dyn_cast<UnaryOperator>(Named))
    if (Unary->getOpcode() == UO_AddrOf)
      Named = Unary->getSubExpr()->IgnoreParenImpCasts();
  MutexRef Ref;
  Ref.Key = keyOf(MutexExpr, Context);
  Ref.Description =
      "'" + sourceText(Named, Context) + "' (" +
      displayName(pointeeOrSelf(MutexExpr->getType()), Context.getPrintingPolicy()) +
      ")";
  return Ref;
}

} // namespace corolint
