#include "ReadyResults.h"

#include "CallNames.h"
#include "GuardHandOff.h"
#include "ReadyOrigins.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/Analyses/Dominators.h"
#include "clang/Analysis/CFG.h"

using namespace clang;

namespace corolint {

struct ReadyResults::FunctionGraph {
  std::unique_ptr<CFG> Graph;
  CFGDomTree Dominators;
  /// Where each statement of the graph is: its block and its index there.
  llvm::DenseMap<const Stmt *, std::pair<const CFGBlock *, int>> Positions;
};

namespace {

/// The object an expression names: a variable, or a member of `this`.
const ValueDecl *objectOf(const Expr *E) {
  E = withoutMoves(E);
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E))
    return dyn_cast<VarDecl>(Ref->getDecl());
  if (const auto *Member = dyn_cast_or_null<MemberExpr>(E);
      Member && isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
    return dyn_cast<FieldDecl>(Member->getMemberDecl());
  return nullptr;
}

/// `co_await r` or `co_await when_all(a, r)`.
bool awaits(const Stmt *S, const ValueDecl *Object, const ReadyWhen &When) {
  const auto *Await = dyn_cast<CoroutineSuspendExpr>(S);
  if (!Await || !Await->getOperand())
    return false;
  const Expr *Operand = skipWrappers(Await->getOperand());
  if (objectOf(Operand) == Object)
    return true;
  const auto *Call = dyn_cast<CallExpr>(Operand);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee ||
      !llvm::is_contained(When.AwaitedThrough, modelNameOfFunction(Callee)))
    return false;
  return llvm::any_of(Call->arguments(), [&](const Expr *Arg) {
    return objectOf(Arg) == Object;
  });
}

/// For a branch condition that tests the object's status
/// (`r.status() == ready`, `!(f.wait_for(0s) != std::future_status::ready)`),
/// whether the object is ready on the true branch.
std::optional<bool> readyOnTrueBranch(const Expr *Condition,
                                      const ValueDecl *Object,
                                      const ReadyWhen &When) {
  bool Negated = false;
  Condition = Condition->IgnoreParenImpCasts();
  while (const auto *Not = dyn_cast<UnaryOperator>(Condition)) {
    if (Not->getOpcode() != UO_LNot)
      return std::nullopt;
    Negated = !Negated;
    Condition = Not->getSubExpr()->IgnoreParenImpCasts();
  }
  const auto *Compare = dyn_cast<BinaryOperator>(Condition);
  if (!Compare || !Compare->isEqualityOp())
    return std::nullopt;
  auto StatusIn = [&](const Expr *E, const std::vector<std::string> &Statuses) {
    const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
    const auto *Status = Ref ? dyn_cast<EnumConstantDecl>(Ref->getDecl()) : nullptr;
    return Status &&
           llvm::is_contained(Statuses, Status->getQualifiedNameAsString());
  };
  auto QueriesObject = [&](const Expr *E) {
    const auto *Query = dyn_cast<CXXMemberCallExpr>(E->IgnoreParenImpCasts());
    return Query && objectOf(Query->getImplicitObjectArgument()) == Object;
  };
  const Expr *L = Compare->getLHS(), *R = Compare->getRHS();
  auto Compared = [&](const std::vector<std::string> &Statuses) {
    return (StatusIn(L, Statuses) && QueriesObject(R)) ||
           (StatusIn(R, Statuses) && QueriesObject(L));
  };
  bool Equal = (Compare->getOpcode() == BO_EQ) != Negated;
  if (Compared(When.ReadyStatuses))
    return Equal;
  if (Compared(When.PendingStatuses))
    return !Equal;
  return std::nullopt;
}

/// `r.wait()`, for a member that leaves the object ready.
bool waitsOn(const Stmt *S, const ValueDecl *Object, const ReadyWhen &When) {
  const auto *Call = dyn_cast<CXXMemberCallExpr>(S);
  return Call && objectOf(Call->getImplicitObjectArgument()) == Object &&
         llvm::is_contained(When.ReadyAfter,
                            modelNameOfFunction(Call->getMethodDecl()));
}

} // namespace

ReadyResults::ReadyResults(ASTContext &Context) : Context(Context) {}
ReadyResults::~ReadyResults() = default;

