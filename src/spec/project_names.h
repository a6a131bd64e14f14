#pragma once
// Functions and workflows of a project looked up by name in constant time. The validator and
// the data-flow pass look a callee up for every step; Project::find_function scans.
#include <cstdint>
#include <memory_resource>
#include <string_view>
#include <unordered_map>

#include "spec/model.h"

namespace restack::spec {

/// A hash for names (a few bytes of identifier): FNV-1a inline, cheaper than std::hash's
/// out-of-line hash for such short keys.
struct NameHash {
  size_t operator()(std::string_view s) const noexcept {
    uint64_t h = 14695981039346656037ull;
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    return static_cast<size_t>(h);
  }
};

/// Names (viewing strings that outlive the map) to V, for the per-workflow indexes of the
/// validator and the data-flow pass: one entry per step, so nodes come from a memory resource
/// (a std::pmr::monotonic_buffer_resource declared before the map) rather than one malloc each.
template <typename V>
using NameMap = std::pmr::unordered_map<std::string_view, V, NameHash>;

/// The first function and the first workflow of each name, as Project::find_function and
/// find_workflow give them. Keys view the project's own strings: the project must outlive this
/// index, and its function and workflow lists must not change while it is used.
class ProjectNames {
 public:
  explicit ProjectNames(const Project& project);
  const Function* function(std::string_view name) const;
  const Workflow* workflow(std::string_view name) const;

 private:
  std::unordered_map<std::string_view, const Function*, NameHash> functions_;
  std::unordered_map<std::string_view, const Workflow*, NameHash> workflows_;
};

}  // namespace restack::spec
