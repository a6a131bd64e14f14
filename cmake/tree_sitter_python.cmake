# The tree-sitter-python grammar's C sources come from the npm registry (scripts/fetch-grammar.sh,
# run by `make deps`), pinned to a version whose parser ABI (14) Debian's runtime 0.20.7 accepts.
set(TS_PYTHON_DIR ${CMAKE_SOURCE_DIR}/third_party/tree-sitter-python)
if(EXISTS ${TS_PYTHON_DIR}/src/parser.c)
  add_library(tree_sitter_python STATIC ${TS_PYTHON_DIR}/src/parser.c ${TS_PYTHON_DIR}/src/scanner.c)
  target_include_directories(tree_sitter_python PUBLIC ${TS_PYTHON_DIR}/src)
  set_target_properties(tree_sitter_python PROPERTIES C_STANDARD 11)
  target_compile_options(tree_sitter_python PRIVATE -w)
else()
  message(FATAL_ERROR "tree-sitter-python sources missing: run scripts/fetch-grammar.sh (make deps does)")
endif()
