#pragma once
// The generator's pipeline steps: template context (context.h) -> rendered files in an
// OutputTree -> self-check of the generated Python files. generate.h runs them in order;
// writing the tree to disk is the caller's (output_tree.h), so nothing is written unless every
// step succeeded.
#include <functional>
#include <map>
#include <memory>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostic.h"
#include "generate/context.h"
#include "generate/output_tree.h"
#include "generate/template_set.h"
#include "spec/model.h"

namespace restack::generate {

class BodyProvider;

struct RenderResult {
  bool ok = false;
  bool internal = false;  // the failure is a bug in the templates (exit 4), not in the input
};

/// Where rendered files go besides TREE: written into STAGE by the render threads as soon as
/// each is rendered (so that writing overlaps rendering), only the files KEEP selects staying
/// in TREE too (what the self-check reads; null: none). KEEP is given the file and, for a
/// function's or workflow's file, its context (else null).
struct RenderStream {
  StagedTree* stage = nullptr;
  const std::function<bool(const PlannedFile& file, const tmpl::Value* item)>* keep = nullptr;
};

/// Renders the planned files of one project as their data becomes ready: a function's or
/// workflow's file as soon as its context is built (render_item, called by the context
/// builder's threads through ContextOptions::on_item), the rest once the whole context is
/// (finish). The files and diagnostics are those of render_project.
class ProjectRender {
 public:
  /// PLAN (kept by reference) is the project's file_plan; see render_project for the rest.
  ProjectRender(const std::vector<TemplateSource>& templates, bool templates_are_ours, const std::vector<PlannedFile>& plan,
                unsigned jobs, const RenderStream* stream);
  ~ProjectRender();
  /// Renders (and streams) the file of one item; safe on several threads for different items.
  void render_item(PlannedFile::Item kind, size_t index, const tmpl::Value& item, const tmpl::Value& generator,
                   const tmpl::Value& project);
  /// Takes a complete top-level part of the context (PartReady, context.h) and renders, on this
  /// thread, every project-wide file whose template names no part still missing (src/models.py
  /// as soon as the models are built, the README once everything is). Safe on several threads.
  /// A file that fails this way is rendered again by finish(), with the whole context.
  void part_ready(std::string_view key, const tmpl::Value& value);
  /// Renders every file not rendered yet with DATA (the whole context) on up to JOBS threads,
  /// then puts the files into TREE (those not streamed) and the problems into SINK, in plan order.
  RenderResult finish(const tmpl::Value& data, OutputTree& tree, DiagnosticSink& sink);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// The top-level parts of the context a template's tags name, as a bit set over
/// kContextParts (pipeline.cc), from the template engine's tokens: a conservative reading (a
/// local variable named like a part counts too; a template that includes, imports or extends
/// another, or does not lex, needs every part; a raw block names nothing). What decides when a
/// project-wide file can be rendered.
uint32_t context_parts_named_by(std::string_view template_text);
/// Every part (context_parts_named_by's answer when it cannot tell).
uint32_t all_context_parts();
/// The bit of part KEY ("functions", "project"...), 0 for a name that is not one.
uint32_t context_part_bit(std::string_view key);

/// Renders every file of CONTEXT.files with TEMPLATES into TREE (or STREAM); every thread reads
/// the one shared CONTEXT.data. Problems (a template error, a path clash, a file that cannot
/// be written) go to SINK. TEMPLATES_ARE_OURS: errors in
/// them are internal errors (the embedded set) rather than input errors (`--templates DIR`).
/// Files are rendered on up to JOBS threads (0 = default_jobs(), parallel.h); the tree and the
/// diagnostics are the same for every JOBS. When the plan's paths clash or are unsafe, nothing
/// is streamed (the errors are those TREE gives).
RenderResult render_project(const Context& context, const std::vector<TemplateSource>& templates,
                            bool templates_are_ours, OutputTree& tree, DiagnosticSink& sink, unsigned jobs = 0,
                            const RenderStream* stream = nullptr);

/// Which generated modules self_check() runs the checker on.
enum class SelfCheckScope {
  /// Modules holding a user's `code:` or an LLM-written body: the only generated text that
  /// does not come from the bundled templates filled with names, annotations and literals the
  /// generator computed. Template-only modules are covered by the test suite, which checks every
  /// file (kAll) of the examples and of random specs (docs/generate.md, "Self-check").
  kUserCode,
  kAll,  // every .py file
};

/// The modules holding a user's `code:` or an LLM-written body: path -> origin ("code" or
/// "llm"), from a built context.
std::map<std::string, std::string> user_code_modules(const Context& context);

/// Runs restack-gen's own checker over the generated .py files of TREE that SCOPE selects.
/// USER_CODE: user_code_modules() of the context TREE was rendered from.
/// Findings in code the templates wrote are errors: a bug in restack-gen when TEMPLATES_ARE_OURS
/// (exit 4), otherwise a problem in the user's --templates (exit 1). Findings in modules holding
/// a user's `code:` or an LLM body are warnings. Returns whether a template-written module has
/// an error. Modules are checked on up to JOBS threads, findings reported in path order.
bool self_check(const OutputTree& tree, const std::map<std::string, std::string>& user_code, DiagnosticSink& sink,
                SelfCheckScope scope = SelfCheckScope::kAll, unsigned jobs = 0, bool templates_are_ours = true);

}  // namespace restack::generate
