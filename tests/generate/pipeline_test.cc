// The render pipeline on several threads: the same tree and the same diagnostics, in the same
// order, whatever the thread count.
#include <gtest/gtest.h>

#include <stdexcept>

#include <atomic>
#include <optional>
#include <set>
#include <sstream>

#include "common/diagnostic_printer.h"
#include "generate/body_provider.h"
#include "generate/context.h"
#include "generate/generate.h"
#include "generate/generate_helpers.h"
#include "generate/parallel.h"
#include "generate/pipeline.h"
#include "generate/template_set.h"
#include "spec/load.h"

using namespace restack;
using namespace restack::test;
namespace fs = std::filesystem;

namespace {

std::optional<generate::Context> context_of(const std::vector<std::string>& specs) {
  DiagnosticSink sink;
  auto project = load_from_source_dir(specs, sink);
  EXPECT_TRUE(project);
  if (!project) return std::nullopt;
  generate::PlaceholderBodyProvider placeholder;
  generate::CodeBodyProvider bodies(placeholder);
  return generate::build_context(*project, bodies, {"0"});
}

struct RenderRun {
  bool ok = false;
  std::map<std::string, std::string> files;
  std::string diagnostics;
};

RenderRun render(const generate::Context& ctx, const std::vector<generate::TemplateSource>& templates, unsigned jobs) {
  RenderRun run;
  generate::OutputTree tree;
  DiagnosticSink sink;
  run.ok = generate::render_project(ctx, templates, false, tree, sink, jobs).ok;
  if (run.ok)
    run.ok = !generate::self_check(tree, generate::user_code_modules(ctx), sink, generate::SelfCheckScope::kAll, jobs);
  std::ostringstream out;
  print_text(out, sink.all());
  run.diagnostics = out.str();
  run.files = tree.files();
  return run;
}

}  // namespace

TEST(ParallelFor, RunsEveryIndexOnceForAnyThreadCount) {
  for (unsigned jobs : {0u, 1u, 2u, 7u}) {
    std::vector<std::atomic<int>> seen(1000);
    generate::parallel_for(seen.size(), jobs, [&](size_t i) { ++seen[i]; });
    for (size_t i = 0; i < seen.size(); ++i) ASSERT_EQ(seen[i].load(), 1) << "index " << i << ", jobs " << jobs;
  }
  generate::parallel_for(0, 4, [](size_t) { FAIL() << "no index to run"; });
}

TEST(ParallelFor, RethrowsTheWorkersException) {
  EXPECT_THROW(generate::parallel_for(100, 4, [](size_t i) {
                 if (i == 37) throw std::runtime_error("boom");
               }),
               std::runtime_error);
}

TEST(RenderProject, SameTreeForEveryThreadCount) {
  for (const auto& spec : example_specs()) {
    auto ctx = context_of({spec});
    ASSERT_TRUE(ctx) << spec;
    RenderRun one = render(*ctx, generate::embedded_templates(), 1);
    ASSERT_TRUE(one.ok) << spec << one.diagnostics;
    for (unsigned jobs : {2u, 5u}) {
      RenderRun many = render(*ctx, generate::embedded_templates(), jobs);
      EXPECT_TRUE(many.ok) << many.diagnostics;
      EXPECT_EQ(many.files, one.files) << spec << ", " << jobs << " threads";
    }
  }
}

TEST(RenderProject, SameDiagnosticsInPlanOrderForEveryThreadCount) {
  auto found = context_of({example_specs().back()});
  ASSERT_TRUE(found);
  const generate::Context& ctx = *found;
  ASSERT_GT(generate::context_at(ctx.data, "functions").as_list().items.size() +
                generate::context_at(ctx.data, "workflows").as_list().items.size(),
            2u);
  // A template error in every function module, and unparsable Python in every workflow module.
  auto templates = generate::embedded_templates();
  for (auto& t : templates) {
    if (t.name == "function.py.j2") t.text = "{{ function.no_such_key }}\n";
    if (t.name == "workflow.py.j2") t.text = "def {{ workflow.name }}(:\n";
  }
  RenderRun one = render(ctx, templates, 1);
  EXPECT_FALSE(one.ok);
  EXPECT_NE(one.diagnostics.find("no_such_key"), std::string::npos) << one.diagnostics;
  RenderRun many = render(ctx, templates, 4);
  EXPECT_EQ(many.diagnostics, one.diagnostics);

  // Without the template error, the self-check reports the broken workflow modules, also in a
  // stable order.
  for (auto& t : templates)
    if (t.name == "function.py.j2") t.text = "x = 1\n";
  one = render(ctx, templates, 1);
  EXPECT_FALSE(one.ok);
  EXPECT_NE(one.diagnostics.find("src/workflows/"), std::string::npos) << one.diagnostics;
  EXPECT_EQ(render(ctx, templates, 3).diagnostics, one.diagnostics);
}

