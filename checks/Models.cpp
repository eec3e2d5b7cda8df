#include "Models.h"

#include "llvm/Support/MemoryBuffer.h"
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>

namespace corolint {
namespace {

using Json = nlohmann::json;

/// A schema violation, with the JSON path of the offending value.
struct ModelError {
  std::string Path;
  std::string Message;
};

[[noreturn]] void fail(const std::string &Path, const std::string &Message) {
  throw ModelError{Path, Message};
}

void expectKeys(const Json &Object, const std::string &Path,
                std::initializer_list<const char *> Allowed) {
  if (!Object.is_object())
    fail(Path, "must be an object");
  for (const auto &Item : Object.items()) {
    bool Known = false;
    for (const char *Key : Allowed)
      Known |= Item.key() == Key;
    if (!Known) {
      std::string List;
      for (const char *Key : Allowed)
        List += std::string(List.empty() ? "" : ", ") + "'" + Key + "'";
      fail(Path, "unknown key '" + Item.key() + "' (expected one of " + List +
                     ")");
    }
  }
}

std::string qualifiedName(const Json &Value, const std::string &Path) {
  if (!Value.is_string() || Value.get<std::string>().empty())
    fail(Path, "must be a non-empty string");
  llvm::StringRef Name = Value.get_ref<const std::string &>();
  Name.consume_front("::");
  return Name.str();
}

template <typename Fn>
void forEachIn(const Json &Object, const char *Key, const std::string &Path,
               Fn Visit) {
  auto It = Object.find(Key);
  if (It == Object.end())
    return;
  std::string ListPath = Path + "." + Key;
  if (!It->is_array())
    fail(ListPath, "must be an array");
  for (size_t I = 0; I < It->size(); ++I)
    Visit((*It)[I], ListPath + "[" + std::to_string(I) + "]");
}

void addNames(llvm::StringSet<> &Into, const Json &Object, const char *Key,
              const std::string &Path) {
  forEachIn(Object, Key, Path, [&](const Json &Value, const std::string &At) {
    Into.insert(qualifiedName(Value, At));
  });
}

void addMethods(LockMethods &Into, const Json &Object, const std::string &Path) {
  addNames(Into.Lock, Object, "lock", Path);
  addNames(Into.Unlock, Object, "unlock", Path);
  addNames(Into.Release, Object, "release", Path);
}

void mergeMutexes(ApiModels &Models, const Json &Section,
                  const std::string &Path) {
  expectKeys(Section, Path,
             {"blocking", "async", "lock_methods", "unlock_methods"});
  addNames(Models.DefaultMutexMethods.Lock, Section, "lock_methods", Path);
  addNames(Models.DefaultMutexMethods.Unlock, Section, "unlock_methods", Path);
  forEachIn(Section, "blocking", Path,
            [&](const Json &Entry, const std::string &At) {
              if (Entry.is_string()) {
                Models.addBlockingMutex(qualifiedName(Entry, At));
                return;
              }
              if (!Entry.is_object())
                fail(At, "must be a type name or an object with a 'type'");
              expectKeys(Entry, At, {"type", "lock", "unlock"});
              if (!Entry.contains("type"))
                fail(At, "needs a 'type'");
              LockMethods &Methods =
                  Models.BlockingMutexes[qualifiedName(Entry["type"],
                                                       At + ".type")];
              addMethods(Methods, Entry, At);
            });
  addNames(Models.AsyncMutexes, Section, "async", Path);
}

void mergeGuards(ApiModels &Models, const Json &Root, const std::string &Path) {
  forEachIn(Root, "lock_guards", Path,
            [&](const Json &Entry, const std::string &At) {
              expectKeys(Entry, At, {"type", "lock", "unlock", "release"});
              if (!Entry.contains("type"))
                fail(At, "needs a 'type'");
              LockMethods &Methods =
                  Models.LockGuards[qualifiedName(Entry["type"], At + ".type")];
              addMethods(Methods, Entry, At);
            });
}

void mergeLockTags(ApiModels &Models, const Json &Section,
                   const std::string &Path) {
  expectKeys(Section, Path, {"defer", "adopt", "try"});
  addNames(Models.DeferLockTags, Section, "defer", Path);
  addNames(Models.AdoptLockTags, Section, "adopt", Path);
  addNames(Models.TryLockTags, Section, "try", Path);
}

void mergeLockFunctions(ApiModels &Models, const Json &Root,
                        const std::string &Path) {
  forEachIn(Root, "lock_functions", Path,
            [&](const Json &Entry, const std::string &At) {
              expectKeys(Entry, At, {"name", "mutex_arg", "action"});
              if (!Entry.contains("name") || !Entry.contains("action"))
                fail(At, "needs a 'name' and an 'action'");
              LockFunction Function;
              if (Entry.contains("mutex_arg")) {
                const Json &Arg = Entry["mutex_arg"];
                if (!Arg.is_number_unsigned())
                  fail(At + ".mutex_arg", "must be a non-negative integer");
                Function.MutexArg = Arg.get<unsigned>();
              }
              const Json &Action = Entry["action"];
              if (Action == "lock")
                Function.Action = LockAction::Lock;
              else if (Action == "unlock")
                Function.Action = LockAction::Unlock;
              else
                fail(At + ".action", "must be \"lock\" or \"unlock\"");
              Models.LockFunctions[qualifiedName(Entry["name"], At + ".name")] =
                  Function;
            });
}

std::string requiredString(const Json &Entry, const char *Key,
                           const std::string &Path) {
  if (!Entry.contains(Key))
    fail(Path, std::string("needs '") + Key + "'");
  const Json &Value = Entry[Key];
  if (!Value.is_string() || Value.get_ref<const std::string &>().empty())
    fail(Path + "." + Key, "must be a non-empty string");
  return Value.get<std::string>();
}

unsigned argumentIndex(const Json &Value, const std::string &Path) {
  if (!Value.is_number_unsigned())
    fail(Path, "must be a non-negative integer");
  return Value.get<unsigned>();
}

/// {"arg": 3, "names": ["MSG_DONTWAIT"]}
FlagArgument flagArgument(const Json &Value, const std::string &Path) {
  expectKeys(Value, Path, {"arg", "names"});
  if (!Value.contains("arg") || !Value.contains("names"))
    fail(Path, "needs an 'arg' and 'names'");
  FlagArgument Flags;
  Flags.Arg = argumentIndex(Value["arg"], Path + ".arg");
  forEachIn(Value, "names", Path, [&](const Json &Name, const std::string &At) {
    Flags.Flags.push_back(qualifiedName(Name, At));
  });
  if (Flags.Flags.empty())
    fail(Path + ".names", "must name at least one flag");
  return Flags;
}

/// {"awaited_through": [...], "first_ready_through": {...}, "resolved_by":
/// [...], "ready_after": [...], "ready_statuses": [...], "pending_statuses":
/// [...]}
ReadyWhen readyWhen(const Json &Value, const std::string &Path) {
  expectKeys(Value, Path,
             {"awaited_through", "first_ready_through", "resolved_by",
              "ready_after", "ready_statuses", "pending_statuses"});
  ReadyWhen Ready;
  auto Names = [&](const Json &Object, const char *Key, const std::string &At,
                   std::vector<std::string> &Into) {
    forEachIn(Object, Key, At, [&](const Json &Name, const std::string &Where) {
      Into.push_back(qualifiedName(Name, Where));
    });
  };
  Names(Value, "awaited_through", Path, Ready.AwaitedThrough);
  Names(Value, "resolved_by", Path, Ready.ResolvedBy);
  Names(Value, "ready_after", Path, Ready.ReadyAfter);
  Names(Value, "ready_statuses", Path, Ready.ReadyStatuses);
  Names(Value, "pending_statuses", Path, Ready.PendingStatuses);
  if (Value.contains("first_ready_through")) {
    const Json &First = Value["first_ready_through"];
    std::string At = Path + ".first_ready_through";
    expectKeys(First, At, {"functions", "index_member", "results_member"});
    Names(First, "functions", At, Ready.FirstReadyThrough);
    Ready.IndexMember = requiredString(First, "index_member", At);
    Ready.ResultsMember = requiredString(First, "results_member", At);
  }
  return Ready;
}

void mergeBlockingFunctions(ApiModels &Models, const Json &Root,
                            const std::string &Path) {
  forEachIn(Root, "blocking_functions", Path,
            [&](const Json &Entry, const std::string &At) {
              expectKeys(Entry, At,
                         {"name", "category", "instead",
                          "nonblocking_if_zero_arg", "receivers",
                          "descriptor_arg", "nonblocking_if_flag",
                          "nonblocking_once_ready", "literals_parsed_by"});
              BlockingFunction Function;
              std::string Name = qualifiedName(
                  Entry.contains("name") ? Entry["name"] : Json(), At + ".name");
              Function.Category = requiredString(Entry, "category", At);
              Function.Instead = requiredString(Entry, "instead", At);
              if (Entry.contains("nonblocking_if_zero_arg"))
                Function.NonBlockingIfZeroArg =
                    argumentIndex(Entry["nonblocking_if_zero_arg"],
                                  At + ".nonblocking_if_zero_arg");
              if (Entry.contains("descriptor_arg"))
                Function.DescriptorArg = argumentIndex(
                    Entry["descriptor_arg"], At + ".descriptor_arg");
              if (Entry.contains("nonblocking_once_ready"))
                Function.NonBlockingOnceReady = readyWhen(
                    Entry["nonblocking_once_ready"],
                    At + ".nonblocking_once_ready");
              if (Entry.contains("nonblocking_if_flag"))
                Function.NonBlockingIfFlag = flagArgument(
                    Entry["nonblocking_if_flag"], At + ".nonblocking_if_flag");
              forEachIn(Entry, "literals_parsed_by", At,
                        [&](const Json &Parser, const std::string &Where) {
                          Function.LiteralsParsedBy.push_back(
                              qualifiedName(Parser, Where));
                        });
              forEachIn(Entry, "receivers", At,
                        [&](const Json &Receiver, const std::string &Where) {
                          Function.Receivers.push_back(
                              qualifiedName(Receiver, Where));
                        });
              Models.BlockingFunctions[Name] = std::move(Function);
            });
}

void mergeBlockingSignatures(ApiModels &Models, const Json &Root,
                             const std::string &Path) {
  forEachIn(
      Root, "blocking_signatures", Path,
      [&](const Json &Entry, const std::string &At) {
        expectKeys(Entry, At,
                   {"first_parameter", "returns", "category", "instead"});
        BlockingSignature Signature;
        Signature.FirstParameter = qualifiedName(
            Entry.contains("first_parameter") ? Entry["first_parameter"]
                                              : Json(),
            At + ".first_parameter");
        if (!Entry.contains("returns") || !Entry["returns"].is_array() ||
            Entry["returns"].empty())
          fail(At + ".returns", "must be a non-empty array of type names");
        forEachIn(Entry, "returns", At,
                  [&](const Json &Type, const std::string &Where) {
                    Signature.Returns.push_back(qualifiedName(Type, Where));
                  });
        Signature.Blocking.Category = requiredString(Entry, "category", At);
        Signature.Blocking.Instead = requiredString(Entry, "instead", At);
        Models.BlockingSignatures.push_back(std::move(Signature));
      });
}

void mergeNonBlockingDescriptorCalls(ApiModels &Models, const Json &Root,
                                     const std::string &Path) {
  forEachIn(Root, "nonblocking_descriptors", Path,
            [&](const Json &Entry, const std::string &At) {
              expectKeys(Entry, At, {"name", "descriptor_arg", "flags"});
              if (!Entry.contains("flags"))
                fail(At, "needs 'flags'");
              NonBlockingDescriptorCall Call;
              if (Entry.contains("descriptor_arg"))
                Call.DescriptorArg = argumentIndex(Entry["descriptor_arg"],
                                                   At + ".descriptor_arg");
              Call.When = flagArgument(Entry["flags"], At + ".flags");
              Models.NonBlockingDescriptorCalls[qualifiedName(
                  Entry.contains("name") ? Entry["name"] : Json(),
                  At + ".name")] = std::move(Call);
            });
}

void mergeReadinessWaits(ApiModels &Models, const Json &Root,
                         const std::string &Path) {
  forEachIn(Root, "readiness_waits", Path,
            [&](const Json &Entry, const std::string &At) {
              expectKeys(Entry, At, {"name", "descriptor_arg", "flags"});
              ReadinessWait Wait;
              if (Entry.contains("descriptor_arg"))
                Wait.DescriptorArg = argumentIndex(Entry["descriptor_arg"],
                                                   At + ".descriptor_arg");
              if (Entry.contains("flags"))
                Wait.When = flagArgument(Entry["flags"], At + ".flags");
              Models.ReadinessWaits[qualifiedName(
                  Entry.contains("name") ? Entry["name"] : Json(),
                  At + ".name")] = std::move(Wait);
            });
}

/// Each entry names either a "type" or a "factory".
void mergeChannels(ApiModels &Models, const Json &Root, const char *Key,
                   bool Bounded, llvm::StringMap<ChannelModel> &Types,
                   llvm::StringMap<ChannelModel> &Factories,
                   const std::string &Path) {
  forEachIn(Root, Key, Path, [&](const Json &Entry, const std::string &At) {
    if (Bounded)
      expectKeys(Entry, At, {"type", "factory", "capacity_arg", "instead"});
    else
      expectKeys(Entry, At, {"type", "factory", "instead"});
    if (Entry.contains("type") == Entry.contains("factory"))
      fail(At, "needs exactly one of 'type' and 'factory'");
    ChannelModel Channel;
    Channel.Instead = requiredString(Entry, "instead", At);
    if (Bounded) {
      if (!Entry.contains("capacity_arg") ||
          !Entry["capacity_arg"].is_number_unsigned())
        fail(At + ".capacity_arg", "must be a non-negative integer");
      Channel.CapacityArg = Entry["capacity_arg"].get<unsigned>();
    }
    bool IsType = Entry.contains("type");
    const char *NameKey = IsType ? "type" : "factory";
    std::string Name = qualifiedName(Entry[NameKey], At + "." + NameKey);
    (IsType ? Types : Factories)[Name] = std::move(Channel);
  });
}

void mergeChannelSends(ApiModels &Models, const Json &Root,
                       const std::string &Path) {
  forEachIn(Root, "channel_sends", Path,
            [&](const Json &Entry, const std::string &At) {
              expectKeys(Entry, At,
                         {"name", "result", "argument_call", "failure", "unwrap"});
              SendModel Send;
              std::string Result = requiredString(Entry, "result", At);
              if (Result != "returned" && Result != "awaited")
                fail(At + ".result", "must be \"returned\" or \"awaited\"");
              Send.Awaited = Result == "awaited";
              Send.Failure = requiredString(Entry, "failure", At);
              if (Entry.contains("argument_call"))
                Send.ArgumentCall = qualifiedName(Entry["argument_call"],
                                                  At + ".argument_call");
              Send.Unwrap = {"unwrap", "value"};
              if (Entry.contains("unwrap")) {
                Send.Unwrap.clear();
                forEachIn(Entry, "unwrap", At,
                          [&](const Json &Method, const std::string &Where) {
                            Send.Unwrap.push_back(qualifiedName(Method, Where));
                          });
              }
              Models.ChannelSends[qualifiedName(
                  Entry.contains("name") ? Entry["name"] : Json(),
                  At + ".name")] = std::move(Send);
            });
}

/// Each entry names either a "type" or a "factory", with the methods that
/// take a callable.
void mergeBlockingExecutors(ApiModels &Models, const Json &Root,
                            const std::string &Path) {
  forEachIn(Root, "blocking_executors", Path,
            [&](const Json &Entry, const std::string &At) {
              expectKeys(Entry, At, {"type", "factory", "methods", "reason"});
              if (Entry.contains("type") == Entry.contains("factory"))
                fail(At, "needs exactly one of 'type' and 'factory'");
              BlockingExecutor Executor;
              Executor.Reason = requiredString(Entry, "reason", At);
              forEachIn(Entry, "methods", At,
                        [&](const Json &Method, const std::string &Where) {
                          if (!Method.is_string() ||
                              Method.get_ref<const std::string &>().empty() ||
                              Method.get_ref<const std::string &>().find(
                                  "::") != std::string::npos)
                            fail(Where, "must be a method's unqualified name");
                          Executor.Methods.push_back(Method.get<std::string>());
                        });
              if (Executor.Methods.empty())
                fail(At + ".methods", "must name at least one method");
              bool IsType = Entry.contains("type");
              const char *NameKey = IsType ? "type" : "factory";
              std::string Name =
                  qualifiedName(Entry[NameKey], At + "." + NameKey);
              (IsType ? Models.BlockingExecutorTypes
                      : Models.BlockingExecutorFactories)[Name] =
                  std::move(Executor);
            });
}

void mergeAwaitables(ApiModels &Models, const Json &Section,
                     const std::string &Path) {
  expectKeys(Section, Path, {"never_suspend"});
  addNames(Models.NeverSuspendingAwaitables, Section, "never_suspend", Path);
}

void mergeDocument(ApiModels &Models, const Json &Root) {
  const std::string Path = "$";
  expectKeys(Root, Path,
             {"version", "mutexes", "lock_guards", "lock_tags",
              "lock_functions", "awaitables", "blocking_functions",
              "blocking_signatures", "nonblocking_descriptors",
              "readiness_waits", "unbounded_channels", "bounded_channels",
              "channel_sends", "blocking_executors"});
  if (!Root.contains("version") || Root["version"] != 1)
    fail(Path + ".version", "must be 1");
  if (Root.contains("mutexes"))
    mergeMutexes(Models, Root["mutexes"], Path + ".mutexes");
  mergeGuards(Models, Root, Path);
  if (Root.contains("lock_tags"))
    mergeLockTags(Models, Root["lock_tags"], Path + ".lock_tags");
  mergeLockFunctions(Models, Root, Path);
  if (Root.contains("awaitables"))
    mergeAwaitables(Models, Root["awaitables"], Path + ".awaitables");
  mergeBlockingFunctions(Models, Root, Path);
  mergeBlockingSignatures(Models, Root, Path);
  mergeNonBlockingDescriptorCalls(Models, Root, Path);
  mergeReadinessWaits(Models, Root, Path);
  mergeChannels(Models, Root, "unbounded_channels", /*Bounded=*/false,
                Models.UnboundedChannelTypes, Models.UnboundedChannelFactories,
                Path);
  mergeChannels(Models, Root, "bounded_channels", /*Bounded=*/true,
                Models.BoundedChannelTypes, Models.BoundedChannelFactories, Path);
  mergeChannelSends(Models, Root, Path);
  mergeBlockingExecutors(Models, Root, Path);
}

/// nlohmann's message without its "[json.exception.parse_error.101] " tag.
std::string jsonMessage(const Json::exception &Error) {
  llvm::StringRef Message = Error.what();
  if (Message.starts_with("[json.exception."))
    Message = Message.split("] ").second;
  return Message.str();
}

llvm::Error modelError(llvm::StringRef Origin, const std::string &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "model file '%s': %s", Origin.str().c_str(),
                                 Message.c_str());
}

llvm::Expected<std::shared_ptr<const ApiModels>>
buildModels(llvm::ArrayRef<std::string> ExtraFiles) {
  auto Models = std::make_shared<ApiModels>();
  for (const EmbeddedFile &Model : embeddedModels())
    if (llvm::Error Err = mergeModel(*Models, Model.Text, Model.Name))
      return std::move(Err);
  for (const std::string &File : ExtraFiles) {
    auto Buffer = llvm::MemoryBuffer::getFile(File, /*IsText=*/true);
    if (!Buffer)
      return modelError(File, "cannot be read: " + Buffer.getError().message());
    if (llvm::Error Err = mergeModel(*Models, (*Buffer)->getBuffer(), File))
      return std::move(Err);
  }
  return Models;
}

} // namespace

