# corolint_embed_files(OUTPUT <source> FUNCTION <qualified name>
#                      HEADER <header declaring it> INPUTS <files...>
#                      [STRIP_EXTENSION])
# Generates <source>, defining a function that returns every input file as an
# llvm::ArrayRef<corolint::EmbeddedFile>, named by its file name (without the
# extension with STRIP_EXTENSION).
function(corolint_embed_files)
  cmake_parse_arguments(ARG "STRIP_EXTENSION" "OUTPUT;FUNCTION;HEADER" "INPUTS" ${ARGN})
  string(REPLACE ";" "|" inputs "${ARG_INPUTS}")
  add_custom_command(
    OUTPUT ${ARG_OUTPUT}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${ARG_OUTPUT} "-DINPUTS=${inputs}"
            -DFUNCTION=${ARG_FUNCTION} -DHEADER=${ARG_HEADER}
            -DSTRIP_EXTENSION=${ARG_STRIP_EXTENSION}
            -P ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/WriteEmbeddedFiles.cmake
    DEPENDS ${ARG_INPUTS} ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/WriteEmbeddedFiles.cmake
    COMMENT "Embedding ${ARG_FUNCTION}"
    VERBATIM)
endfunction()
