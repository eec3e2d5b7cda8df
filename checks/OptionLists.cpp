#include "OptionLists.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

namespace corolint {
namespace {

bool isIdentifier(llvm::StringRef Part) {
  if (Part.empty() || llvm::isDigit(Part.front()))
    return false;
  return llvm::all_of(Part, [](char C) { return llvm::isAlnum(C) || C == '_'; });
}

bool isQualifiedName(llvm::StringRef Name) {
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  Name.split(Parts, "::");
  return llvm::all_of(Parts, isIdentifier);
}

std::vector<llvm::StringRef> splitList(llvm::StringRef Value) {
  llvm::SmallVector<llvm::StringRef, 8> Items;
  Value.split(Items, ';', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  std::vector<llvm::StringRef> Result;
  for (llvm::StringRef Item : Items)
    if (!Item.trim().empty())
      Result.push_back(Item.trim());
  return Result;
}

} // namespace

llvm::Expected<std::vector<std::string>>
parseQualifiedNames(llvm::StringRef OptionName, llvm::StringRef Value) {
  std::vector<std::string> Names;
  for (llvm::StringRef Item : splitList(Value)) {
    llvm::StringRef Name = Item;
    Name.consume_front("::");
    if (!isQualifiedName(Name))
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          "option '%s': '%s' is not a qualified C++ name (expected a list "
          "like 'ns::Type;other::Type')",
          OptionName.str().c_str(), Item.str().c_str());
    Names.push_back(Name.str());
  }
  return Names;
}

std::vector<std::string> parsePathList(llvm::StringRef Value) {
  std::vector<std::string> Paths;
  for (llvm::StringRef Item : splitList(Value))
    Paths.push_back(Item.str());
  return Paths;
}

} // namespace corolint
