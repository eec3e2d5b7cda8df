#include "UnboundedChannelCheck.h"

#include "BlockingCalls.h"
#include "CheckModels.h"
#include "TypeNames.h"
#include "clang/AST/Attr.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace corolint {
namespace {

constexpr llvm::StringLiteral UnboundedAnnotation = "corolint::unbounded_channel";
constexpr uint64_t DefaultCapacityThreshold = 1ULL << 20;

const ChannelModel AnnotatedFactory = {
    "use a bounded channel with a capacity; the sender then waits while it "
    "is full",
    0};

/// Matches the declarations a model names, and possibly others of the same
/// unqualified name: the exact name is compared when the match is checked
/// (a member of a class template has no qualified name a matcher can spell).
internal::Matcher<NamedDecl> named(const llvm::StringMap<ChannelModel> &Models) {
  std::vector<StringRef> Names;
  for (const auto &Entry : Models)
    Names.push_back(Entry.getKey().rsplit("::").second.empty()
                        ? Entry.getKey()
                        : Entry.getKey().rsplit("::").second);
  return hasAnyName(Names);
}

bool isAnnotatedUnbounded(const FunctionDecl *Function) {
  for (const FunctionDecl *Redecl : Function->redecls())
    for (const auto *Annotation : Redecl->specific_attrs<AnnotateAttr>())
      if (Annotation->getAnnotation() == UnboundedAnnotation)
        return true;
  if (const FunctionDecl *Pattern = Function->getTemplateInstantiationPattern())
    return Pattern != Function && isAnnotatedUnbounded(Pattern);
  return false;
}

const ChannelModel *find(const llvm::StringMap<ChannelModel> &Models,
                         const std::string &Name) {
  auto It = Models.find(Name);
  return It == Models.end() ? nullptr : &It->second;
}

} // namespace

UnboundedChannelCheck::UnboundedChannelCheck(StringRef Name,
                                             tidy::ClangTidyContext *Context)
    : ModelledCheck(Name, Context) {
  std::string Threshold =
      option("CapacityThreshold", std::to_string(DefaultCapacityThreshold));
  if (!loadModels(ModelOptions{}))
    return;
  if (StringRef(Threshold).trim().getAsInteger(10, CapacityThreshold) ||
      CapacityThreshold == 0)
    configurationError(("option '" + Name + ".CapacityThreshold': '" +
                        Threshold + "' is not a positive integer")
                           .str());
}

void UnboundedChannelCheck::registerMatchers(MatchFinder *Finder) {
  if (!active())
    return;
  auto UnboundedType = hasUnqualifiedDesugaredType(recordType(hasDeclaration(
      namedDecl(named(Models->UnboundedChannelTypes)))));
  Finder->addMatcher(
      varDecl(isDefinition(), unless(parmVarDecl()), hasType(UnboundedType))
          .bind("variable"),
      this);
  Finder->addMatcher(fieldDecl(hasType(UnboundedType)).bind("field"), this);
  Finder->addMatcher(
      cxxNewExpr(hasType(pointerType(pointee(UnboundedType)))).bind("new"), this);
  // One matcher for every call of interest: calls are the most frequent
  // nodes, and the callee's name tells the cases apart.
  std::vector<StringRef> Callees = {"make_shared", "make_unique",
                                    "allocate_shared"};
  for (const auto *Factories :
       {&Models->UnboundedChannelFactories, &Models->BoundedChannelFactories})
    for (const auto &Entry : *Factories)
      Callees.push_back(Entry.getKey().rsplit("::").second.empty()
                            ? Entry.getKey()
                            : Entry.getKey().rsplit("::").second);
  Finder->addMatcher(
      callExpr(callee(functionDecl(
                   anyOf(hasAnyName(Callees), hasAttr(attr::Annotate)))))
          .bind("call"),
      this);
  Finder->addMatcher(
      cxxConstructExpr(hasType(hasUnqualifiedDesugaredType(recordType(
                           hasDeclaration(namedDecl(named(Models->BoundedChannelTypes)))))))
          .bind("bounded"),
      this);
}

bool UnboundedChannelCheck::firstReport(SourceLocation Loc) {
  return Reported.insert(Loc).second;
}

