#pragma once
// The template context: the resolved spec model made template-ready. Names in every case
// style, Python annotations, per-module import lists computed from the types actually used,
// model classes with defaults as Python literals, step calls with effective timeouts, retry
// policies and task queues, data-flow expressions, parallel groups, child workflows, sleeps,
// output construction and schedules. Templates only arrange this text; they decide nothing.
// `restack-gen generate --dump-context` prints it; docs/generate.md describes every key.
//
// The context is built directly as template values (no JSON step in between) and never
// modified afterwards, so every render thread reads the same one (template/value.h: a built
// Value is safe to read concurrently).
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "common/teardown.h"
#include "spec/model.h"
#include "template/value.h"

namespace restack::generate {

class BodyProvider;

/// One file of the generated project: which template renders it, with which data.
struct PlannedFile {
  enum class Item { kWhole, kFunction, kWorkflow };
  std::string path;           // relative to the output folder
  std::string template_name;  // e.g. "workflow.py.j2"
  /// kWhole: the whole context; otherwise "generator", "project" and the INDEX-th function
  /// (as "function") or workflow (as "workflow").
  Item item = Item::kWhole;
  size_t index = 0;

  /// "" / "functions/N" / "workflows/N", as --dump-context shows it.
  std::string item_text() const;
};

/// Told that the context of the INDEX-th function or workflow (KIND) is ready: ITEM, with the
/// context's "generator" and "project" dicts (what its file is rendered with). Called on the
/// thread that built it, so possibly on several threads at once.
using ItemReady = std::function<void(PlannedFile::Item kind, size_t index, const tmpl::Value& item,
                                     const tmpl::Value& generator, const tmpl::Value& project)>;

/// Told that a top-level part of the context is complete: KEY is "generator", "project",
/// "models_module", "services", "schedule", "tests", "functions" or "workflows", VALUE what the
/// context will hold under it. Called once per part, as soon as it is built, on the thread that
/// built it (so possibly on several threads at once).
using PartReady = std::function<void(std::string_view key, const tmpl::Value& value)>;

struct ContextOptions {
  std::string generator_version;
  /// Threads building the modules' contexts (0 = default_jobs(), parallel.h); 1 when the body
  /// provider is not concurrent(). The context is the same for every count.
  unsigned jobs = 0;
  /// Null, or told of every function's and workflow's context as soon as it is built (so that
  /// its file is rendered while the others are built).
  const ItemReady* on_item = nullptr;
  /// Null, or told of every top-level part as soon as it is complete (so that the files made
  /// from it alone are rendered while the rest is built).
  const PartReady* on_part = nullptr;
  /// What becomes of the builder's helper threads (parallel_for): joined, or left to the
  /// process's exit (the CLI, see GenerateOptions::teardown).
  Teardown threads = Teardown::kFree;
  /// Null, or called by each builder thread that has no module left to build (parallel_for's
  /// OUT_OF_WORK): the generator has it help write the files still queued.
  const std::function<void()>* out_of_work = nullptr;
  /// False: Context::files is left empty, for a caller that planned the files from the project
  /// (file_plan(project), the same plan) and would otherwise pay for a second one.
  bool plan_files = true;
};

struct Context {
  /// The dict the templates see: generator, models_module, functions, project, schedule,
  /// services, tests, workflows. Every dict's keys are in sorted order, the order
  /// --dump-context prints them (and the Python reference iterates them).
  tmpl::Value data;
  std::vector<PlannedFile> files;  // "files" in --dump-context
};

/// Builds the context for PROJECT, asking BODIES for every function body, and plans its files.
/// Deterministic: the same project gives the same context (keys sorted, lists in spec order).
Context build_context(const spec::Project& project, BodyProvider& bodies, const ContextOptions& options);

/// Which file each template renders to, with which part of DATA (a built context).
std::vector<PlannedFile> file_plan(const tmpl::Value& data);
/// The same plan from the project, before its context is built.
std::vector<PlannedFile> file_plan(const spec::Project& project);

/// The context as JSON text (indented by 2, keys sorted), with "files": [{path, template, item}].
/// What `generate --dump-context` prints and the Python reference renders from.
std::string context_json(const Context& context);

/// DICT[KEY] of a built context (a dict); throws std::out_of_range when KEY is missing.
const tmpl::Value& context_at(const tmpl::Value& dict, std::string_view key);
/// DICT[KEY] as a string ("" when it is not a string).
const std::string& context_string(const tmpl::Value& dict, std::string_view key);

/// context_at/context_string for one KEY read from many dicts that one call site built (the
/// items of "functions", say): those share their key order, so the position where KEY was found
/// last is checked first, and a dict laid out otherwise is scanned as context_at does.
class ContextKey {
 public:
  explicit ContextKey(std::string_view key) : key_(key) {}
  const tmpl::Value& at(const tmpl::Value& dict);
  const std::string& string(const tmpl::Value& dict);

 private:
  std::string_view key_;
  size_t position_ = 0;
};

}  // namespace restack::generate