// The innermost function (or lambda) whose body holds S.
const FunctionDecl *ReadyResults::functionAround(const Stmt *S) const {
  const FunctionDecl *Function = nullptr;
  DynTypedNodeList Parents = Context.getParents(*S);
  while (!Function && !Parents.empty()) {
    const DynTypedNode &Parent = Parents[0];
    if (const auto *Lambda = Parent.get<LambdaExpr>())
      Function = Lambda->getCallOperator();
    else
      Function = Parent.get<FunctionDecl>();
    Parents = Context.getParents(Parent);
  }
  return Function;
}

const ReadyResults::FunctionGraph *
ReadyResults::graphAround(const Stmt *S) const {
  const FunctionDecl *Function = functionAround(S);
  if (!Function || !Function->getBody())
    return nullptr;
  auto [It, Inserted] = Graphs.try_emplace(Function);
  if (!Inserted)
    return It->second.get();
  Stmt *Body = Function->getBody();
  if (auto *Coroutine = dyn_cast<CoroutineBodyStmt>(Body))
    Body = Coroutine->getBody();
  CFG::BuildOptions Options;
  Options.setAllAlwaysAdd();
  auto Graph = std::make_unique<FunctionGraph>();
  Graph->Graph = CFG::buildCFG(Function, Body, &Context, Options);
  if (!Graph->Graph)
    return nullptr;
  Graph->Dominators.buildDominatorTree(Graph->Graph.get());
  for (const CFGBlock *Block : *Graph->Graph) {
    int Index = 0;
    for (const CFGElement &Element : *Block) {
      if (auto Statement = Element.getAs<CFGStmt>())
        Graph->Positions.try_emplace(Statement->getStmt(), Block, Index);
      ++Index;
    }
  }
  It->second = std::move(Graph);
  return It->second.get();
}

std::optional<unsigned> ReadyResults::parameterNamed(const Expr *At,
                                                    const Expr *Object) const {
  const auto *Param = dyn_cast_or_null<ParmVarDecl>(objectOf(Object));
  if (!Param || Param->getDeclContext() != functionAround(At))
    return std::nullopt;
  return Param->getFunctionScopeIndex();
}

std::optional<ReadyResults::Place> ReadyResults::placeOf(const Expr *At) const {
  const FunctionGraph *Graph = graphAround(At);
  if (!Graph)
    return std::nullopt;
  auto Position = Graph->Positions.find(At);
  if (Position == Graph->Positions.end())
    return std::nullopt;
  return Place{Graph, Position->second.first, Position->second.second};
}

// Index -1 stands for the entry of Block.
bool ReadyResults::Place::isPrecededBy(const CFGBlock *Other, int Index) const {
  return Other == Block ? Index < this->Index
                        : Graph->Dominators.dominates(Other, Block);
}

bool ReadyResults::isReadyAt(const Expr *At, const Expr *Object,
                             const ReadyWhen &When) const {
  if (isReadyByOrigin(Object, When, Context))
    return true;
  const ValueDecl *Named = objectOf(Object);
  if (!Named)
    return false;
  if (precededOnEveryPath(At, [&](const Stmt *S) {
        return awaits(S, Named, When) || waitsOn(S, Named, When);
      }))
    return true;
  std::optional<Place> Here = placeOf(At);
  if (!Here)
    return false;
  // The branch of a status test where the object is ready, entered from
  // that test alone.
  for (const CFGBlock *Block : *Here->Graph->Graph) {
    const auto *Condition =
        dyn_cast_or_null<Expr>(Block->getTerminatorCondition());
    std::optional<bool> OnTrue =
        Condition ? readyOnTrueBranch(Condition, Named, When) : std::nullopt;
    if (!OnTrue || Block->succ_size() != 2)
      continue;
    const CFGBlock *Ready = *(Block->succ_begin() + (*OnTrue ? 0 : 1));
    if (Ready && Ready->pred_size() == 1 && Here->isPrecededBy(Ready, -1))
      return true;
  }
  return false;
}

bool ReadyResults::precededOnEveryPath(
    const Expr *At, llvm::function_ref<bool(const Stmt *)> Matches) const {
  std::optional<Place> Here = placeOf(At);
  if (!Here)
    return false;
  for (const CFGBlock *Block : *Here->Graph->Graph) {
    if (!Here->isPrecededBy(Block, -1))
      continue;
    int Index = 0;
    for (const CFGElement &Element : *Block) {
      if (!Here->isPrecededBy(Block, Index))
        break;
      if (auto Statement = Element.getAs<CFGStmt>();
          Statement && Matches(Statement->getStmt()))
        return true;
      ++Index;
    }
  }
  return false;
}

} // namespace corolint
