#include "ReadyOrigins.h"

#include "CallNames.h"
#include "GuardHandOff.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include <cstdint>
#include <optional>

using namespace clang;

namespace corolint {
namespace {

/// How far variables bound to other variables are followed.
constexpr unsigned MaxDepth = 4;

enum class Origin : std::uint8_t { Unknown, AllReady, FirstReady };

/// What awaiting Operand gives back.
Origin awaitedOrigin(const Expr *Operand, const ReadyWhen &When, unsigned Depth) {
  Operand = withoutMoves(Operand);
  // `auto all = when_all(...); co_await all;`
  if (const VarDecl *Var = referencedVar(Operand))
    return Var->getInit() && Depth < MaxDepth
               ? awaitedOrigin(Var->getInit(), When, Depth + 1)
               : Origin::Unknown;
  const auto *Call = dyn_cast_or_null<CallExpr>(Operand);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee)
    return Origin::Unknown;
  std::string Name = modelNameOfFunction(Callee);
  if (llvm::is_contained(When.AwaitedThrough, Name) ||
      llvm::is_contained(When.ResolvedBy, Name))
    return Origin::AllReady;
  if (llvm::is_contained(When.FirstReadyThrough, Name))
    return Origin::FirstReady;
  return Origin::Unknown;
}

/// What a variable was initialised with, when it is what an await gave back.
Origin originOf(const VarDecl *Var, const ReadyWhen &When) {
  if (!Var || isa<ParmVarDecl>(Var) || !Var->getInit())
    return Origin::Unknown;
  const auto *Await = dyn_cast_or_null<CoawaitExpr>(withoutMoves(Var->getInit()));
  return Await && Await->getOperand()
             ? awaitedOrigin(Await->getOperand(), When, 0)
             : Origin::Unknown;
}

/// `v.member`, on a variable.
const VarDecl *memberOfVar(const Expr *E, llvm::StringRef Member) {
  const auto *Access = dyn_cast_or_null<MemberExpr>(skipWrappers(E));
  if (!Access || Access->isArrow() ||
      Access->getMemberDecl()->getName() != Member)
    return nullptr;
  return referencedVar(Access->getBase());
}

/// `std::get<N>(x)`: N.
std::optional<uint64_t> stdGetIndex(const CallExpr *Call) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || !Callee->isInStdNamespace() || !Callee->getIdentifier() ||
      Callee->getName() != "get" || Call->getNumArgs() != 1)
    return std::nullopt;
  const TemplateArgumentList *Arguments = Callee->getTemplateSpecializationArgs();
  if (!Arguments || Arguments->size() == 0 ||
      Arguments->get(0).getKind() != TemplateArgument::Integral)
    return std::nullopt;
  return Arguments->get(0).getAsIntegral().getZExtValue();
}

/// Whether control can only enter S from its own label: what comes before
/// it in the switch ends in a jump.
bool endsInJump(const Stmt *S) {
  for (;;) {
    if (const auto *Block = dyn_cast_or_null<CompoundStmt>(S))
      S = Block->body_empty() ? nullptr : Block->body_back();
    else if (const auto *Label = dyn_cast_or_null<SwitchCase>(S))
      S = Label->getSubStmt();
    else
      break;
  }
  return isa_and_nonnull<BreakStmt, ReturnStmt, CoreturnStmt, ContinueStmt,
                         GotoStmt, CXXThrowExpr>(S);
}

