# Precompiled headers: nearly every translation unit includes the same heavy headers (the
# standard library, nlohmann/json, fmt; GoogleTest in tests; CLI11 in the CLI). Parsing them
# once per target instead of once per file roughly halves a clean build, which is what keeps
# `make test` from a fresh clone inside its time budget on 2 cores.
option(RESTACK_PCH "Use precompiled headers" ON)

set(RESTACK_PCH_COMMON
  <algorithm> <array> <chrono> <cmath> <cstdint> <cstring> <filesystem> <functional> <map>
  <memory> <mutex> <optional> <set> <sstream> <string> <string_view> <unordered_map> <utility>
  <vector> <nlohmann/json.hpp> <fmt/format.h>)

# restack_precompile(TARGET [EXTRA_HEADERS...]): the first target given a header list compiles
# it; every later target with the same list reuses that artifact (REUSE_FROM). So all libraries
# share one PCH and all test binaries another: each PCH costs ~11 s of compilation under ASan,
# and compiling one per target was over a minute of a clean 2-core `make test`. The targets'
# extra -D flags (httplib's, the tests' paths) do not touch these headers, which is what GCC
# requires of a reused PCH.
function(restack_precompile target)
  if(NOT RESTACK_PCH)
    return()
  endif()
  set(headers ${RESTACK_PCH_COMMON} ${ARGN})
  string(SHA1 key "${headers}")
  get_property(owner GLOBAL PROPERTY RESTACK_PCH_OWNER_${key})
  if(owner)
    target_precompile_headers(${target} REUSE_FROM ${owner})
  else()
    set_property(GLOBAL PROPERTY RESTACK_PCH_OWNER_${key} ${target})
    target_precompile_headers(${target} PRIVATE ${headers})
  endif()
endfunction()
