#ifndef COROLINT_CHECKS_LOCKSTATE_H
#define COROLINT_CHECKS_LOCKSTATE_H

#include "Models.h"
#include "SuspensionPoints.h"
#include "clang/AST/ASTContext.h"
#include <string>
#include <vector>

namespace corolint {

/// A mutex as a lock operation names it.
struct MutexRef {
  /// Identifies the mutex within one function: "m", "this.mu_", "p.mu[2]".
  std::string Key;
  /// How a message shows it: "'mu_' (std::mutex)".
  std::string Description;
};

/// A place where a function takes a thread-blocking lock, and the
/// suspension points that may be reached while that lock is held.
struct LockHeldAcrossSuspension {
  const clang::Stmt *Acquisition = nullptr;
  std::vector<MutexRef> Mutexes;
  /// In source order.
  std::vector<const clang::Expr *> Suspensions;
};

/// Follows thread-blocking locks along the control-flow graph of a function
/// body: guards (constructed, moved, unlocked, relocked, released, destroyed
/// at the end of their scope or on an early return) and manual
/// lock()/unlock() and lock functions such as pthread_mutex_lock. Reports
/// every acquisition that may still be held at a suspension point on some
/// path. Nested lambdas are not part of the body's graph.
std::vector<LockHeldAcrossSuspension>
locksHeldAcrossSuspensions(const clang::FunctionDecl *Fn,
                           const clang::Stmt *Body, const ApiModels &Models,
                           const SuspensionClassifier &Classifier,
                           clang::ASTContext &Context);

} // namespace corolint

#endif
