#include "LockState.h"

#include "CallNames.h"
#include "GuardHandOff.h"
#include "MutexIdentity.h"
#include "TypeNames.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Analysis/CFG.h"
#include <deque>
#include <map>
#include <optional>
#include <set>

using namespace clang;

namespace corolint {
namespace {

enum class LockTag : std::uint8_t { None, Defer, Adopt, Try };

/// Who is responsible for unlocking: a guard variable, or the code itself
/// for a mutex locked by hand (keyed by the mutex).
struct Owner {
  const VarDecl *Guard = nullptr;
  std::string MutexKey;
  bool operator<(const Owner &Other) const {
    return std::tie(Guard, MutexKey) < std::tie(Other.Guard, Other.MutexKey);
  }
};

struct Acquisition {
  const Stmt *Site;
  std::vector<MutexRef> Mutexes;
};

struct GuardInfo {
  std::vector<MutexRef> Mutexes;
  const LockMethods *Methods;
};

/// The locks that may be held at a program point: (owner, acquisition).
using LockSet = std::set<std::pair<unsigned, unsigned>>;

class LockFlow {
public:
  LockFlow(const Stmt *Body, const ApiModels &Models,
           const SuspensionClassifier &Classifier, ASTContext &Context)
      : Body(Body), Models(Models), Classifier(Classifier), Context(Context) {}

  std::vector<LockHeldAcrossSuspension> run(const FunctionDecl *Fn);

private:
  void transfer(const CFGBlock &Block, LockSet &State);
  void visitStmt(const Stmt *S, LockSet &State);
  void visitDecl(const VarDecl *Var, LockSet &State);
  void visitMemberCall(const CXXMemberCallExpr *Call, LockSet &State);
  void visitGuardAssignment(const CXXOperatorCallExpr *Assign, LockSet &State);
  void visitCall(const CallExpr *Call, LockSet &State);
  void releaseGuard(const CXXMemberCallExpr *Release, const GuardInfo &Guard,
                    unsigned Owner, LockSet &State);
  MutexRef namedMutex(const Expr *MutexExpr);
  void visitMove(const CallExpr *Move, const VarDecl *From, LockSet &State);
  void visitGuardArguments(const Expr *Call, LockSet &State);
  bool isGuardConstruct(const Stmt *S) const;
  void constructGuard(const VarDecl *Guard, const CXXConstructExpr *Construct,
                      LockSet &State);

  const LockMethods *guardMethods(QualType Type) const;
  const LockMethods *blockingMutexMethods(QualType Type) const;
  LockTag lockTag(QualType Type) const;
  const GuardInfo *guardInfo(const VarDecl *Var) const;

  unsigned ownerId(const Owner &O);
  unsigned guardOwner(const VarDecl *Var) { return ownerId({Var, {}}); }
  unsigned manualOwner(const std::string &Key) { return ownerId({nullptr, Key}); }
  void acquire(unsigned Owner, const Stmt *Site,
               const std::vector<MutexRef> &Mutexes, LockSet &State);
  void releaseOwner(unsigned Owner, LockSet &State);
  void releaseMutex(const std::string &Key, LockSet &State);
  bool transferOwner(unsigned From, unsigned To, LockSet &State);
  const ParentMap &parents();

  const Stmt *Body;
  const ApiModels &Models;
  const SuspensionClassifier &Classifier;
  ASTContext &Context;
  std::unique_ptr<ParentMap> Parents;

