#include "generate/pipeline.h"

#include <fmt/format.h>

#include <array>
#include <map>
#include <mutex>
#include <optional>
#include <string_view>
#include <unordered_set>
#include <utility>

#include "check/checker.h"
#include "generate/parallel.h"
#include "template/environment.h"
#include "template/lexer.h"

namespace restack::generate {

/// One file of the plan, rendered (or failed) by a worker; merged in plan order afterwards.
/// (Outside the anonymous namespace: ProjectRender::State holds them.)
struct RenderedFile {
  std::string text;
  std::optional<Diagnostic> error;
  std::optional<std::string> write_error;  // streamed, and writing it failed
  bool streamed = false;                   // written to the stage, text not kept
};

namespace {

/// Whether every planned path is safe and used once: the condition to stream files as they are
/// rendered (otherwise OutputTree::add reports the problems, in plan order, and nothing is
/// written).
bool plan_paths_ok(const std::vector<PlannedFile>& files) {
  std::unordered_set<std::string_view> seen;
  seen.reserve(files.size());
  for (const auto& f : files)
    if (!safe_relative_path(f.path) || !seen.insert(f.path).second) return false;
  return true;
}

/// The data a per-item file is rendered with: "generator", "project" and one function (as
/// "function") or workflow (as "workflow"), shared with the whole context (read only).
tmpl::Value item_context(PlannedFile::Item kind, const tmpl::Value& item, const tmpl::Value& generator,
                         const tmpl::Value& project) {
  const bool function = kind == PlannedFile::Item::kFunction;
  tmpl::Value value = tmpl::Value::dict();
  auto& dict = value.as_dict();  // sorted keys, like every context dict
  dict.entries.reserve(4);
  if (function) dict.append_new("function", item);
  dict.append_new("generator", generator);
  dict.append_new("project", project);
  if (!function) dict.append_new("workflow", item);
  return value;
}

tmpl::Options template_options() {
  tmpl::Options options;
  options.trim_blocks = true;
  options.lstrip_blocks = true;
  options.keep_trailing_newline = true;
  options.strict_undefined = true;
  // The files are already rendered on every core, one per thread: a template's loop split over
  // more threads would only add thread starts (and their heaps) to the same cores.
  options.threads = 1;
  return options;
}

/// The context's top-level keys, sorted (the order of the context dict): bit I of a part set is
/// kContextParts[I].
constexpr std::array<std::string_view, 8> kContextParts = {"functions", "generator", "models_module", "project",
                                                           "schedule",  "services",  "tests",         "workflows"};

}  // namespace

uint32_t all_context_parts() { return (1u << kContextParts.size()) - 1; }

uint32_t context_part_bit(std::string_view key) {
  for (size_t i = 0; i < kContextParts.size(); ++i)
    if (kContextParts[i] == key) return 1u << i;
  return 0;
}

uint32_t context_parts_named_by(std::string_view text) {
  // The template engine's own lexer, so comments, string literals and raw blocks are read as
  // Jinja2 reads them; a template it refuses gets every part (its render reports the error).
  std::vector<tmpl::Token> tokens;
  try {
    tokens = tmpl::tokenize(text, "", {});
  } catch (const DiagnosticError&) {
    return all_context_parts();
  }
  uint32_t parts = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].type != tmpl::TokenType::kName) continue;
    if (i > 0 && tokens[i - 1].type == tmpl::TokenType::kDot) continue;  // an attribute, not a variable
    const std::string& name = tokens[i].value;
    // Another template's needs are not known here.
    if (name == "include" || name == "import" || name == "extends" || name == "from")
      return all_context_parts();
    parts |= context_part_bit(name);
  }
  return parts;
}

struct ProjectRender::State {
  State(const std::vector<PlannedFile>& plan, const RenderStream* stream)
      : env(template_options()), files(plan), rendered(plan.size()), done(plan.size(), 0), stream(stream) {}

  /// Renders file I with DATA (ITEM: the item's context, for the stream's KEEP), then streams it.
  void render(size_t i, const tmpl::Value& data, const tmpl::Value* item) {
    RenderedFile& out = rendered[i];
    try {
      out.text = env.render_value(files[i].template_name, data);
    } catch (const DiagnosticError& e) {
      out.error = e.diagnostic();
      return;
    }
    if (!stage) return;
    if (stream->keep && (*stream->keep)(files[i], item)) {
      out.write_error = stage->add(files[i].path, out.text);  // a copy: the self-check reads the text
      return;
    }
    // Handed over to the stage, which frees it once written.
    out.write_error = stage->add(files[i].path, std::move(out.text));
    out.text = std::string();
    out.streamed = !out.write_error;
  }

