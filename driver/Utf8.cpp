#include "Utf8.h"

namespace corolint::driver {

Utf8Sequence nextUtf8Sequence(llvm::StringRef Text) {
  auto Byte = [&](size_t I) { return static_cast<unsigned char>(Text[I]); };
  unsigned char Lead = Byte(0);
  if (Lead < 0x80)
    return {1, true};
  // The well-formed sequences (the Unicode Standard, table 3-7): the length
  // the lead byte announces, and the range of the byte after it.
  size_t Length = 0;
  unsigned char SecondMin = 0x80;
  unsigned char SecondMax = 0xBF;
  if (Lead >= 0xC2 && Lead <= 0xDF) {
    Length = 2;
  } else if (Lead >= 0xE0 && Lead <= 0xEF) {
    Length = 3;
    SecondMin = Lead == 0xE0 ? 0xA0 : 0x80;
    SecondMax = Lead == 0xED ? 0x9F : 0xBF;
  } else if (Lead >= 0xF0 && Lead <= 0xF4) {
    Length = 4;
    SecondMin = Lead == 0xF0 ? 0x90 : 0x80;
    SecondMax = Lead == 0xF4 ? 0x8F : 0xBF;
  } else {
    return {1, false};
  }
  for (size_t I = 1; I < Length; ++I) {
    if (I >= Text.size())
      return {I, false};
    unsigned char Min = I == 1 ? SecondMin : 0x80;
    unsigned char Max = I == 1 ? SecondMax : 0xBF;
    if (Byte(I) < Min || Byte(I) > Max)
      return {I, false};
  }
  return {Length, true};
}

bool isValidUtf8(llvm::StringRef Text) {
  while (!Text.empty()) {
    Utf8Sequence Sequence = nextUtf8Sequence(Text);
    if (!Sequence.Valid)
      return false;
    Text = Text.drop_front(Sequence.Length);
  }
  return true;
}

std::string toValidUtf8(llvm::StringRef Text) {
  std::string Result;
  Result.reserve(Text.size());
  while (!Text.empty()) {
    Utf8Sequence Sequence = nextUtf8Sequence(Text);
    if (Sequence.Valid)
      Result.append(Text.begin(), Text.begin() + Sequence.Length);
    else
      Result += "\xEF\xBF\xBD";
    Text = Text.drop_front(Sequence.Length);
  }
  return Result;
}

void makeStringsValidUtf8(nlohmann::ordered_json &Document) {
  if (Document.is_string()) {
    const std::string &Text = Document.get_ref<const std::string &>();
    if (!isValidUtf8(Text))
      Document = toValidUtf8(Text);
    return;
  }
  if (Document.is_structured())
    for (nlohmann::ordered_json &Item : Document)
      makeStringsValidUtf8(Item);
}

} // namespace corolint::driver