TEST(SelfCheck, DefaultScopeSkipsTemplateOnlyModules) {
  auto found = context_of({example_specs().back()});
  ASSERT_TRUE(found);
  const generate::Context& ctx = *found;
  auto templates = generate::embedded_templates();
  for (auto& t : templates)
    if (t.name == "workflow.py.j2" || t.name == "services.py.j2") t.text = "def broken(:\n";
  generate::OutputTree tree;
  DiagnosticSink sink;
  ASSERT_TRUE(generate::render_project(ctx, templates, false, tree, sink).ok);
  DiagnosticSink all, selected;
  EXPECT_TRUE(generate::self_check(tree, generate::user_code_modules(ctx), all, generate::SelfCheckScope::kAll));
  EXPECT_FALSE(generate::self_check(tree, generate::user_code_modules(ctx), selected, generate::SelfCheckScope::kUserCode));
  EXPECT_TRUE(selected.all().empty());
}

TEST(SelfCheck, DefaultScopeChecksModulesWithUserCode) {
  TempDir tmp;
  auto spec = tmp.write("spec.yaml", R"(version: 1
project: p
functions:
  bad_body:
    output_schema:
      n: int
    code: |
      eval("1")
      return BadBodyOutput(n=1)
workflows:
  - name: Flow
    description: Runs the body.
    steps:
      - name: run
        function: bad_body
)");
  DiagnosticSink load_sink;
  auto project = spec::load_project({spec.string()}, load_sink);
  ASSERT_TRUE(project) << load_sink.all().size();
  generate::PlaceholderBodyProvider placeholder;
  generate::CodeBodyProvider bodies(placeholder);
  generate::Context ctx = generate::build_context(*project, bodies, {"0"});
  generate::OutputTree tree;
  DiagnosticSink sink;
  ASSERT_TRUE(generate::render_project(ctx, generate::embedded_templates(), true, tree, sink).ok);
  EXPECT_EQ(generate::user_code_modules(ctx), (std::map<std::string, std::string>{{"src/functions/bad_body.py", "code"}}));
  EXPECT_FALSE(generate::self_check(tree, generate::user_code_modules(ctx), sink, generate::SelfCheckScope::kUserCode));
  std::ostringstream out;
  print_text(out, sink.all());
  EXPECT_NE(out.str().find("warning: in generated code (from the spec's `code:`): `eval`"), std::string::npos) << out.str();
}

TEST(BuildContext, SameContextForEveryThreadCount) {
  for (const auto& spec : example_specs()) {
    fs::path old = fs::current_path();
    fs::current_path(source_dir());
    DiagnosticSink sink;
    auto project = spec::load_project({spec}, sink);
    fs::current_path(old);
    ASSERT_TRUE(project) << spec;
    generate::PlaceholderBodyProvider placeholder;
    generate::CodeBodyProvider bodies(placeholder);
    ASSERT_TRUE(bodies.concurrent());
    std::string one = generate::context_json(generate::build_context(*project, bodies, {"0", 1}));
    for (unsigned jobs : {2u, 5u})
      EXPECT_EQ(generate::context_json(generate::build_context(*project, bodies, {"0", jobs})), one)
          << spec << ", " << jobs << " threads";
  }
}