  tmpl::Environment env;  // every template is parsed once, by the first render that needs it
  const std::vector<PlannedFile>& files;
  std::vector<size_t> function_file, workflow_file;  // the plan index of each item's file
  std::vector<RenderedFile> rendered;                // by plan index
  /// By plan index: rendered by render_item. Each entry is written by one thread, and read by
  /// finish() after the context builder's threads were joined.
  std::vector<char> done;
  const RenderStream* stream;
  StagedTree* stage = nullptr;
  bool templates_are_ours = true;
  unsigned jobs = 0;

  // Project-wide files rendered as soon as the parts their templates name are ready (part_ready).
  std::mutex parts_mutex;           // guards the three members below
  uint32_t parts_ready = 0;         // bits of kContextParts
  std::array<tmpl::Value, kContextParts.size()> part_values;
  std::vector<size_t> waiting;      // plan indexes of project-wide files not rendered yet
  std::vector<uint32_t> parts_needed;  // by plan index (project-wide files only)
};

ProjectRender::ProjectRender(const std::vector<TemplateSource>& templates, bool templates_are_ours,
                             const std::vector<PlannedFile>& plan, unsigned jobs, const RenderStream* stream)
    : state_(std::make_unique<State>(plan, stream)) {
  State& s = *state_;
  for (const auto& t : templates) s.env.add_template(t.name, t.text);
  s.templates_are_ours = templates_are_ours;
  s.jobs = jobs;
  s.stage = stream && stream->stage && plan_paths_ok(plan) ? stream->stage : nullptr;
  // What each project-wide file's template names decides when it can be rendered (part_ready).
  std::map<std::string_view, uint32_t> needs_of_template;
  for (const auto& t : templates) needs_of_template.emplace(t.name, context_parts_named_by(t.text));
  s.parts_needed.assign(plan.size(), 0);
  for (size_t i = 0; i < plan.size(); ++i) {
    if (plan[i].item != PlannedFile::Item::kWhole) continue;
    auto it = needs_of_template.find(plan[i].template_name);
    s.parts_needed[i] = it == needs_of_template.end() ? all_context_parts() : it->second;
    s.waiting.push_back(i);
  }
  for (size_t i = 0; i < plan.size(); ++i) {
    auto& index = plan[i].item == PlannedFile::Item::kFunction ? s.function_file : s.workflow_file;
    if (plan[i].item == PlannedFile::Item::kWhole) continue;
    if (index.size() <= plan[i].index) index.resize(plan[i].index + 1, plan.size());
    index[plan[i].index] = i;
  }
}

ProjectRender::~ProjectRender() = default;

void ProjectRender::render_item(PlannedFile::Item kind, size_t index, const tmpl::Value& item,
                                const tmpl::Value& generator, const tmpl::Value& project) {
  State& s = *state_;
  const auto& file_of = kind == PlannedFile::Item::kFunction ? s.function_file : s.workflow_file;
  if (index >= file_of.size() || file_of[index] >= s.files.size()) return;  // not planned: finish() sees to it
  const size_t i = file_of[index];
  s.render(i, item_context(kind, item, generator, project), &item);
  s.done[i] = 1;
}

void ProjectRender::part_ready(std::string_view key, const tmpl::Value& value) {
  State& s = *state_;
  const uint32_t bit = context_part_bit(key);
  if (!bit) return;
  // The files that can be rendered now, each with the parts its template names (in the context's
  // key order): chosen under the lock, rendered outside it.
  std::vector<std::pair<size_t, tmpl::Value>> now;
  {
    std::lock_guard lock(s.parts_mutex);
    s.part_values[size_t(__builtin_ctz(bit))] = value;
    s.parts_ready |= bit;
    for (auto it = s.waiting.begin(); it != s.waiting.end();) {
      const uint32_t needed = s.parts_needed[*it];
      if (needed & ~s.parts_ready) {
        ++it;
        continue;
      }
      tmpl::Value data = tmpl::Value::dict();
      auto& dict = data.as_dict();
      for (size_t p = 0; p < kContextParts.size(); ++p)
        if (needed & (1u << p)) dict.append_new(tmpl::Value(kContextParts[p]), s.part_values[p]);
      now.emplace_back(*it, std::move(data));
      it = s.waiting.erase(it);
    }
  }
  for (auto& [i, data] : now) {
    s.render(i, data, nullptr);
    if (s.rendered[i].error) s.rendered[i] = RenderedFile();  // finish() renders it with the whole context
    else s.done[i] = 1;
  }
}

