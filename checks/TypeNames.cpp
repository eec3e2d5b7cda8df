#include "TypeNames.h"

#include "clang/AST/DeclTemplate.h"

using namespace clang;

namespace corolint {

std::string modelNameOfDecl(const NamedDecl *Decl) {
  if (!Decl)
    return {};
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(Decl))
    Decl = Spec->getSpecializedTemplate();
  return Decl->getQualifiedNameAsString();
}

std::string modelNameOfType(QualType Type) {
  if (Type.isNull())
    return {};
  Type = Type.getNonReferenceType().getCanonicalType();
  if (const auto *Record = Type->getAsRecordDecl()) {
    if (Record->getIdentifier())
      return modelNameOfDecl(Record);
    if (const auto *Typedef = Record->getTypedefNameForAnonDecl())
      return modelNameOfDecl(Typedef);
  }
  return {};
}

QualType pointeeOrSelf(QualType Type) {
  Type = Type.getNonReferenceType();
  if (Type->isPointerType())
    Type = Type->getPointeeType();
  return Type.getCanonicalType().getUnqualifiedType();
}

std::string displayName(QualType Type, const PrintingPolicy &Policy) {
  PrintingPolicy Printing = Policy;
  Printing.SuppressTagKeyword = true;
  Printing.SuppressScope = false;
  return Type.getCanonicalType().getUnqualifiedType().getAsString(Printing);
}

} // namespace corolint
