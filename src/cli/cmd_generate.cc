// `restack-gen generate SPEC... -o DIR`: loads the specs as one project, renders the Restack
// project in memory, checks it, then writes it atomically (or lists it with --dry-run).
#include <fmt/format.h>

#include <chrono>
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "cli/generate_llm.h"
#include "cli/heap_tuning.h"
#include "common/diagnostic_printer.h"
#include "common/exit_codes.h"
#include "generate/generate.h"
#include "generate/output_tree.h"
#include "spec/load.h"

namespace restack::cli {
namespace {

struct GenerateOptions {
  std::vector<std::string> files;
  std::string output;
  std::string llm;  // "" = not given: the settings layers (env, config) decide, default off
  llm::LlmFlags llm_flags;
  std::string templates;
  bool force = false;
  bool dry_run = false;
  bool dump_context = false;
  bool check_all = false;
};

int run_generate(const GenerateOptions& o, const GlobalOptions& global) {
  PrintOptions print;
  print.color = global.use_color(2);
  print.show_code = global.verbose > 0;
  auto report = [&](DiagnosticSink& sink) {
    sink.sort();
    print_text(std::cerr, sink.all(), print);
  };
  if (o.output.empty() && !o.dump_context) {
    std::cerr << "restack-gen generate: error: -o DIR is required (or use --dump-context)\n";
    return kExitUsage;
  }

  // -v: where a run's time went, by phase (docs/cli.md); the phases follow one another.
  using Clock = std::chrono::steady_clock;
  const Clock::time_point started = Clock::now();
  auto ms_between = [](Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double, std::milli>(b - a).count(); };

  DiagnosticSink sink;
  auto project = spec::load_project(o.files, sink);
  const Clock::time_point loaded = Clock::now();
  if (!project) {
    report(sink);
    return kExitProblems;
  }

  LlmBodies llm = llm_bodies(*project, o.llm, o.llm_flags, o.templates, global);
  if (llm.stop) return *llm.stop;
  const Clock::time_point bodies_done = Clock::now();
  generate::GenerateOptions options;
  options.generator_version = RESTACK_VERSION;
  options.templates_dir = o.templates;
  options.check_all = o.check_all;
  options.llm_results = &llm.results;
  // --check-all reads every module back while the context would still be held: freeing it
  // first keeps the peak near a normal run's (~110 MB instead of ~190 MB for 1,000 workflows).
  options.teardown = o.check_all ? Teardown::kFree : batch_teardown();
  if (o.dump_context) {
    report(sink);
    std::cout << generate::project_context_json(*project, options) << "\n";
    return kExitOk;
  }

  // Files are written (into a private staging folder) as soon as they are rendered, and put in
  // place only if everything succeeded. A DIR refused here is refused again by write_tree after
  // generation, so problems in the spec or templates are reported first, as without staging.
  std::unique_ptr<generate::StagedTree> staged;
  if (!o.dry_run) {
    std::string refused;
    staged = generate::StagedTree::open(o.output, {o.force}, refused);
  }
  options.output = staged.get();
  auto generated = generate::generate_project(std::move(*project), options, sink);
  project.reset();
  const Clock::time_point generated_at = Clock::now();
  auto print_timings = [&](Clock::time_point done) {
    if (global.verbose > 0)
      std::cerr << fmt::format("timings: load {:.1f} ms, LLM bodies {:.1f} ms, generate {:.1f} ms, commit {:.1f} ms, total {:.1f} ms\n",
                               ms_between(started, loaded), ms_between(loaded, bodies_done),
                               ms_between(bodies_done, generated_at), ms_between(generated_at, done), ms_between(started, done));
  };
  switch (generated.status) {
    case generate::GenerateStatus::kOk:
      break;
    case generate::GenerateStatus::kTemplateDirUnreadable:
      std::cerr << "restack-gen generate: error: --templates: " << generated.error << "\n";
      return kExitUsage;
    case generate::GenerateStatus::kRenderFailed:
      report(sink);
      return kExitProblems;
    case generate::GenerateStatus::kBundledTemplateFailed:
      report(sink);
      return kExitInternal;
    case generate::GenerateStatus::kUserTemplatesFailCheck:
      report(sink);
      std::cerr << "restack-gen generate: error: the code your --templates produce fails restack-gen's checks; "
                   "nothing was written\n";
      return kExitProblems;
    case generate::GenerateStatus::kGeneratedCodeFailsCheck:
      report(sink);
      std::cerr << "restack-gen generate: internal error: the generated code failed restack-gen's own checks; "
                   "this is a bug in restack-gen, please report it with the spec\n";
      return kExitInternal;
  }
  report(sink);
  const generate::OutputTree& tree = generated.tree;

  if (o.dry_run) {
    std::cout << generate::list_tree(tree);
    if (!global.quiet) std::cerr << fmt::format("dry run: {} files, {} bytes would be written to {}\n", tree.size(), tree.total_bytes(), o.output);
    print_timings(Clock::now());
    return llm.exit_code;
  }
  if (auto err = staged ? staged->commit() : generate::write_tree(tree, o.output, {o.force})) {
    std::cerr << "restack-gen generate: error: " << *err << "\n";
    return kExitProblems;
  }
  size_t files = staged ? staged->size() : tree.size(), bytes = staged ? staged->total_bytes() : tree.total_bytes();
  if (!global.quiet) std::cerr << fmt::format("wrote {} files ({} bytes) to {}\n", files, bytes, o.output);
  print_timings(Clock::now());
  return llm.exit_code;
}

}  // namespace

Command generate_command() {
  return Command{
      "generate", "Generate a runnable Restack Python project from workflow specs",
      [](CLI::App& sub, const GlobalOptions& global) -> Runner {
        auto o = std::make_shared<GenerateOptions>();
        sub.add_option("SPEC", o->files, "Spec files; several files form one project")->required();
        sub.add_option("-o,--output", o->output, "Folder to write the project into");
        sub.add_option("--llm", o->llm, "Function bodies: off (placeholders) or an LLM provider")
            ->check(CLI::IsMember({"off", "cerebras", "openai", "groq", "ollama", "openai-compatible"}))
            ->group("LLM");
        // The other LLM flags (--model, -j/--jobs, --cache, --show-prompts...) come from src/llm.
        llm::add_llm_flags(sub, o->llm_flags, {.provider_flag = false});
        sub.add_flag("--force", o->force, "Write into an existing non-empty folder");
        sub.add_flag("--dry-run", o->dry_run, "List the files that would be written; write nothing");
        sub.add_flag("--dump-context", o->dump_context, "Print the template context as JSON; write nothing");
        sub.add_flag("--check-all", o->check_all,
                     "Self-check every generated module, not only those holding code: or LLM-written bodies");
        sub.add_option("--templates", o->templates, "Render with the *.j2 templates of this folder instead of the bundled ones");
        sub.footer("Exit status: 0 written, 1 invalid spec, output refused or an LLM body given up on (placeholder written),\n"
                   "2 usage, 3 LLM provider or cache server failed, 4 internal error, 130 interrupted (nothing written).\n"
                   "See docs/generate.md for the generated layout.");
        return [o, &global] { return run_generate(*o, global); };
      }};
}

}  // namespace restack::cli
