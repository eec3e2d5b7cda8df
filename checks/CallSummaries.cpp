#include "CallSummaries.h"

#include "OwnBodyVisitor.h"
#include "SuspensionPoints.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace corolint {
namespace {

class CallCollector : public OwnBodyVisitor<CallCollector> {
public:
  explicit CallCollector(llvm::function_ref<void(const Expr *)> Visit)
      : Visit(Visit) {}

  bool VisitCallExpr(CallExpr *Call) {
    Visit(Call);
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
    Visit(Construct);
    return true;
  }

private:
  llvm::function_ref<void(const Expr *)> Visit;
};

} // namespace

void forEachCallIn(const Stmt *Body,
                   llvm::function_ref<void(const Expr *Call)> Visit) {
  if (Body)
    CallCollector(Visit).TraverseStmt(const_cast<Stmt *>(Body));
}

const FunctionDecl *BlockingSummaries::followed(const Expr *Call) const {
  const FunctionDecl *Callee = calledFunction(Call);
  const FunctionDecl *Definition = nullptr;
  if (!Callee || !Callee->hasBody(Definition) || !Definition ||
      Definition->isDependentContext() || coroutineBody(Definition))
    return nullptr;
  const SourceManager &SM = Context.getSourceManager();
  if (SM.isInSystemHeader(SM.getExpansionLoc(Definition->getLocation())))
    return nullptr;
  return Definition;
}

BlockingSummaries::Examined BlockingSummaries::examine(const Expr *Call) {
  bool Modelled = false;
  std::optional<BlockingMatch> Match = Classifier.classify(Call, Modelled);
  if (Match) {
    Matches.push_back(std::move(*Match));
    return {&Matches.back(), nullptr};
  }
  // A modelled function's body is not looked into: its model decided.
  return {nullptr, Modelled ? nullptr : followed(Call)};
}

const std::vector<BlockingSummaries::CallSite> &
BlockingSummaries::callSites(const FunctionDecl *Function) {
  auto [It, Inserted] = Sites.try_emplace(Function);
  std::vector<CallSite> &Found = It->second;
  if (!Inserted)
    return Found;
  forEachCallIn(Function->getBody(), [&](const Expr *Call) {
    Examined What = examine(Call);
    if (What.Blocking || What.Callee)
      Found.push_back({Call, What.Blocking, What.Callee});
  });
  if (Found.empty())
    return Found;
  ColdCalls Cold(Function, Function->getBody(), Context);
  for (CallSite &Site : Found)
    Site.Level = Cold.heatOf(Site.Call);
  llvm::erase_if(Found,
                 [](const CallSite &Site) { return Site.Level == Heat::Doomed; });
  return Found;
}

// Tarjan's algorithm, with an explicit stack of frames instead of native
// recursion: each strongly connected component is solved once all the
// functions it calls outside itself are.
void BlockingSummaries::summarise(const FunctionDecl *Root) {
  if (Summaries.count(Root))
    return;
  struct Node {
    unsigned Index, Low;
    bool OnStack;
  };
  struct Frame {
    const FunctionDecl *Function;
    size_t NextSite;
  };
  llvm::DenseMap<const FunctionDecl *, Node> Nodes;
  std::vector<const FunctionDecl *> Open;
  std::vector<Frame> Frames;
  auto Enter = [&](const FunctionDecl *Function) {
    unsigned Index = Nodes.size();
    Nodes[Function] = {Index, Index, true};
    Open.push_back(Function);
    Frames.push_back({Function, 0});
    callSites(Function);
  };
  Enter(Root);
  while (!Frames.empty()) {
    Frame &Top = Frames.back();
    const std::vector<CallSite> &TopSites = Sites.find(Top.Function)->second;
    if (Top.NextSite < TopSites.size()) {
      const FunctionDecl *Callee = TopSites[Top.NextSite++].Callee;
      if (!Callee || Summaries.count(Callee))
        continue;
      auto It = Nodes.find(Callee);
      if (It == Nodes.end())
        Enter(Callee);
      else if (It->second.OnStack)
        Nodes[Top.Function].Low =
            std::min(Nodes[Top.Function].Low, It->second.Index);
      continue;
    }
    const FunctionDecl *Function = Top.Function;
    Frames.pop_back();
    Node Done = Nodes[Function];
    if (!Frames.empty()) {
      Node &Caller = Nodes[Frames.back().Function];
      Caller.Low = std::min(Caller.Low, Done.Low);
    }
    if (Done.Low != Done.Index)
      continue;
    std::vector<const FunctionDecl *> Component;
    do {
      Component.push_back(Open.back());
      Nodes[Open.back()].OnStack = false;
      Open.pop_back();
    } while (Component.back() != Function);
    solve(Component);
  }
}

