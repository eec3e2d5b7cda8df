#include "BlockingSignatures.h"

#include "TypeNames.h"
#include "clang/AST/DeclTemplate.h"

using namespace clang;

namespace corolint {
namespace {

/// The class a function returns, and, when it returns a class template
/// specialization such as std::unique_ptr<grpc::ClientReader<R>>, the class
/// of its first template argument.
std::vector<std::string> returnedClasses(const FunctionDecl *Function) {
  std::vector<std::string> Names;
  QualType Returned = Function->getReturnType().getCanonicalType();
  std::string Name = modelNameOfType(Returned);
  if (Name.empty())
    return Names;
  Names.push_back(std::move(Name));
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      Returned->getAsCXXRecordDecl());
  if (Spec && Spec->getTemplateArgs().size() > 0 &&
      Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type)
    Names.push_back(modelNameOfType(Spec->getTemplateArgs()[0].getAsType()));
  return Names;
}

} // namespace

const BlockingFunction *blockingBySignature(const FunctionDecl *Function,
                                            const ApiModels &Models) {
  if (Models.BlockingSignatures.empty() || Function->getNumParams() == 0)
    return nullptr;
  QualType First = Function->getParamDecl(0)->getType().getCanonicalType();
  if (!First->isPointerType())
    return nullptr;
  std::string FirstClass = modelNameOfType(First->getPointeeType());
  if (FirstClass.empty())
    return nullptr;
  std::vector<std::string> Returned;
  for (const BlockingSignature &Signature : Models.BlockingSignatures) {
    if (Signature.FirstParameter != FirstClass)
      continue;
    if (Returned.empty())
      Returned = returnedClasses(Function);
    for (const std::string &Name : Returned)
      if (llvm::is_contained(Signature.Returns, Name))
        return &Signature.Blocking;
  }
  return nullptr;
}

} // namespace corolint
