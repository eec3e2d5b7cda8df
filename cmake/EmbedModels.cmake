# Writes OUTPUT, a C++ source that holds every JSON file of INPUTS
# (separated by "|") as bytes.
string(REPLACE "|" ";" INPUTS "${INPUTS}")
set(body "#include \"Models.h\"\n\nnamespace corolint {\nnamespace {\n")
set(table "")
set(index 0)
foreach(input IN LISTS INPUTS)
  get_filename_component(name ${input} NAME)
  file(READ ${input} hex HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  # unsigned: bytes above 0x7f (UTF-8 text) would not narrow to char.
  string(APPEND body "const unsigned char Model${index}[] = {${bytes} 0};\n")
  string(APPEND table "    {\"${name}\", reinterpret_cast<const char *>(Model${index})},\n")
  math(EXPR index "${index} + 1")
endforeach()
string(APPEND body "} // namespace\n\n"
  "llvm::ArrayRef<EmbeddedModel> embeddedModels() {\n"
  "  static const EmbeddedModel Models[] = {\n${table}  };\n"
  "  return Models;\n}\n\n} // namespace corolint\n")
file(WRITE ${OUTPUT}.tmp "${body}")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
