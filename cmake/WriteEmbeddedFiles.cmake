# Script mode, run by corolint_embed_files (EmbedFiles.cmake): writes OUTPUT.
string(REPLACE "|" ";" INPUTS "${INPUTS}")
string(REGEX MATCH "^(.*)::([^:]+)$" qualified "${FUNCTION}")
set(namespace "${CMAKE_MATCH_1}")
set(function "${CMAKE_MATCH_2}")
set(body "#include \"${HEADER}\"\n\nnamespace {\n")
set(table "")
set(index 0)
foreach(input IN LISTS INPUTS)
  if(STRIP_EXTENSION)
    get_filename_component(name ${input} NAME_WE)
  else()
    get_filename_component(name ${input} NAME)
  endif()
  file(READ ${input} hex HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  # unsigned: bytes above 0x7f (UTF-8 text) would not narrow to char.
  string(APPEND body "const unsigned char File${index}[] = {${bytes} 0};\n")
  string(APPEND table "      {\"${name}\", reinterpret_cast<const char *>(File${index})},\n")
  math(EXPR index "${index} + 1")
endforeach()
if(index EQUAL 0)
  set(table "      {nullptr, nullptr},\n")
endif()
string(APPEND body "} // namespace\n\n"
  "namespace ${namespace} {\n\n"
  "llvm::ArrayRef<corolint::EmbeddedFile> ${function}() {\n"
  "  static const corolint::EmbeddedFile Files[] = {\n${table}  };\n"
  "  return llvm::ArrayRef<corolint::EmbeddedFile>(Files).take_front(${index});\n}\n\n"
  "} // namespace ${namespace}\n")
file(WRITE ${OUTPUT}.tmp "${body}")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