RenderResult ProjectRender::finish(const tmpl::Value& data, OutputTree& tree, DiagnosticSink& sink) {
  State& s = *state_;
  // Work units: each project-wide file on its own (src/models.py and the tests are the largest
  // files), then the per-item files not rendered yet in small batches. Every thread reads the
  // same context.
  const auto& files = s.files;
  std::vector<std::pair<size_t, size_t>> units;  // [begin, end) of files
  std::vector<std::pair<size_t, size_t>> item_units;
  constexpr size_t kBatch = 32;
  for (size_t i = 0; i < files.size(); ++i) {
    if (s.done[i]) continue;
    if (files[i].item == PlannedFile::Item::kWhole) {
      units.emplace_back(i, i + 1);
    } else if (item_units.empty() || item_units.back().second != i || item_units.back().second - item_units.back().first == kBatch) {
      item_units.emplace_back(i, i + 1);
    } else {
      ++item_units.back().second;
    }
  }
  units.insert(units.end(), item_units.begin(), item_units.end());
  parallel_for(units.size(), s.jobs, [&](size_t unit) {
    for (size_t i = units[unit].first; i < units[unit].second; ++i) {
      if (files[i].item == PlannedFile::Item::kWhole) {
        s.render(i, data, nullptr);
      } else {
        const bool function = files[i].item == PlannedFile::Item::kFunction;
        const tmpl::Value& item = context_at(data, function ? "functions" : "workflows").as_list().items.at(files[i].index);
        s.render(i, item_context(files[i].item, item, context_at(data, "generator"), context_at(data, "project")), &item);
      }
    }
  });

  RenderResult result;
  result.ok = true;
  for (size_t i = 0; i < files.size(); ++i) {
    RenderedFile& rendered = s.rendered[i];
    if (auto& error = rendered.error) {
      if (s.templates_are_ours) {
        error->message = "internal error in the bundled template: " + error->message;
        result.internal = true;
      }
      sink.add(std::move(*error));
      result.ok = false;
    } else if (auto& write_error = rendered.write_error) {
      sink.error({}, "E-generate-write", *write_error);
      result.ok = false;
    } else if (rendered.streamed) {
      continue;
    } else if (auto err = tree.add(files[i].path, std::move(rendered.text))) {
      sink.error({}, "E-generate-path", *err);
      result.ok = false;
    }
  }
  return result;
}

RenderResult render_project(const Context& ctx, const std::vector<TemplateSource>& templates,
                            bool templates_are_ours, OutputTree& tree, DiagnosticSink& sink, unsigned jobs,
                            const RenderStream* stream) {
  ProjectRender render(templates, templates_are_ours, ctx.files, jobs, stream);
  return render.finish(ctx.data, tree, sink);
}

std::map<std::string, std::string> user_code_modules(const Context& ctx) {
  std::map<std::string, std::string> user_code;  // module path -> origin ("code" or "llm")
  ContextKey origin_key("origin"), module_key("module");
  for (const auto& f : context_at(ctx.data, "functions").as_list().items)
    if (const std::string& origin = origin_key.string(f); origin != "placeholder")
      user_code["src/functions/" + module_key.string(f) + ".py"] = origin;
  return user_code;
}

bool self_check(const OutputTree& tree, const std::map<std::string, std::string>& user_code, DiagnosticSink& sink,
                SelfCheckScope scope, unsigned jobs, bool templates_are_ours) {
  std::vector<const std::pair<const std::string, std::string>*> modules;
  for (const auto& file : tree.files()) {
    const std::string& path = file.first;
    if (path.size() < 3 || path.compare(path.size() - 3, 3, ".py") != 0) continue;
    if (scope == SelfCheckScope::kUserCode && !user_code.count(path)) continue;  // see SelfCheckScope
    modules.push_back(&file);
  }
  // Each module is checked on its own (check_source keeps no shared state); findings are merged
  // in path order, so the report does not depend on the thread count.
  std::vector<std::vector<Diagnostic>> findings(modules.size());
  parallel_for(modules.size(), jobs, [&](size_t i) { findings[i] = check::check_source(modules[i]->first, modules[i]->second); });

  bool template_error = false;
  for (size_t i = 0; i < modules.size(); ++i) {
    const std::string& path = modules[i]->first;
    for (auto& d : findings[i]) {
      if (auto origin = user_code.find(path); origin != user_code.end()) {
        d.severity = Severity::kWarning;
        d.message = (origin->second == "llm" ? "in the LLM-written body: " : "in generated code (from the spec's `code:`): ") +
                    d.message;
      } else {
        // Any finding in code the templates wrote is a template bug: ours, or the user's.
        d.severity = Severity::kError;
        d.message = (templates_are_ours ? "internal error: generated code fails restack-gen check: "
                                        : "code from --templates fails restack-gen check: ") +
                    d.message;
        template_error = true;
      }
      sink.add(std::move(d));
    }
  }
  return template_error;
}

}  // namespace restack::generate