TEST(GenerateProject, StatusesAndTheTreeOfOneCall) {
  TempDir tmp;
  auto spec_file = tmp.write("spec.yaml", R"(version: 1
project: p
functions:
  step_one:
    output_schema:
      n: int
workflows:
  - name: Flow
    description: Runs one step.
    steps:
      - name: run
        function: step_one
)");
  auto load = [&] {
    DiagnosticSink sink;
    auto project = spec::load_project({spec_file.string()}, sink);
    EXPECT_TRUE(project);
    return std::move(*project);
  };
  generate::GenerateOptions options;
  options.generator_version = "0";
  DiagnosticSink sink;
  auto ok = generate::generate_project(load(), options, sink);
  EXPECT_EQ(ok.status, generate::GenerateStatus::kOk);
  EXPECT_TRUE(ok.tree.files().count("src/functions/step_one.py"));
  EXPECT_TRUE(ok.tree.files().count("src/workflows/flow.py"));
  // The dumped context plans the same files.
  auto json = nlohmann::json::parse(generate::project_context_json(load(), options));
  EXPECT_EQ(json["files"].size(), ok.tree.size());

  options.templates_dir = (tmp.path() / "missing").string();
  auto missing = generate::generate_project(load(), options, sink);
  EXPECT_EQ(missing.status, generate::GenerateStatus::kTemplateDirUnreadable);
  EXPECT_FALSE(missing.error.empty());

  // Templates of the user that write code failing the checker: the user's problem.
  fs::create_directories(tmp.path() / "tpl");
  for (const auto& t : generate::embedded_templates())
    write_file(tmp.path() / "tpl" / t.name, t.name == "workflow.py.j2" ? "def broken(:\n" : t.text);
  options.templates_dir = (tmp.path() / "tpl").string();
  DiagnosticSink bad;
  EXPECT_EQ(generate::generate_project(load(), options, bad).status, generate::GenerateStatus::kUserTemplatesFailCheck);
  EXPECT_TRUE(bad.has_errors());
}

TEST(GenerateProject, StreamedOutputIsTheInMemoryTree) {
  for (const auto& spec : example_specs()) {
    auto load = [&] {
      DiagnosticSink sink;
      auto project = load_from_source_dir({spec}, sink);
      if (!project) throw std::runtime_error(spec + " does not load");  // fails the test
      return std::move(*project);
    };
    generate::GenerateOptions options;
    options.generator_version = "0";
    DiagnosticSink sink;
    auto in_memory = generate::generate_project(load(), options, sink);
    ASSERT_EQ(in_memory.status, generate::GenerateStatus::kOk) << spec;

    TempDir tmp;
    std::string error;
    auto staged = generate::StagedTree::open(tmp.path() / "out", {}, error);
    ASSERT_TRUE(staged) << error;
    options.output = staged.get();
    auto streamed = generate::generate_project(load(), options, sink);
    ASSERT_EQ(streamed.status, generate::GenerateStatus::kOk) << spec;
    // Only the modules the self-check read stay in memory (those holding a `code:` body).
    for (const auto& [path, text] : streamed.tree.files()) EXPECT_EQ(text, in_memory.tree.files().at(path)) << path;
    EXPECT_LT(streamed.tree.size(), in_memory.tree.size()) << spec;
    ASSERT_FALSE(staged->commit());
    EXPECT_EQ(staged->size(), in_memory.tree.size());
    EXPECT_EQ(staged->total_bytes(), in_memory.tree.total_bytes());
    EXPECT_EQ(read_tree(tmp.path() / "out"), in_memory.tree.files()) << spec;
  }
}

TEST(GenerateProject, StreamedOutputOfAFailedGenerationLeavesNothing) {
  TempDir tmp;
  fs::create_directories(tmp.path() / "tpl");
  for (const auto& t : generate::embedded_templates())
    write_file(tmp.path() / "tpl" / t.name, t.name == "workflow.py.j2" ? "def broken(:\n" : t.text);
  fs::path old = fs::current_path();
  fs::current_path(source_dir());
  DiagnosticSink sink;
  auto project = spec::load_project({example_specs().front()}, sink);
  fs::current_path(old);
  ASSERT_TRUE(project);
  generate::GenerateOptions options;
  options.generator_version = "0";
  options.templates_dir = (tmp.path() / "tpl").string();
  std::string error;
  auto staged = generate::StagedTree::open(tmp.path() / "out", {}, error);
  ASSERT_TRUE(staged) << error;
  options.output = staged.get();
  EXPECT_EQ(generate::generate_project(std::move(*project), options, sink).status,
            generate::GenerateStatus::kUserTemplatesFailCheck);
  EXPECT_GT(staged->size(), 0u);  // files were written into the staging folder meanwhile
  staged.reset();                 // dropped: nothing is written
  std::set<std::string> left;
  for (auto& e : fs::directory_iterator(tmp.path())) left.insert(e.path().filename().string());
  EXPECT_EQ(left, std::set<std::string>{"tpl"});
}