/// Whether E is reached in a `switch (any.index)` only under `case N:`.
bool underCase(const Expr *E, const VarDecl *Aggregate, uint64_t N,
               const ReadyWhen &When, ASTContext &Context) {
  DynTypedNode Node = DynTypedNode::create(*E);
  for (unsigned Up = 0; Up < 64; ++Up) {
    DynTypedNodeList Parents = Context.getParents(Node);
    if (Parents.empty())
      return false;
    const auto *Body = Parents[0].get<CompoundStmt>();
    const SwitchStmt *Switch = nullptr;
    if (Body) {
      DynTypedNodeList Above = Context.getParents(Parents[0]);
      Switch = Above.empty() ? nullptr : Above[0].get<SwitchStmt>();
    }
    if (Switch && memberOfVar(Switch->getCond(), When.IndexMember) == Aggregate) {
      const Stmt *Child = Node.get<Stmt>();
      // The labels control can come from to reach Child: those of its run of
      // statements, and of the runs that fall through into it.
      std::vector<const SwitchCase *> Labels;
      const Stmt *Previous = nullptr;
      bool Entered = false;
      for (const Stmt *Statement : Body->body()) {
        if (isa<SwitchCase>(Statement)) {
          if (!Previous || endsInJump(Previous))
            Labels.clear();
          for (const Stmt *S = Statement;
               const auto *Label = dyn_cast_or_null<SwitchCase>(S);
               S = Label->getSubStmt())
            Labels.push_back(Label);
        }
        if (Statement == Child) {
          Entered = true;
          break;
        }
        Previous = Statement;
      }
      if (!Entered || Labels.size() != 1)
        return false;
      const auto *Case = dyn_cast<CaseStmt>(Labels.front());
      Expr::EvalResult Value;
      return Case && Case->getLHS()->EvaluateAsInt(Value, Context) &&
             Value.Val.getInt().getExtValue() == static_cast<int64_t>(N);
    }
    if (Parents[0].get<FunctionDecl>() || Parents[0].get<LambdaExpr>())
      return false;
    Node = Parents[0];
  }
  return false;
}

bool readyPart(const Expr *E, const ReadyWhen &When, ASTContext &Context,
               unsigned Depth) {
  const Expr *Inner = withoutMoves(E);
  if (!Inner || Depth > MaxDepth)
    return false;
  if (const VarDecl *Var = referencedVar(Inner)) {
    Origin From = originOf(Var, When);
    if (From != Origin::Unknown)
      return From == Origin::AllReady;
    // `auto &done = any.results[any.index];`
    return !isa<ParmVarDecl>(Var) && Var->getInit() &&
           readyPart(Var->getInit(), When, Context, Depth + 1);
  }
  const Expr *Whole = nullptr;
  const Expr *Selector = nullptr;
  std::optional<uint64_t> Index;
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(Inner);
      Operator && Operator->getOperator() == OO_Subscript &&
      Operator->getNumArgs() == 2) {
    Whole = Operator->getArg(0);
    Selector = Operator->getArg(1);
  } else if (const auto *Call = dyn_cast<CallExpr>(Inner)) {
    Index = stdGetIndex(Call);
    if (Index)
      Whole = Call->getArg(0);
  } else if (const auto *Access = dyn_cast<MemberExpr>(Inner);
             Access && !Access->isArrow()) {
    Whole = Access->getBase();
  }
  if (!Whole)
    return false;
  if (readyPart(Whole, When, Context, Depth + 1))
    return true;
  // The winner among the results of a first-ready await.
  const VarDecl *Aggregate = memberOfVar(withoutMoves(Whole), When.ResultsMember);
  if (!Aggregate || originOf(Aggregate, When) != Origin::FirstReady)
    return false;
  if (Selector)
    return memberOfVar(Selector, When.IndexMember) == Aggregate;
  return Index && underCase(Inner, Aggregate, *Index, When, Context);
}

} // namespace

const Expr *withoutMoves(const Expr *E) {
  E = skipWrappers(E);
  while (const auto *Call = dyn_cast_or_null<CallExpr>(E)) {
    if (!isStdMove(Call, /*Forward=*/true))
      break;
    E = skipWrappers(Call->getArg(0));
  }
  // A copy or a move of the object into a new one.
  if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(E);
      Construct && Construct->getNumArgs() == 1 &&
      Construct->getConstructor()->isCopyOrMoveConstructor())
    return withoutMoves(Construct->getArg(0));
  return E;
}

bool isReadyByOrigin(const Expr *E, const ReadyWhen &When, ASTContext &Context) {
  return readyPart(E, When, Context, 0);
}

} // namespace corolint