void UnboundedChannelCheck::check(const MatchFinder::MatchResult &Result) {
  const SourceManager &SM = *Result.SourceManager;
  auto Report = [&](SourceLocation Loc, const std::string &What,
                    const std::string &Instead) {
    Loc = SM.getExpansionLoc(Loc);
    if (!firstReport(Loc))
      return;
    diag(Loc, "%0 has no bound: without backpressure, a producer that outpaces "
              "its consumer grows memory until the process dies; instead, %1")
        << What << Instead;
  };
  auto TypeModel = [&](QualType Type) {
    return find(Models->UnboundedChannelTypes, modelNameOfType(Type));
  };

  if (const auto *Variable = Result.Nodes.getNodeAs<VarDecl>("variable")) {
    if (const ChannelModel *Channel = TypeModel(Variable->getType()))
      Report(Variable->getLocation(),
             "'" + Variable->getNameAsString() + "' ('" +
                 modelNameOfType(Variable->getType()) + "')",
             Channel->Instead);
  } else if (const auto *Field = Result.Nodes.getNodeAs<FieldDecl>("field")) {
    if (const ChannelModel *Channel = TypeModel(Field->getType()))
      Report(Field->getLocation(),
             "member '" + Field->getNameAsString() + "' ('" +
                 modelNameOfType(Field->getType()) + "')",
             Channel->Instead);
  } else if (const auto *New = Result.Nodes.getNodeAs<CXXNewExpr>("new")) {
    QualType Type = New->getAllocatedType();
    if (const ChannelModel *Channel = TypeModel(Type))
      Report(New->getBeginLoc(), "'" + modelNameOfType(Type) + "'",
             Channel->Instead);
  } else if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call")) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      return;
    std::string Name = modelNameOfFunction(Callee);
    if (Name == "std::make_shared" || Name == "std::make_unique" ||
        Name == "std::allocate_shared") {
      const TemplateArgumentList *Args = Callee->getTemplateSpecializationArgs();
      if (!Args || Args->size() == 0 ||
          Args->get(0).getKind() != TemplateArgument::Type)
        return;
      QualType Created = Args->get(0).getAsType();
      if (const ChannelModel *Channel = TypeModel(Created))
        Report(Call->getBeginLoc(), "'" + modelNameOfType(Created) + "'",
               Channel->Instead);
      else if (const ChannelModel *Bounded =
                   find(Models->BoundedChannelTypes, modelNameOfType(Created)))
        reportCapacity(Call, modelNameOfType(Created), *Bounded, Result,
                       Name == "std::allocate_shared" ? 1 : 0);
      return;
    }
    if (const ChannelModel *Channel = find(Models->BoundedChannelFactories, Name)) {
      reportCapacity(Call, Name, *Channel, Result);
      return;
    }
    const ChannelModel *Channel = find(Models->UnboundedChannelFactories, Name);
    if (!Channel && isAnnotatedUnbounded(Callee))
      Channel = &AnnotatedFactory;
    if (Channel)
      Report(Call->getExprLoc(), "the channel that '" + Name + "' creates",
             Channel->Instead);
  } else if (const auto *Bounded =
                 Result.Nodes.getNodeAs<CXXConstructExpr>("bounded")) {
    std::string Name = modelNameOfType(Bounded->getType());
    if (const ChannelModel *Channel = find(Models->BoundedChannelTypes, Name))
      reportCapacity(Bounded, Name, *Channel, Result);
  }
}

void UnboundedChannelCheck::reportCapacity(
    const Expr *Creation, StringRef Name, const ChannelModel &Channel,
    const MatchFinder::MatchResult &Result, unsigned FirstConstructorArg) {
  const Expr *Capacity = nullptr;
  unsigned Index = FirstConstructorArg + Channel.CapacityArg;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Creation)) {
    if (Index < Construct->getNumArgs())
      Capacity = Construct->getArg(Index);
  } else if (const auto *Call = dyn_cast<CallExpr>(Creation)) {
    if (Index < Call->getNumArgs())
      Capacity = Call->getArg(Index);
  }
  if (!Capacity || isa<CXXDefaultArgExpr>(Capacity))
    return;
  Expr::EvalResult Value;
  if (Capacity->isValueDependent() ||
      !Capacity->EvaluateAsInt(Value, *Result.Context) ||
      Value.Val.getInt().isNegative() ||
      Value.Val.getInt().getActiveBits() > 64 ||
      Value.Val.getInt().getZExtValue() < CapacityThreshold)
    return;
  SourceLocation Loc = Result.SourceManager->getExpansionLoc(Capacity->getBeginLoc());
  if (!firstReport(Loc))
    return;
  diag(Loc, "capacity %0 makes '%1' unbounded in practice (at or above %2): "
            "it gives no backpressure, so a producer that outpaces its "
            "consumer grows memory until the process dies; instead, %3")
      << toString(Value.Val.getInt(), 10, /*Signed=*/false) << Name
      << std::to_string(CapacityThreshold) << Channel.Instead;
}

} // namespace corolint