  std::map<Owner, unsigned> Owners;
  std::map<const Stmt *, unsigned> AcquisitionIds;
  std::vector<Acquisition> Acquisitions;
  std::map<const VarDecl *, GuardInfo> Guards;
  /// Pointers that name a mutex a guard released: their key -> the mutex's.
  std::map<std::string, std::string> Aliases;
  /// Filled only on the final pass, once the states are stable.
  std::map<unsigned, std::set<const Expr *>> *HeldAt = nullptr;
};

unsigned LockFlow::ownerId(const Owner &O) {
  return Owners.emplace(O, Owners.size()).first->second;
}

void LockFlow::acquire(unsigned OwnerId, const Stmt *Site,
                       const std::vector<MutexRef> &Mutexes, LockSet &State) {
  auto [It, Inserted] = AcquisitionIds.emplace(Site, Acquisitions.size());
  if (Inserted)
    Acquisitions.push_back({Site, Mutexes});
  State.insert({OwnerId, It->second});
}

void LockFlow::releaseOwner(unsigned OwnerId, LockSet &State) {
  for (auto It = State.begin(); It != State.end();)
    It = It->first == OwnerId ? State.erase(It) : std::next(It);
}

void LockFlow::releaseMutex(const std::string &Key, LockSet &State) {
  for (auto It = State.begin(); It != State.end();) {
    const auto &Mutexes = Acquisitions[It->second].Mutexes;
    bool Names = llvm::any_of(Mutexes, [&](const MutexRef &M) { return M.Key == Key; });
    It = Names ? State.erase(It) : std::next(It);
  }
}

bool LockFlow::transferOwner(unsigned From, unsigned To, LockSet &State) {
  bool Moved = false;
  for (auto It = State.begin(); It != State.end();) {
    if (It->first != From) {
      ++It;
      continue;
    }
    State.insert({To, It->second});
    It = State.erase(It);
    Moved = true;
  }
  return Moved;
}

const ParentMap &LockFlow::parents() {
  if (!Parents)
    Parents = std::make_unique<ParentMap>(const_cast<Stmt *>(Body));
  return *Parents;
}

const LockMethods *LockFlow::guardMethods(QualType Type) const {
  auto It = Models.LockGuards.find(modelNameOfType(Type));
  return It == Models.LockGuards.end() ? nullptr : &It->second;
}

const LockMethods *LockFlow::blockingMutexMethods(QualType Type) const {
  std::string Name = modelNameOfType(Type);
  if (Name.empty() || Models.AsyncMutexes.contains(Name))
    return nullptr;
  auto It = Models.BlockingMutexes.find(Name);
  if (It == Models.BlockingMutexes.end())
    return nullptr;
  bool OwnMethods = !It->second.Lock.empty() || !It->second.Unlock.empty();
  return OwnMethods ? &It->second : &Models.DefaultMutexMethods;
}

LockTag LockFlow::lockTag(QualType Type) const {
  std::string Name = modelNameOfType(Type);
  if (Models.DeferLockTags.contains(Name))
    return LockTag::Defer;
  if (Models.AdoptLockTags.contains(Name))
    return LockTag::Adopt;
  if (Models.TryLockTags.contains(Name))
    return LockTag::Try;
  return LockTag::None;
}

const GuardInfo *LockFlow::guardInfo(const VarDecl *Var) const {
  auto It = Var ? Guards.find(Var) : Guards.end();
  return It == Guards.end() ? nullptr : &It->second;
}

void LockFlow::constructGuard(const VarDecl *Guard,
                              const CXXConstructExpr *Construct,
                              LockSet &State) {
  const LockMethods *Methods = guardMethods(Construct->getType());
  if (!Methods)
    return;
  std::vector<MutexRef> Mutexes;
  LockTag Tag = LockTag::None;
  for (const Expr *Arg : Construct->arguments()) {
    QualType ArgType = pointeeOrSelf(Arg->getType());
    if (blockingMutexMethods(ArgType))
      Mutexes.push_back(mutexRef(Arg, Context));
    else if (LockTag ArgTag = lockTag(ArgType); ArgTag != LockTag::None)
      Tag = ArgTag;
  }
  if (Mutexes.empty())
    return;
  Guards[Guard] = {Mutexes, Methods};
  unsigned Owner = guardOwner(Guard);
  releaseOwner(Owner, State);
  if (Tag == LockTag::Defer)
    return;
  if (Tag == LockTag::Adopt) {
    bool Adopted = false;
    for (const MutexRef &Mutex : Mutexes)
      Adopted |= transferOwner(manualOwner(Mutex.Key), Owner, State);
    if (Adopted)
      return;
  }
  acquire(Owner, Construct, Mutexes, State);
}

void LockFlow::visitDecl(const VarDecl *Var, LockSet &State) {
  const auto *Construct =
      dyn_cast_or_null<CXXConstructExpr>(skipWrappers(Var->getInit()));
  if (!Construct)
    return;
  if (guardMethods(Var->getType()))
    constructGuard(Var, Construct, State);
  else
    visitGuardArguments(Construct, State);
}

void LockFlow::visitMemberCall(const CXXMemberCallExpr *Call, LockSet &State) {
  const CXXMethodDecl *Method = Call->getMethodDecl();
  const Expr *Object = Call->getImplicitObjectArgument();
  if (!Method || !Method->getIdentifier() || !Object)
    return;
  StringRef Name = Method->getName();
  if (const VarDecl *Var = referencedVar(Object)) {
    if (const GuardInfo *Guard = guardInfo(Var)) {
      unsigned Owner = guardOwner(Var);
      if (Guard->Methods->Lock.contains(Name))
        acquire(Owner, Call, Guard->Mutexes, State);
      else if (Guard->Methods->Unlock.contains(Name))
        releaseOwner(Owner, State);
      else if (Guard->Methods->Release.contains(Name))
        releaseGuard(Call, *Guard, Owner, State);
      return;
    }
  }
  // A mutex is judged and named by its own class, even when the method is
  // inherited from a base (QMutex::lock is QBasicMutex's).
  const Expr *MutexObject = Object->IgnoreParenImpCasts();
  const LockMethods *Methods =
      blockingMutexMethods(pointeeOrSelf(MutexObject->getType()));
  if (!Methods)
    return;
  MutexRef Mutex = namedMutex(MutexObject);
  if (Methods->Lock.contains(Name))
    acquire(manualOwner(Mutex.Key), Call, {Mutex}, State);
  else if (Methods->Unlock.contains(Name))
    releaseMutex(Mutex.Key, State);
}

MutexRef LockFlow::namedMutex(const Expr *MutexExpr) {
  MutexRef Mutex = mutexRef(MutexExpr, Context);
  if (auto It = Aliases.find(Mutex.Key); It != Aliases.end())
    Mutex.Key = It->second;
  return Mutex;
}

void LockFlow::releaseGuard(const CXXMemberCallExpr *Release,
                            const GuardInfo &Guard, unsigned Owner,
                            LockSet &State) {
  const std::string &MutexKey = Guard.Mutexes.front().Key;
  transferOwner(Owner, manualOwner(MutexKey), State);
  // `auto *M = lock.release();` names the mutex M from here on.
  const Stmt *Child = Release;
  const Stmt *Parent = parents().getParent(Child);
  while (Parent && isa<ImplicitCastExpr, ParenExpr>(Parent)) {
    Child = Parent;
    Parent = parents().getParent(Parent);
  }
  if (const auto *Decl = dyn_cast_or_null<DeclStmt>(Parent))
    for (const auto *D : Decl->decls())
      if (const auto *Var = dyn_cast<VarDecl>(D); Var && Var->getInit() == Child)
        Aliases[variableKey(Var)] = MutexKey;
}

void LockFlow::visitGuardAssignment(const CXXOperatorCallExpr *Assign,
                                    LockSet &State) {
  if (Assign->getOperator() != OO_Equal || Assign->getNumArgs() != 2)
    return;
  const VarDecl *Target = referencedVar(Assign->getArg(0));
  if (!Target || !guardMethods(Target->getType()))
    return;
  unsigned Owner = guardOwner(Target);
  releaseOwner(Owner, State);
  const Expr *Source = skipWrappers(Assign->getArg(1));
  if (const auto *Move = dyn_cast<CallExpr>(Source); Move && isStdMove(Move)) {
    if (const VarDecl *From = referencedVar(Move->getArg(0));
        From && guardInfo(From)) {
      Guards[Target] = *guardInfo(From);
      transferOwner(guardOwner(From), Owner, State);
    }
    return;
  }
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Source))
    constructGuard(Target, Construct, State);
}

