#pragma once
// The template context: the resolved spec model made template-ready. Names in every case
// style, Python annotations, per-module import lists computed from the types actually used,
// model classes with defaults as Python literals, step calls with effective timeouts, retry
// policies and task queues, data-flow expressions, parallel groups, child workflows, sleeps,
// output construction and schedules. Templates only arrange this text; they decide nothing.
// `restack-gen generate --dump-context` prints it; docs/generate.md describes every key.
#include <string>

#include <nlohmann/json.hpp>

#include "spec/model.h"

namespace restack::generate {

class BodyProvider;

struct ContextOptions {
  std::string generator_version;
};

/// Builds the context for PROJECT, asking BODIES for every function body. Deterministic: the
/// same project gives the same JSON (object keys sorted, lists in spec order).
nlohmann::json build_context(const spec::Project& project, BodyProvider& bodies, const ContextOptions& options);

}  // namespace restack::generate
