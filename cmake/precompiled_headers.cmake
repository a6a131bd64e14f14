# Precompiled headers: nearly every translation unit includes the same heavy headers (the
# standard library, nlohmann/json, fmt; GoogleTest in tests; CLI11 in the CLI). Parsing them
# once per target instead of once per file roughly halves a clean build, which is what keeps
# `make test` from a fresh clone inside its time budget on 2 cores.
option(RESTACK_PCH "Use precompiled headers" ON)

set(RESTACK_PCH_COMMON
  <algorithm> <array> <chrono> <cmath> <cstdint> <cstring> <filesystem> <functional> <map>
  <memory> <mutex> <optional> <set> <sstream> <string> <string_view> <unordered_map> <utility>
  <vector> <nlohmann/json.hpp> <fmt/format.h>)

# restack_precompile(TARGET [EXTRA_HEADERS...])
function(restack_precompile target)
  if(RESTACK_PCH)
    target_precompile_headers(${target} PRIVATE ${RESTACK_PCH_COMMON} ${ARGN})
  endif()
endfunction()
