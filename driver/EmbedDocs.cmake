# Writes OUTPUT, a C++ source that holds every check page of INPUTS
# (separated by "|") as bytes, keyed by the page's name without ".md".
string(REPLACE "|" ";" INPUTS "${INPUTS}")
set(body "#include \"CheckDocs.h\"\n\nnamespace corolint::driver {\nnamespace {\n")
set(table "")
set(index 0)
foreach(input IN LISTS INPUTS)
  get_filename_component(name ${input} NAME_WE)
  file(READ ${input} hex HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  string(APPEND body "const unsigned char Doc${index}[] = {${bytes} 0};\n")
  string(APPEND table "    {\"${name}\", reinterpret_cast<const char *>(Doc${index})},\n")
  math(EXPR index "${index} + 1")
endforeach()
if(index EQUAL 0)
  set(table "    {nullptr, nullptr},\n")
endif()
string(APPEND body "} // namespace\n\n"
  "llvm::ArrayRef<EmbeddedDoc> embeddedDocs() {\n"
  "  static const EmbeddedDoc Docs[] = {\n${table}  };\n"
  "  return llvm::ArrayRef<EmbeddedDoc>(Docs).take_front(${index});\n}\n\n"
  "} // namespace corolint::driver\n")
file(WRITE ${OUTPUT}.tmp "${body}")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