void LockFlow::visitMove(const CallExpr *Move, const VarDecl *From,
                         LockSet &State) {
  const ParentMap &Map = parents();
  const Stmt *Child = Move;
  const Stmt *Parent = Map.getParent(Child);
  while (Parent && (isa<ImplicitCastExpr, MaterializeTemporaryExpr,
                        CXXBindTemporaryExpr, ParenExpr, ExprWithCleanups,
                        CXXFunctionalCastExpr>(Parent) ||
                    isGuardConstruct(Parent))) {
    Child = Parent;
    Parent = Map.getParent(Parent);
  }
  if (const auto *Assign = dyn_cast_or_null<CXXOperatorCallExpr>(Parent);
      Assign && Assign->getOperator() == OO_Equal &&
      referencedVar(Assign->getArg(0)) &&
      guardMethods(referencedVar(Assign->getArg(0))->getType()))
    return; // Handled with the assignment itself.
  unsigned FromOwner = guardOwner(From);
  if (const auto *Decl = dyn_cast_or_null<DeclStmt>(Parent)) {
    for (const auto *D : Decl->decls()) {
      const auto *To = dyn_cast<VarDecl>(D);
      if (To && To->getInit() == Child && guardMethods(To->getType())) {
        Guards[To] = *guardInfo(From);
        transferOwner(FromOwner, guardOwner(To), State);
        return;
      }
    }
  }
  // Moved into a call that gives it back (takes it by reference and leaves
  // it alone): still held.
  if (Parent && isa<CallExpr, CXXConstructExpr>(Parent)) {
    const auto *Call = cast<Expr>(Parent);
    for (const auto &[Param, Arg] : argumentsByParameter(Call))
      if (Arg == Child && !mayTakeGuard(calledFunction(Call), Param))
        return;
  }
  // Moved into a call, an awaiter, a capture or a return value: no longer
  // ours to track.
  releaseOwner(FromOwner, State);
}

