#ifndef COROLINT_CHECKS_MODELS_H
#define COROLINT_CHECKS_MODELS_H

#include "EmbeddedFile.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace corolint {

/// The model files of checks/models/, compiled in.
llvm::ArrayRef<EmbeddedFile> embeddedModels();

/// Method names that lock, unlock or release a mutex or a guard.
struct LockMethods {
  llvm::StringSet<> Lock;
  llvm::StringSet<> Unlock;
  llvm::StringSet<> Release;
};

enum class LockAction : std::uint8_t { Lock, Unlock };

struct LockFunction {
  unsigned MutexArg = 0;
  LockAction Action = LockAction::Lock;
};

/// An argument of a call that carries flags, and the flags (enumerators or
/// macros, by name) any one of which changes what the call does.
struct FlagArgument {
  unsigned Arg = 0;
  std::vector<std::string> Flags;
};

/// A call that makes a descriptor non-blocking: it creates one (socket with
/// SOCK_NONBLOCK; DescriptorArg unset, the result is the descriptor) or sets
/// the flag on the one in DescriptorArg (fcntl with O_NONBLOCK).
struct NonBlockingDescriptorCall {
  std::optional<unsigned> DescriptorArg;
  FlagArgument When;
};

/// A call that waits until a descriptor is ready for I/O, such as an
/// executor's readiness poll (`co_await scheduler.poll(fd, poll_op::read)`).
struct ReadinessWait {
  /// The argument that is the descriptor; unset: the object the method is
  /// called on (`socket.async_wait(...)`).
  std::optional<unsigned> DescriptorArg;
  /// When set, the call waits for readiness only with one of these flags in
  /// that argument (`async_wait(wait_read)`, not `async_wait(wait_error)`).
  std::optional<FlagArgument> When;
};

/// When the object a call waits on (a future, a result, a task) is known to
/// be ready, so that the call returns at once: the coroutine awaited it, or
/// awaited a combinator given it, or tested its status.
struct ReadyWhen {
  /// Functions that await several objects at once (when_all): awaiting a
  /// call to one of them readies every object passed to it, and every
  /// object the await gives back.
  std::vector<std::string> AwaitedThrough;
  /// Functions that await the first of several objects (when_any): the
  /// await gives back an aggregate whose IndexMember names the one that is
  /// ready among its ResultsMember.
  std::vector<std::string> FirstReadyThrough;
  std::string IndexMember = "index";
  std::string ResultsMember = "results";
  /// Members whose call, awaited, gives the object back ready (`co_await
  /// r.resolve()`).
  std::vector<std::string> ResolvedBy;
  /// Members whose call leaves the object ready once it returns (`r.wait()`).
  std::vector<std::string> ReadyAfter;
  /// Enumerators a status of the object is compared with to test that it is
  /// ready: `f.wait_for(0s) == std::future_status::ready`.
  std::vector<std::string> ReadyStatuses;
  /// Enumerators that say the object is not ready yet, when every other
  /// status means it is: `while (r.wait_for(5ms) == status::idle) {}`.
  std::vector<std::string> PendingStatuses;
};

/// A function that blocks the calling thread.
struct BlockingFunction {
  /// "sleep", "sync-wait", "thread-sync", "blocking-io", "process",
  /// "event-loop", "cpu-heavy", or a category of the user's own.
  std::string Category;
  /// What to do instead, for the message.
  std::string Instead;
  /// The call does not block when this argument is a zero duration.
  std::optional<unsigned> NonBlockingIfZeroArg;
  /// When not empty, the call blocks only on these streams: variables
  /// ("std::cin") or class types ("std::basic_ifstream"). The stream is the
  /// object of a member call, or else the first argument.
  std::vector<std::string> Receivers;
  /// The call does not block when the descriptor in this argument was made
  /// non-blocking (see ApiModels::NonBlockingDescriptorCalls).
  std::optional<unsigned> DescriptorArg;
  /// The call does not block when this argument has one of these flags
  /// (recv with MSG_DONTWAIT).
  std::optional<FlagArgument> NonBlockingIfFlag;
  /// The call (a method) does not block once its object is ready.
  std::optional<ReadyWhen> NonBlockingOnceReady;
  /// Functions that parse a host as an IP literal (`asio::ip::make_address`,
  /// `inet_pton`): a resolver call that comes after one of them on the same
  /// host resolves only what is not a literal, and is not reported.
  std::vector<std::string> LiteralsParsedBy;
};

