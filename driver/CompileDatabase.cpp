#include "CompileDatabase.h"

#include "InputFiles.h"
#include "SourceFiles.h"
#include "YamlNesting.h"

#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/YAMLParser.h"
#include <optional>
#include <set>
#include <vector>

namespace corolint::driver {
namespace {

namespace yaml = llvm::yaml;

/// What is wrong with the database, and where.
struct Problem {
  std::string Message;
  llvm::SMLoc Where;
};

/// A JSON string literal of Text; bytes that are not ASCII are kept as they
/// are, so that a path that is not UTF-8 reaches clang unchanged.
std::string quoted(llvm::StringRef Text) {
  std::string Out = "\"";
  for (char C : Text) {
    auto Byte = static_cast<unsigned char>(C);
    if (C == '"' || C == '\\') {
      Out += '\\';
      Out += C;
    } else if (Byte < 0x20) {
      Out += "\\u00";
      Out += llvm::hexdigit(Byte >> 4, /*LowerCase=*/true);
      Out += llvm::hexdigit(Byte & 0xF, /*LowerCase=*/true);
    } else {
      Out += C;
    }
  }
  return Out + "\"";
}

/// The value of a JSON string (YAML, which the parser reads, also has
/// unquoted scalars: 5, true, null).
std::optional<std::string> scalar(yaml::Node *Node) {
  auto *Scalar = llvm::dyn_cast_or_null<yaml::ScalarNode>(Node);
  if (!Scalar || !Scalar->getRawValue().starts_with("\""))
    return std::nullopt;
  llvm::SmallString<128> Storage;
  return Scalar->getValue(Storage).str();
}

/// Where Node starts: for an array or object, at its bracket (the parser
/// starts them after it).
llvm::SMLoc startOf(yaml::Node *Node, llvm::StringRef Buffer) {
  const char *Start = Node->getSourceRange().Start.getPointer();
  bool Collection = llvm::isa<yaml::MappingNode, yaml::SequenceNode>(Node);
  if (Collection && Start > Buffer.begin() && (Start[-1] == '{' || Start[-1] == '['))
    --Start;
  return llvm::SMLoc::getFromPointer(Start);
}

/// One entry of the database, written back as JSON with its directory made
/// absolute against DatabaseDir.
std::optional<std::string> readEntry(yaml::Node *Node, llvm::StringRef Buffer,
                                     llvm::StringRef DatabaseDir, Problem &P) {
  auto *Entry = llvm::dyn_cast<yaml::MappingNode>(Node);
  if (!Entry) {
    P = {"expected a compile command (an object with \"directory\", \"file\" and "
         "\"arguments\" or \"command\")",
         startOf(Node, Buffer)};
    return std::nullopt;
  }
  std::optional<std::string> Directory, File, Command, Output;
  std::optional<std::vector<std::string>> Arguments;
  std::set<std::string> Keys;
  for (yaml::KeyValueNode &Pair : *Entry) {
    std::optional<std::string> Key = scalar(Pair.getKey());
    if (!Key) {
      P = {"expected a key (a string)", startOf(Pair.getKey(), Buffer)};
      return std::nullopt;
    }
    if (!Keys.insert(*Key).second) {
      P = {"duplicate key \"" + *Key + "\"", startOf(Pair.getKey(), Buffer)};
      return std::nullopt;
    }
    yaml::Node *Value = Pair.getValue();
    if (*Key == "arguments") {
      auto *List = llvm::dyn_cast<yaml::SequenceNode>(Value);
      if (!List) {
        P = {"\"arguments\" must be an array of strings", startOf(Value, Buffer)};
        return std::nullopt;
      }
      Arguments.emplace();
      for (yaml::Node &Argument : *List) {
        std::optional<std::string> Text = scalar(&Argument);
        if (!Text) {
          P = {"\"arguments\" must be an array of strings", startOf(&Argument, Buffer)};
          return std::nullopt;
        }
        Arguments->push_back(std::move(*Text));
      }
      continue;
    }
    std::optional<std::string> *Slot = *Key == "directory" ? &Directory
                                       : *Key == "file"    ? &File
                                       : *Key == "command" ? &Command
                                       : *Key == "output"  ? &Output
                                                           : nullptr;
    if (!Slot) {
      P = {"unknown key \"" + *Key + "\" (expected \"directory\", \"file\", "
           "\"arguments\", \"command\" or \"output\")",
           startOf(Pair.getKey(), Buffer)};
      return std::nullopt;
    }
    *Slot = scalar(Value);
    if (!*Slot) {
      P = {"\"" + *Key + "\" must be a string", startOf(Value, Buffer)};
      return std::nullopt;
    }
    if (*Key == "file" && (*Slot)->empty()) {
      P = {"\"file\" must not be empty", startOf(Value, Buffer)};
      return std::nullopt;
    }
  }
  if (!Directory || !File || (!Arguments && !Command)) {
    const char *Missing = !Directory ? "directory"
                          : !File    ? "file"
                                     : "arguments\" or \"command";
    P = {std::string("compile command without \"") + Missing + "\"", startOf(Node, Buffer)};
    return std::nullopt;
  }
  std::string Json = "{\"directory\": " + quoted(normalizePath(*Directory, DatabaseDir)) +
                     ", \"file\": " + quoted(*File);
  if (Output)
    Json += ", \"output\": " + quoted(*Output);
  if (Arguments) {
    Json += ", \"arguments\": [";
    for (size_t I = 0; I < Arguments->size(); ++I)
      Json += (I ? ", " : "") + quoted((*Arguments)[I]);
    Json += "]";
  } else if (Command) {
    Json += ", \"command\": " + quoted(*Command);
  }
  return Json + "}";
}

/// The database in Buffer with absolute directories, as JSON; on error,
/// nullopt with P set, or with P.Message empty when the parser reported a
/// syntax error through SM.
std::optional<std::string> readDatabase(llvm::MemoryBufferRef Buffer,
                                        llvm::SourceMgr &SM,
                                        llvm::StringRef DatabaseDir, Problem &P) {
  if (Buffer.getBuffer().trim().empty()) {
    P = {"the file is empty", llvm::SMLoc()};
    return std::nullopt;
  }
  // Syntax first, so that a file cut short is reported as such and not as
  // an entry with a missing value; and nesting, which the second reading
  // would follow recursively.
  bool SyntaxError = false;
  if (std::optional<llvm::SMLoc> TooDeep = tooDeeplyNested(Buffer, SM, SyntaxError)) {
    P = {"nested deeper than " + std::to_string(MaxYamlNesting) + " levels", *TooDeep};
    return std::nullopt;
  }
  if (SyntaxError)
    return std::nullopt;
  yaml::Stream Stream(Buffer, SM);
  yaml::document_iterator Document = Stream.begin();
  if (Document == Stream.end() || Stream.failed())
    return std::nullopt;
  yaml::Node *Root = Document->getRoot();
  if (!Root || Stream.failed())
    return std::nullopt;
  auto *Entries = llvm::dyn_cast<yaml::SequenceNode>(Root);
  if (!Entries) {
    P = {"expected an array of compile commands", startOf(Root, Buffer.getBuffer())};
    return std::nullopt;
  }
  std::string Json = "[";
  for (yaml::Node &Node : *Entries) {
    if (Stream.failed())
      return std::nullopt;
    std::optional<std::string> Entry = readEntry(&Node, Buffer.getBuffer(), DatabaseDir, P);
    if (!Entry)
      return std::nullopt;
    Json += (Json.size() > 1 ? ",\n" : "\n") + *Entry;
  }
  if (Stream.failed())
    return std::nullopt;
  return Json + "\n]\n";
}

} // namespace

std::unique_ptr<clang::tooling::CompilationDatabase>
loadJsonDatabase(const std::string &Path, std::string &Error) {
  std::string Contents;
  if (std::optional<std::string> Why = readInputFile(Path, Contents, Pipes::Read)) {
    Error = Path + ": " + *Why;
    return nullptr;
  }
  llvm::MemoryBufferRef Buffer(Contents, Path);
  llvm::SourceMgr SM;
  std::optional<llvm::SMDiagnostic> Syntax;
  SM.setDiagHandler(
      [](const llvm::SMDiagnostic &D, void *Context) {
        auto &First = *static_cast<std::optional<llvm::SMDiagnostic> *>(Context);
        if (!First)
          First = D;
      },
      &Syntax);
  Problem P;
  std::optional<std::string> Json = readDatabase(
      Buffer, SM, llvm::sys::path::parent_path(Path), P);
  if (!Json) {
    if (Syntax)
      Error = (Path + ":" + llvm::Twine(Syntax->getLineNo()) + ":" +
               llvm::Twine(Syntax->getColumnNo() + 1) + ": " + Syntax->getMessage())
                  .str();
    else if (P.Where.isValid()) {
      auto [Line, Column] = SM.getLineAndColumn(P.Where);
      Error = (Path + ":" + llvm::Twine(Line) + ":" + llvm::Twine(Column) + ": " +
               P.Message)
                  .str();
    } else {
      Error = Path + ": " + (P.Message.empty() ? "the file is empty" : P.Message);
    }
    return nullptr;
  }
  std::string LoadError;
  std::unique_ptr<clang::tooling::CompilationDatabase> Base =
      clang::tooling::JSONCompilationDatabase::loadFromBuffer(
          *Json, LoadError, clang::tooling::JSONCommandLineSyntax::AutoDetect);
  if (!Base) {
    Error = Path + ": " + LoadError;
    return nullptr;
  }
  return clang::tooling::inferTargetAndDriverMode(
      clang::tooling::inferMissingCompileCommands(clang::tooling::expandResponseFiles(
          std::move(Base), llvm::vfs::getRealFileSystem())));
}

} // namespace corolint::driver
