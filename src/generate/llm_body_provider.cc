#include "generate/llm_body_provider.h"

#include <sstream>

#include "check/checker.h"
#include "common/file_io.h"
#include "generate/pipeline.h"
#include "template/environment.h"

namespace restack::generate {
namespace {

std::string indent(const std::string& code, const std::string& prefix) {
  std::string out;
  std::istringstream in(code);
  for (std::string line; std::getline(in, line);) out += (line.empty() ? "" : prefix + line) + "\n";
  return out;
}

/// The `class NAME(` block of a models module (up to the next top-level line), or "".
std::string class_source(const std::string& module, const std::string& name) {
  std::string head = "class " + name + "(";
  size_t at = module.rfind("\n" + head);
  if (at == std::string::npos) return module.rfind(head, 0) == 0 ? class_source("\n" + module, name) : "";
  ++at;
  size_t end = at;
  while (true) {
    size_t nl = module.find('\n', end);
    if (nl == std::string::npos) return module.substr(at);
    end = nl + 1;
    if (end < module.size() && module[end] != ' ' && module[end] != '\n') return module.substr(at, end - at);
  }
}

/// The class of NAME, or for an alias `NAME = OTHER` that line followed by OTHER's class.
std::string model_source(const std::string& module, const std::string& name) {
  std::string cls = class_source(module, name);
  if (!cls.empty()) return cls;
  std::string head = "\n" + name + " = ";
  size_t at = module.find(head);
  if (at == std::string::npos) return name;
  size_t end = module.find('\n', at + 1);
  std::string line = module.substr(at + 1, end == std::string::npos ? std::string::npos : end - at - 1);
  std::string other = line.substr(head.size() - 1);
  return line + "\n\n" + class_source(module, other);
}

/// "before: step(target)" / "after: ..." lines for the caller's steps around FUNCTION.
void collect_steps(const std::vector<spec::Step>& steps, std::vector<const spec::Step*>& flat) {
  for (const auto& s : steps) {
    if (!s.steps.empty()) collect_steps(s.steps, flat);
    else if (s.kind == spec::StepKind::kFunction || s.kind == spec::StepKind::kWorkflow) flat.push_back(&s);
  }
}

class EmbeddedPromptRenderer : public llm::PromptRenderer {
 public:
  explicit EmbeddedPromptRenderer(const std::filesystem::path& override_dir) {
    tmpl::Options options;
    options.trim_blocks = true;
    options.lstrip_blocks = true;
    env_ = std::make_unique<tmpl::Environment>(options);
    for (const auto& t : embedded_prompts()) {
      std::string text = t.text;
      if (!override_dir.empty()) {
        std::error_code ec;
        if (std::filesystem::is_regular_file(override_dir / t.name, ec))
          if (auto r = read_text_file(override_dir / t.name); r.ok) text = r.content;
      }
      env_->add_template(t.name, text);
    }
  }
  std::string render(const std::string& name, const nlohmann::json& context) override {
    return env_->render(name, context);
  }