/// Functions known by their signature rather than their name, such as the
/// synchronous methods protoc generates in an RPC stub class: the first
/// parameter points to FirstParameter, and the function returns one of
/// Returns, or a smart pointer to one.
struct BlockingSignature {
  std::string FirstParameter;
  std::vector<std::string> Returns;
  BlockingFunction Blocking;
};

/// A channel or queue type, or a factory function that creates one.
struct ChannelModel {
  /// What to use instead, for the message.
  std::string Instead;
  /// For a bounded channel: which argument of the constructor or factory is
  /// the capacity.
  unsigned CapacityArg = 0;
};

/// A send operation whose result says whether the message was delivered.
struct SendModel {
  /// The send's call returns the result ("returned"), or an awaitable whose
  /// co_await yields it ("awaited").
  bool Awaited = false;
  /// When set, the call is a send only when its first argument is a call to
  /// this function (boost::cobalt::as_result(channel.write(...))).
  std::string ArgumentCall;
  /// Why a send fails, for the message: "the receiver is gone".
  std::string Failure;
  /// Methods that unwrap the result and throw when the send failed.
  std::vector<std::string> Unwrap;
};

/// An executor whose tasks may block: it runs each on a thread of its own,
/// or it is the pool a library keeps for blocking work.
struct BlockingExecutor {
  /// The member functions that take the task's callable (submit, post).
  std::vector<std::string> Methods;
  /// Why its tasks may block, for the reader of the model.
  std::string Reason;
};

/// Everything corolint knows about libraries' APIs, merged from the
/// built-in models and the user's model files. Names are fully qualified,
/// without a leading "::" and without template arguments.
struct ApiModels {
  /// Thread-blocking mutex types, each with its own lock/unlock methods.
  llvm::StringMap<LockMethods> BlockingMutexes;
  llvm::StringSet<> AsyncMutexes;
  LockMethods DefaultMutexMethods;
  llvm::StringMap<LockMethods> LockGuards;
  llvm::StringSet<> DeferLockTags;
  llvm::StringSet<> AdoptLockTags;
  llvm::StringSet<> TryLockTags;
  llvm::StringMap<LockFunction> LockFunctions;
  llvm::StringSet<> NeverSuspendingAwaitables;
  /// Keyed by qualified name; a member function as "ns::Class::method".
  llvm::StringMap<BlockingFunction> BlockingFunctions;
  std::vector<BlockingSignature> BlockingSignatures;
  /// Keyed by the C function's name.
  llvm::StringMap<NonBlockingDescriptorCall> NonBlockingDescriptorCalls;
  /// Keyed by qualified name; a member function as "ns::Class::method".
  llvm::StringMap<ReadinessWait> ReadinessWaits;
  /// Keyed by the class or factory function's qualified name.
  llvm::StringMap<ChannelModel> UnboundedChannelTypes;
  llvm::StringMap<ChannelModel> UnboundedChannelFactories;
  llvm::StringMap<ChannelModel> BoundedChannelTypes;
  llvm::StringMap<ChannelModel> BoundedChannelFactories;
  /// Keyed by the send function's qualified name ("ns::Class::method").
  llvm::StringMap<SendModel> ChannelSends;
  /// Executors whose tasks may block, keyed by the executor class's
  /// qualified name, or by that of a function returning the executor (or a
  /// pointer to it) when instances of a class differ.
  llvm::StringMap<BlockingExecutor> BlockingExecutorTypes;
  llvm::StringMap<BlockingExecutor> BlockingExecutorFactories;

  /// Adds a blocking mutex type that uses the default method names.
  void addBlockingMutex(llvm::StringRef Type);
};

/// Parses one model document and merges it into Models. Origin names the
/// document in error messages.
llvm::Error mergeModel(ApiModels &Models, llvm::StringRef Text,
                       llvm::StringRef Origin);

/// The built-in models merged with the given model files. The result is
/// cached per list of files, so every translation unit shares one copy.
llvm::Expected<std::shared_ptr<const ApiModels>>
loadModels(llvm::ArrayRef<std::string> ExtraFiles);

} // namespace corolint

#endif
