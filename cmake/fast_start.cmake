# Start-up time (issue #3: `restack-gen --version` under 5 ms). A short command spends most of
# its time in the dynamic loader: every shared library is one more file to map, relocate and
# look symbols up in. So:
#   - libcurl is not linked at all: src/llm/curl_library.h dlopen()s it on the first LLM request
#     (it alone brought ~30 libraries: TLS, Kerberos, LDAP, SSH...);
#   - the small C libraries Debian also ships as static archives (tree-sitter, SQLite, hiredis)
#     are linked from their .a;
#   - the executable is linked with -O1 (smaller hash chains), --as-needed (no DT_NEEDED for a
#     library nothing references) and packed relative relocations (DT_RELR: the ~40k relative
#     relocations of a PIE become a small bitmap). Binding stays lazy, the default: a short run
#     calls only a few of its imported functions.
# libstdc++ stays shared while C++ libraries (yaml-cpp, fmt) are linked as .so: a second, static
# copy next to theirs would cost more than it saves.
option(RESTACK_STATIC_DEPS "Link tree-sitter, SQLite and hiredis from their static archives when present" ON)

# restack_prefer_static(TARGET): rewrite an imported target's shared libraries (.so paths in
# IMPORTED_LOCATION or INTERFACE_LINK_LIBRARIES) to the sibling .a where one exists.
function(restack_prefer_static target)
  foreach(property IMPORTED_LOCATION INTERFACE_LINK_LIBRARIES)
    get_target_property(libraries ${target} ${property})
    if(NOT libraries)
      continue()
    endif()
    set(rewritten)
    foreach(library IN LISTS libraries)
      # Two ifs: ${CMAKE_MATCH_1} is expanded before the condition is evaluated.
      if(library MATCHES "^(.*/lib[^/]+)\\.so(\\.[0-9.]+)?$")
        if(EXISTS "${CMAKE_MATCH_1}.a")
          set(library "${CMAKE_MATCH_1}.a")
        endif()
      endif()
      list(APPEND rewritten "${library}")
    endforeach()
    set_target_properties(${target} PROPERTIES ${property} "${rewritten}")
  endforeach()
endfunction()

if(RESTACK_STATIC_DEPS)
  restack_prefer_static(PkgConfig::TREESITTER)
  restack_prefer_static(PkgConfig::HIREDIS)
  restack_prefer_static(SQLite::SQLite3)
  get_target_property(sqlite_location SQLite::SQLite3 IMPORTED_LOCATION)
  if(sqlite_location MATCHES "\\.a$")
    # What the shared libsqlite3 would have brought along (math functions, threads, dlopen for
    # extensions).
    set_property(TARGET SQLite::SQLite3 APPEND PROPERTY INTERFACE_LINK_LIBRARIES m Threads::Threads ${CMAKE_DL_LIBS})
  endif()
endif()

include(CheckLinkerFlag)
check_linker_flag(CXX "-Wl,-z,pack-relative-relocs" RESTACK_HAVE_PACKED_RELOCS)

# restack_fast_start(TARGET): the link flags above, for an executable.
function(restack_fast_start target)
  target_link_options(${target} PRIVATE -Wl,-O1 -Wl,--as-needed)
  if(RESTACK_HAVE_PACKED_RELOCS)
    target_link_options(${target} PRIVATE -Wl,-z,pack-relative-relocs)
  endif()
endfunction()