void ApiModels::addBlockingMutex(llvm::StringRef Type) {
  BlockingMutexes.try_emplace(Type);
}

llvm::Error mergeModel(ApiModels &Models, llvm::StringRef Text,
                       llvm::StringRef Origin) {
  try {
    mergeDocument(Models, Json::parse(Text.begin(), Text.end()));
  } catch (const ModelError &Error) {
    return modelError(Origin, Error.Path + " " + Error.Message);
  } catch (const Json::parse_error &Error) {
    return modelError(Origin, "is not valid JSON: " + jsonMessage(Error));
  } catch (const Json::exception &Error) {
    return modelError(Origin, jsonMessage(Error));
  }
  return llvm::Error::success();
}

llvm::Expected<std::shared_ptr<const ApiModels>>
loadModels(llvm::ArrayRef<std::string> ExtraFiles) {
  static std::mutex CacheMutex;
  static std::map<std::vector<std::string>, std::shared_ptr<const ApiModels>>
      Cache;
  std::vector<std::string> Key(ExtraFiles.begin(), ExtraFiles.end());
  std::lock_guard<std::mutex> Lock(CacheMutex);
  auto It = Cache.find(Key);
  if (It != Cache.end())
    return It->second;
  auto Models = buildModels(ExtraFiles);
  if (!Models)
    return Models.takeError();
  Cache.emplace(std::move(Key), *Models);
  return *Models;
}

} // namespace corolint