// The members' summaries only grow, so updating a member whenever one of its
// callees in the component changed reaches the least fixed point. Members
// start in source order, so the answer does not depend on which of them was
// reached first.
void BlockingSummaries::solve(llvm::ArrayRef<const FunctionDecl *> Component) {
  // Instantiations of one template share a location: they keep their order.
  const SourceManager &SM = Context.getSourceManager();
  std::vector<std::pair<const FunctionDecl *, size_t>> Ordered;
  Ordered.reserve(Component.size());
  for (size_t I = 0; I < Component.size(); ++I)
    Ordered.push_back({Component[I], I});
  llvm::sort(Ordered, [&](const auto &A, const auto &B) {
    SourceLocation LocA = A.first->getLocation(), LocB = B.first->getLocation();
    return LocA != LocB ? SM.isBeforeInTranslationUnit(LocA, LocB)
                        : A.second < B.second;
  });
  std::vector<const FunctionDecl *> Members;
  Members.reserve(Ordered.size());
  for (const auto &Entry : Ordered)
    Members.push_back(Entry.first);
  llvm::DenseSet<const FunctionDecl *> Inside(Members.begin(), Members.end());
  llvm::DenseMap<const FunctionDecl *, llvm::SmallVector<const FunctionDecl *, 2>>
      CallersInside;
  for (const FunctionDecl *Member : Members) {
    Summaries[Member];
    for (const CallSite &Site : Sites.find(Member)->second)
      if (Site.Callee && Site.Callee != Member && Inside.contains(Site.Callee))
        CallersInside[Site.Callee].push_back(Member);
  }
  std::deque<const FunctionDecl *> Work(Members.begin(), Members.end());
  llvm::DenseSet<const FunctionDecl *> Queued = Inside;
  while (!Work.empty()) {
    const FunctionDecl *Function = Work.front();
    Work.pop_front();
    Queued.erase(Function);
    if (!update(Function))
      continue;
    for (const FunctionDecl *Caller : CallersInside.lookup(Function))
      if (Queued.insert(Caller).second)
        Work.push_back(Caller);
  }
  for (const FunctionDecl *Member : Members)
    Sites.erase(Member);
}

bool BlockingSummaries::update(const FunctionDecl *Function) {
  Summary &Own = Summaries.find(Function)->second;
  bool Changed = false;
  // The first path found to each blocking function is kept, unless a
  // hotter one is found later.
  auto Add = [&](const Step &New) {
    for (Step &Known : Own)
      if (Known.Blocking->Name == New.Blocking->Name &&
          Known.UnlessReady == New.UnlessReady) {
        if (New.Level < Known.Level) {
          Known = New;
          Changed = true;
        }
        return;
      }
    Own.push_back(New);
    Changed = true;
  };
  for (const CallSite &Site : Sites.find(Function)->second) {
    if (Site.Blocking) {
      Add({Site.Call, Site.Blocking, nullptr, Site.Level,
           Site.Blocking->UnlessReadyParameter, std::nullopt});
      continue;
    }
    // A call to itself reaches nothing the function does not reach already.
    if (Site.Callee == Function)
      continue;
    auto Inner = Summaries.find(Site.Callee);
    if (Inner == Summaries.end())
      continue;
    for (const Step &Next : Inner->second) {
      PassedObject Passed;
      if (Next.UnlessReady) {
        Passed = passedAt(Site.Call, Next);
        if (Passed.Ready)
          continue;
      }
      Add({Site.Call, Next.Blocking, Site.Callee, colder(Site.Level, Next.Level),
           Passed.CallerParameter, Next.UnlessReady});
    }
  }
  return Changed;
}

BlockingChain BlockingSummaries::chainAfter(const Expr *Call,
                                            const Step &First) const {
  BlockingChain Chain{{Call}, First.Blocking, First.Level};
  const Step *At = &First;
  // Each link leads to a step recorded before it, so the walk ends; the
  // bound is a second guard.
  while (At && Chain.Calls.size() <= Summaries.size() + 1) {
    Chain.Calls.push_back(At->Call);
    if (!At->Next)
      break;
    const Step *Next = nullptr;
    for (const Step &Candidate : Summaries.find(At->Next)->second)
      if (Candidate.Blocking->Name == First.Blocking->Name &&
          Candidate.UnlessReady == At->NextUnlessReady)
        Next = &Candidate;
    At = Next;
  }
  return Chain;
}

std::vector<BlockingChain> BlockingSummaries::chainsFrom(const Expr *Call) {
  auto [Blocking, Callee] = examine(Call);
  if (Blocking)
    return {BlockingChain{{Call}, Blocking}};
  if (!Callee)
    return {};
  summarise(Callee);
  std::vector<BlockingChain> Chains;
  for (const Step &First : Summaries.find(Callee)->second)
    if (!First.UnlessReady || !passedAt(Call, First).Ready)
      Chains.push_back(chainAfter(Call, First));
  return Chains;
}

PassedObject BlockingSummaries::passedAt(const Expr *Call, const Step &Callee) const {
  BlockingMatch Waited = *Callee.Blocking;
  Waited.UnlessReadyParameter = Callee.UnlessReady;
  return Classifier.passedAt(Call, Waited);
}

} // namespace corolint