bool LockFlow::isGuardConstruct(const Stmt *S) const {
  const auto *Construct = dyn_cast<CXXConstructExpr>(S);
  return Construct && guardMethods(Construct->getType());
}

void LockFlow::visitGuardArguments(const Expr *Call, LockSet &State) {
  if (isGuardConstruct(Call))
    return;
  for (const auto &[Param, Arg] : argumentsByParameter(Call)) {
    const VarDecl *Guard = referencedVar(Arg);
    // A guard handed by reference to an awaiter that moves it away.
    if (guardInfo(Guard) && mayTakeGuard(calledFunction(Call), Param))
      releaseOwner(guardOwner(Guard), State);
  }
}

void LockFlow::visitCall(const CallExpr *Call, LockSet &State) {
  if (isStdMove(Call)) {
    if (const VarDecl *From = referencedVar(Call->getArg(0)); guardInfo(From))
      visitMove(Call, From, State);
    return;
  }
  visitGuardArguments(Call, State);
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || !Callee->getIdentifier())
    return;
  auto It = Models.LockFunctions.find(modelNameOfDecl(Callee));
  if (It == Models.LockFunctions.end() ||
      It->second.MutexArg >= Call->getNumArgs())
    return;
  MutexRef Mutex = namedMutex(Call->getArg(It->second.MutexArg));
  if (It->second.Action == LockAction::Lock)
    acquire(manualOwner(Mutex.Key), Call, {Mutex}, State);
  else
    releaseMutex(Mutex.Key, State);
}

void LockFlow::visitStmt(const Stmt *S, LockSet &State) {
  if (const auto *Decl = dyn_cast<DeclStmt>(S)) {
    for (const auto *D : Decl->decls())
      if (const auto *Var = dyn_cast<VarDecl>(D))
        visitDecl(Var, State);
  } else if (isSuspensionExpr(S)) {
    const auto *Suspend = cast<Expr>(S);
    // `co_await Awaiter(lock)`: the graph has no element of its own for the
    // awaiter's construction.
    if (const auto *Await = dyn_cast<CoroutineSuspendExpr>(S))
      if (const Expr *Operand = skipWrappers(Await->getOperand());
          isa_and_nonnull<CallExpr, CXXConstructExpr>(Operand))
        visitGuardArguments(Operand, State);
    if (HeldAt && !State.empty() && Classifier.maySuspend(Suspend))
      for (const auto &[Owner, Acquired] : State)
        (*HeldAt)[Acquired].insert(Suspend);
  } else if (const auto *Member = dyn_cast<CXXMemberCallExpr>(S)) {
    visitMemberCall(Member, State);
    visitGuardArguments(Member, State);
  } else if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(S)) {
    visitGuardAssignment(Operator, State);
    visitGuardArguments(Operator, State);
  } else if (const auto *Call = dyn_cast<CallExpr>(S)) {
    visitCall(Call, State);
  } else if (const auto *Construct = dyn_cast<CXXConstructExpr>(S)) {
    visitGuardArguments(Construct, State);
  }
}

