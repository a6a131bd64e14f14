#pragma once
// `restack-gen init`: writes the starter spec (starter.h) for a new project, never over an
// existing file unless asked, and only after checking that it validates.
#include <filesystem>
#include <optional>
#include <string>

#include "common/diagnostic.h"

namespace restack::scaffold {

struct InitRequest {
  /// The spec file to create; an existing folder (or a path ending in '/') gets restack.yaml.
  std::filesystem::path target = "restack.yaml";
  /// The workflow's name (PascalCase); empty: derived from the folder the spec goes into.
  std::string workflow_name;
  bool overwrite = false;
};

struct InitResult {
  std::filesystem::path spec_file;  // what was written
  std::string workflow_name;
  std::filesystem::path project_dir;  // where the comments suggest generating the project
};

/// Diagnostic codes, so a front end can map them to its exit codes.
inline constexpr const char* kInitBadName = "E-init-name";  // a usage error: the name given
inline constexpr const char* kInitExists = "E-init-exists";
inline constexpr const char* kInitWrite = "E-init-write";
inline constexpr const char* kInitInternal = "E-init-internal";  // the starter failed to validate

/// Writes the starter spec; on failure reports why to SINK and writes nothing.
std::optional<InitResult> init_spec(const InitRequest& request, DiagnosticSink& sink);

}  // namespace restack::scaffold
