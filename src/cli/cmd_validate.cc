// `restack-gen validate SPEC...`: loads the files as one project and reports every problem.
#include <fmt/format.h>

#include <iostream>
#include <map>
#include <set>

#include "cli/command.h"
#include "cli/heap_tuning.h"
#include "common/diagnostic_printer.h"
#include "common/exit_codes.h"
#include "spec/load.h"

namespace restack::cli {
namespace {

struct ValidateOptions {
  std::vector<std::string> files;
  std::string format = "text";
};

size_t count_steps(const std::vector<spec::Step>& steps) {
  size_t n = 0;
  for (const auto& s : steps) n += 1 + count_steps(s.steps);
  return n;
}

void collect_called(const std::vector<spec::Step>& steps, std::set<std::string>& out) {
  for (const auto& s : steps) {
    if (s.kind == spec::StepKind::kFunction) out.insert(s.target);
    collect_called(s.steps, out);
  }
}

std::string plural(size_t n, const char* word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); }

// One line per file: "examples/x.yaml: 1 workflow, 2 steps, 2 functions".
void print_summary(std::ostream& out, const spec::Project& p) {
  for (const auto& file : p.files) {
    size_t workflows = 0, steps = 0;
    std::set<std::string> functions;
    for (const auto& w : p.workflows) {
      if (w.file != file) continue;
      ++workflows;
      steps += count_steps(w.steps);
      collect_called(w.steps, functions);
    }
    for (const auto& f : p.functions)
      if (f.described && f.loc.file == file) functions.insert(f.name);
    out << file << ": " << plural(workflows, "workflow") << ", " << plural(steps, "step") << ", "
        << plural(functions.size(), "function") << "\n";
  }
}

int run_validate(const ValidateOptions& o, const GlobalOptions& global) {
  DiagnosticSink sink;
  auto project = spec::load_project(o.files, sink);
  sink.sort();
  if (o.format == "json") {
    std::cout << to_json(sink.all()) << "\n";
  } else {
    PrintOptions print;
    print.color = global.use_color(2);
    print.show_code = global.verbose > 0;
    print_text(std::cerr, sink.all(), print);
    if (project && !global.quiet) print_summary(std::cout, *project);
  }
  dispose(std::move(project), batch_teardown());
  return sink.has_errors() ? kExitProblems : kExitOk;
}

}  // namespace

Command validate_command() {
  return Command{
      "validate", "Check workflow specs and report every problem with its position",
      [](CLI::App& sub, const GlobalOptions& global) -> Runner {
        auto o = std::make_shared<ValidateOptions>();
        sub.add_option("SPEC", o->files, "Spec files; several files form one project")->required();
        sub.add_option("--format", o->format, "Output: text (diagnostics on stderr) or json (an array on stdout)")
            ->check(CLI::IsMember({"text", "json"}));
        sub.footer(
            "Exit status: 0 valid (warnings allowed), 1 problems found, 2 usage error.\n"
            "Each problem: FILE:LINE:COL: error: MESSAGE, then note: lines. See docs/cli.md.");
        return [o, &global] { return run_validate(*o, global); };
      }};
}

}  // namespace restack::cli
