#pragma once
// The generator's pipeline: resolved project -> template context -> rendered files in an
// OutputTree -> self-check of every generated Python file. Writing the tree to disk is the
// caller's (output_tree.h), so nothing is written unless every step succeeded.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/diagnostic.h"
#include "generate/output_tree.h"
#include "generate/template_set.h"
#include "spec/model.h"

namespace restack::generate {

class BodyProvider;

/// Which file each template renders to, with which part of the context. Added to the context
/// as "files": [{path, template, item}] where item is "" (the whole context) or
/// "functions/N" / "workflows/N" (that entry, plus "generator" and "project").
nlohmann::json file_plan(const nlohmann::json& context);

struct RenderResult {
  bool ok = false;
  bool internal = false;  // the failure is a bug in the templates (exit 4), not in the input
};

/// Renders every file of CONTEXT["files"] with TEMPLATES into TREE. Problems (a template error,
/// a path clash, a checker finding in generated code) go to SINK. TEMPLATES_ARE_OURS: errors in
/// them are internal errors (the embedded set) rather than input errors (`--templates DIR`).
RenderResult render_project(const nlohmann::json& context, const std::vector<TemplateSource>& templates,
                            bool templates_are_ours, OutputTree& tree, DiagnosticSink& sink);

/// Runs restack-gen's own checker over every generated .py file of TREE. Findings in code the
/// generator wrote are errors (exit 4: a template bug); findings in modules holding a user's
/// `code:` body are warnings. Returns whether an internal error was found.
bool self_check(const OutputTree& tree, const nlohmann::json& context, DiagnosticSink& sink);

}  // namespace restack::generate