void LockFlow::transfer(const CFGBlock &Block, LockSet &State) {
  for (const CFGElement &Element : Block) {
    if (auto Statement = Element.getAs<CFGStmt>())
      visitStmt(Statement->getStmt(), State);
    else if (auto Dtor = Element.getAs<CFGAutomaticObjDtor>())
      if (guardInfo(Dtor->getVarDecl()))
        releaseOwner(guardOwner(Dtor->getVarDecl()), State);
  }
}

std::vector<LockHeldAcrossSuspension> LockFlow::run(const FunctionDecl *Fn) {
  CFG::BuildOptions Options;
  Options.AddImplicitDtors = true;
  Options.setAllAlwaysAdd();
  std::unique_ptr<CFG> Graph =
      CFG::buildCFG(Fn, const_cast<Stmt *>(Body), &Context, Options);
  if (!Graph)
    return {};

  std::vector<std::optional<LockSet>> Out(Graph->getNumBlockIDs());
  auto InState = [&](const CFGBlock &Block) {
    LockSet In;
    for (const auto &Pred : Block.preds())
      if (Pred && Out[Pred->getBlockID()])
        In.insert(Out[Pred->getBlockID()]->begin(),
                  Out[Pred->getBlockID()]->end());
    return In;
  };

  std::deque<const CFGBlock *> Work{&Graph->getEntry()};
  std::vector<bool> Queued(Graph->getNumBlockIDs(), false);
  Queued[Graph->getEntry().getBlockID()] = true;
  while (!Work.empty()) {
    const CFGBlock *Block = Work.front();
    Work.pop_front();
    Queued[Block->getBlockID()] = false;
    LockSet State = InState(*Block);
    transfer(*Block, State);
    auto &Previous = Out[Block->getBlockID()];
    if (Previous && *Previous == State)
      continue;
    Previous = std::move(State);
    for (const auto &Succ : Block->succs())
      if (Succ && !Queued[Succ->getBlockID()]) {
        Queued[Succ->getBlockID()] = true;
        Work.push_back(Succ);
      }
  }

  std::map<unsigned, std::set<const Expr *>> Held;
  HeldAt = &Held;
  for (const CFGBlock *Block : *Graph)
    if (Out[Block->getBlockID()]) {
      LockSet State = InState(*Block);
      transfer(*Block, State);
    }
  HeldAt = nullptr;

  const SourceManager &SM = Context.getSourceManager();
  auto Before = [&](const Stmt *A, const Stmt *B) {
    return SM.isBeforeInTranslationUnit(A->getBeginLoc(), B->getBeginLoc());
  };
  std::vector<LockHeldAcrossSuspension> Result;
  for (auto &[Id, Suspensions] : Held) {
    LockHeldAcrossSuspension Entry;
    Entry.Acquisition = Acquisitions[Id].Site;
    Entry.Mutexes = Acquisitions[Id].Mutexes;
    Entry.Suspensions.assign(Suspensions.begin(), Suspensions.end());
    llvm::sort(Entry.Suspensions, Before);
    Result.push_back(std::move(Entry));
  }
  llvm::sort(Result, [&](const auto &A, const auto &B) {
    return Before(A.Acquisition, B.Acquisition);
  });
  return Result;
}

} // namespace

std::vector<LockHeldAcrossSuspension>
locksHeldAcrossSuspensions(const FunctionDecl *Fn, const Stmt *Body,
                           const ApiModels &Models,
                           const SuspensionClassifier &Classifier,
                           ASTContext &Context) {
  return LockFlow(Body, Models, Classifier, Context).run(Fn);
}

} // namespace corolint
