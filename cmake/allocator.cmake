# The allocator of the restack-gen executable (issues #3-#5: speed). A run allocates hundreds of
# thousands of small pieces (YAML nodes, the spec's model, a project's template context) from
# one to three threads. mimalloc (Debian's libmimalloc-dev) serves them from per-thread pages
# without locks and with huge-page-backed segments; measured against glibc's malloc (tuned as in
# src/cli/heap_tuning.cc) on bench/: validate ~35% less CPU, generate and render 5-15%.
# Only the executable links it: the libraries use whatever allocator their host program uses.
# Not with sanitizers: they bring an allocator of their own, which is how they find misuse.
option(RESTACK_MIMALLOC "Link the restack-gen executable with mimalloc when it is installed" ON)

# restack_fast_allocator(TARGET): links mimalloc into TARGET (an executable) when enabled and
# found, and tells the code (RESTACK_HAVE_MIMALLOC) so heap_tuning.cc sets its options.
function(restack_fast_allocator target)
  if(NOT RESTACK_MIMALLOC OR RESTACK_SANITIZE OR RESTACK_FUZZ)
    return()
  endif()
  find_package(mimalloc CONFIG QUIET)
  if(NOT mimalloc_FOUND)
    message(STATUS "mimalloc not found (apt install libmimalloc-dev): restack-gen uses glibc's malloc")
    return()
  endif()
  # First on the link line, so the executable's malloc/free/new/delete resolve to mimalloc's and
  # libmimalloc.so comes before libc in the search order of the dynamic loader.
  target_link_libraries(${target} PRIVATE mimalloc)
  target_compile_definitions(${target} PRIVATE RESTACK_HAVE_MIMALLOC=1)
  message(STATUS "restack-gen links mimalloc ${mimalloc_VERSION}")
endfunction()