TEST(ContextParts, NamesInTagsOnlyAndNotAttributes) {
  using generate::context_part_bit;
  using generate::context_parts_named_by;
  EXPECT_EQ(context_parts_named_by("plain text naming functions and workflows"), 0u);
  EXPECT_EQ(context_parts_named_by("{{ project.name }}: {{ project.workflows }}"), context_part_bit("project"));
  EXPECT_EQ(context_parts_named_by("{% for m in models_module.classes %}{{ m.tests }}{% endfor %}"),
            context_part_bit("models_module"));
  EXPECT_EQ(context_parts_named_by("{# functions #}{{- services -}}{%- if tests %}{% endif -%}"),
            context_part_bit("services") | context_part_bit("tests"));
  // A tag ends at its closing braces outside string literals only.
  EXPECT_EQ(context_parts_named_by("{{ \"}}\" ~ schedule }}{{ '%}' }}"), context_part_bit("schedule"));
  EXPECT_EQ(context_parts_named_by("{{ generator.version }}"), context_part_bit("generator"));
  // A raw block is text, read as Jinja2's lexer reads it: what looks like a tag inside names nothing.
  EXPECT_EQ(context_parts_named_by("{% raw %}{{ functions }}{% endraw %}{{ project }}"), context_part_bit("project"));
}

TEST(ContextParts, AnotherTemplateOrATemplateThatDoesNotLexNeedsEveryPart) {
  using generate::all_context_parts;
  using generate::context_parts_named_by;
  EXPECT_EQ(context_parts_named_by("{% include 'x.j2' %}"), all_context_parts());
  EXPECT_EQ(context_parts_named_by("{% import 'm.j2' as m %}{{ m.f() }}"), all_context_parts());
  EXPECT_EQ(context_parts_named_by("{% from 'm.j2' import f %}"), all_context_parts());
  EXPECT_EQ(context_parts_named_by("{% extends 'base.j2' %}"), all_context_parts());
  EXPECT_EQ(context_parts_named_by("{{ project ? }}"), all_context_parts());  // the render reports the error
}

TEST(ContextParts, BundledTemplatesNameWhatTheyRenderFrom) {
  std::map<std::string, uint32_t> parts;
  for (const auto& t : generate::embedded_templates()) parts[t.name] = generate::context_parts_named_by(t.text);
  using generate::context_part_bit;
  EXPECT_EQ(parts.at("models.py.j2"), context_part_bit("models_module") | context_part_bit("project"));
  EXPECT_EQ(parts.at("gitignore.j2"), 0u);  // rendered before anything is built
  // The README lists every function and workflow: it waits for the whole context.
  EXPECT_NE(parts.at("README.md.j2") & context_part_bit("functions"), 0u);
  EXPECT_NE(parts.at("README.md.j2") & context_part_bit("workflows"), 0u);
}

// Files rendered as soon as their parts are ready (generate_project) are those rendered from
// the whole context afterwards (render_project), for every example.
TEST(GenerateProject, EarlyRenderedFilesAreThoseOfTheWholeContext) {
  for (const auto& spec : example_specs()) {
    auto ctx = context_of({spec});
    ASSERT_TRUE(ctx) << spec;
    auto whole = render(*ctx, generate::embedded_templates(), 2);
    ASSERT_TRUE(whole.ok) << spec << whole.diagnostics;
    DiagnosticSink sink;
    auto project = load_from_source_dir({spec}, sink);
    ASSERT_TRUE(project) << spec;
    generate::GenerateOptions options;
    options.generator_version = "0";
    options.jobs = 2;  // without GenerateOptions::output every file stays in the tree
    auto early = generate::generate_project(std::move(*project), options, sink);
    ASSERT_EQ(early.status, generate::GenerateStatus::kOk) << spec;
    EXPECT_EQ(early.tree.files(), whole.files) << spec;
  }
}
