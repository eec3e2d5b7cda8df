#include "YamlNesting.h"

#include "llvm/Support/YAMLParser.h"
#include <vector>

namespace corolint::driver {
namespace {

namespace yaml = llvm::yaml;

/// One open array or object. Its current entry is walked before the
/// collection moves past it: moving past an entry not yet read would skip
/// it, recursively.
struct Level {
  yaml::SequenceNode *Sequence = nullptr;
  yaml::SequenceNode::iterator SequenceAt;
  yaml::MappingNode *Mapping = nullptr;
  yaml::MappingNode::iterator MappingAt;
  /// 0: the current entry is not walked yet; for an object's entry, 1: its
  /// key is walked; 2: its value too.
  unsigned Walked = 0;
};

} // namespace

std::optional<llvm::SMLoc> tooDeeplyNested(llvm::MemoryBufferRef Buffer,
                                           llvm::SourceMgr &SM, bool &SyntaxError) {
  yaml::Stream Stream(Buffer, SM);
  SyntaxError = false;
  for (yaml::document_iterator Document = Stream.begin(); Document != Stream.end();
       ++Document) {
    std::vector<Level> Open;
    std::optional<llvm::SMLoc> TooDeep;
    auto Enter = [&](yaml::Node *Node) {
      if (!Node || Stream.failed())
        return;
      auto *Sequence = llvm::dyn_cast<yaml::SequenceNode>(Node);
      auto *Mapping = llvm::dyn_cast<yaml::MappingNode>(Node);
      if (!Sequence && !Mapping)
        return;
      if (Open.size() >= MaxYamlNesting) {
        // At its bracket: the parser starts a flow collection after it.
        const char *Start = Node->getSourceRange().Start.getPointer();
        if (Start > Buffer.getBufferStart() && (Start[-1] == '[' || Start[-1] == '{'))
          --Start;
        TooDeep = llvm::SMLoc::getFromPointer(Start);
        return;
      }
      Level New;
      if (Sequence) {
        New.Sequence = Sequence;
        New.SequenceAt = Sequence->begin();
      } else {
        New.Mapping = Mapping;
        New.MappingAt = Mapping->begin();
      }
      Open.push_back(New);
    };
    Enter(Document->getRoot());
    while (!Open.empty() && !TooDeep && !Stream.failed()) {
      Level &Top = Open.back();
      if (Top.Sequence) {
        if (Top.SequenceAt == Top.Sequence->end()) {
          Open.pop_back();
        } else if (Top.Walked == 0) {
          Top.Walked = 1;
          Enter(&*Top.SequenceAt);
        } else {
          Top.Walked = 0;
          ++Top.SequenceAt;
        }
        continue;
      }
      if (Top.MappingAt == Top.Mapping->end()) {
        Open.pop_back();
      } else if (Top.Walked == 0) {
        Top.Walked = 1;
        Enter(Top.MappingAt->getKey());
      } else if (Top.Walked == 1) {
        Top.Walked = 2;
        Enter(Top.MappingAt->getValue());
      } else {
        Top.Walked = 0;
        ++Top.MappingAt;
      }
    }
    SyntaxError = Stream.failed();
    if (TooDeep || SyntaxError)
      return TooDeep;
  }
  SyntaxError = Stream.failed();
  return std::nullopt;
}

} // namespace corolint::driver