 private:
  std::unique_ptr<tmpl::Environment> env_;
};

}  // namespace

const std::vector<TemplateSource>& embedded_prompts() { return detail::embedded_prompt_table(); }

std::unique_ptr<llm::PromptRenderer> make_prompt_renderer(const std::filesystem::path& override_dir) {
  return std::make_unique<EmbeddedPromptRenderer>(override_dir);
}

FunctionBody PromptCollector::body(const BodyRequest& r) {
  llm::FunctionPromptContext p;
  p.name = r.function.name;
  p.description = r.function.description.value_or("");
  p.prompt_hint = r.function.prompt.value_or("");
  if (r.caller) {
    p.workflow = r.caller->name + (r.caller->description.empty() ? "" : ": " + r.caller->description);
    std::vector<const spec::Step*> flat;
    collect_steps(r.caller->steps, flat);
    for (size_t i = 0; i < flat.size(); ++i) {
      if (flat[i]->target != r.function.name) continue;
      if (i > 0) p.surrounding_steps.push_back("before: " + flat[i - 1]->name + " (" + flat[i - 1]->target + ")");
      if (i + 1 < flat.size()) p.surrounding_steps.push_back("after: " + flat[i + 1]->name + " (" + flat[i + 1]->target + ")");
      break;
    }
  }
  p.input_model = r.input_model;  // names for now; complete_prompts() puts the sources in
  p.output_model = r.output_model;
  prompts_.push_back(std::move(p));
  return fallback_.body(r);
}

void complete_prompts(std::vector<llm::FunctionPromptContext>& prompts, const Context& context,
                      const OutputTree& tree) {
  const auto& files = tree.files();
  std::string models;
  for (const auto& [path, text] : files)
    if (path.size() >= 9 && path.compare(path.size() - 9, 9, "models.py") == 0) models += text;
  std::map<std::string, std::string> module_of, signature_of;
  const auto& functions = context_at(context.data, "functions").as_list().items;
  for (const auto& f : context.files) {
    if (f.item != PlannedFile::Item::kFunction) continue;
    auto it = files.find(f.path);
    if (it != files.end()) module_of[context_string(functions.at(f.index), "name")] = it->second;
  }
  std::vector<std::string> all_signatures;
  for (const auto& fn : functions) {
    signature_of[context_string(fn, "name")] = context_string(fn, "signature");
    all_signatures.push_back(context_string(fn, "signature"));
  }
  std::vector<std::string> model_names;
  for (const auto& m : context_at(context_at(context.data, "models_module"), "classes").as_list().items)
    model_names.push_back(context_string(m, "name"));
  for (auto& p : prompts) {
    p.signature = signature_of[p.name];
    p.skeleton = module_of[p.name];
    auto trim = [](std::string t) {
      while (!t.empty() && (t.back() == '\n' || t.back() == ' ')) t.pop_back();
      return t;
    };
    if (!p.input_model.empty()) p.input_model = trim(model_source(models, p.input_model));
    if (!p.output_model.empty()) p.output_model = trim(model_source(models, p.output_model));
    for (const auto& s : all_signatures)
      if (s != p.signature) p.other_functions.push_back(s);
    p.other_models = model_names;
  }
}

std::vector<llm::FunctionPromptContext> collect_prompts(const spec::Project& project, const std::string& templates_dir,
                                                        const std::string& generator_version) {
  std::vector<TemplateSource> templates = embedded_templates();
  if (!templates_dir.empty()) load_template_dir(templates_dir, templates);
  PlaceholderBodyProvider placeholder;
  PromptCollector collector(placeholder);
  CodeBodyProvider bodies(collector);
  Context context = build_context(project, bodies, {generator_version});
  OutputTree tree;
  DiagnosticSink ignored;  // the real pass reports these
  render_project(context, templates, templates_dir.empty(), tree, ignored);
  complete_prompts(collector.prompts(), context, tree);
  return std::move(collector.prompts());
}

LlmBodyProvider::LlmBodyProvider(BodyProvider& fallback, const std::vector<llm::BodyResult>& results)
    : fallback_(fallback) {
  for (const auto& r : results) results_[r.id] = r;
}

FunctionBody LlmBodyProvider::body(const BodyRequest& r) {
  auto it = results_.find(r.function.name);
  if (it == results_.end()) return fallback_.body(r);
  if (it->second.ok()) return {dedent(it->second.body), {}, "llm"};
  FunctionBody placeholder = fallback_.body(r);
  std::string reason = it->second.reason;
  for (char& c : reason)
    if (c == '\n' || c == '\r') c = ' ';
  placeholder.code = "# LLM gave up: " + reason + "\n" + placeholder.code;
  return placeholder;
}

llm::Validator checker_validator() {
  return [](const std::string& body) -> std::optional<std::string> {
    // Same shape as a generated function module; the body is line kHeader + 1 onwards.
    static const std::string header =
        "from restack_ai.function import function, log\n\n\n@function.defn()\nasync def generated_function(input):\n";
    const int header_lines = 5;
    std::string source = header + indent(dedent(body).empty() ? "pass" : dedent(body), "    ");
    for (const auto& d : check::check_source("body.py", source)) {
      if (d.severity != Severity::kError) continue;
      int line = d.location.line - header_lines;
      return (line > 0 ? "line " + std::to_string(line) + ": " : "") + d.message +
             (d.code.empty() ? "" : " (" + d.code + ")");
    }
    return std::nullopt;
  };
}

}  // namespace restack::generate
