// `restack-gen init [SPEC]`: writes a commented starter spec to begin a project from.
#include <iostream>

#include "cli/command.h"
#include "common/diagnostic_printer.h"
#include "common/exit_codes.h"
#include "scaffold/init.h"

namespace restack::cli {
namespace {

int run_init(const scaffold::InitRequest& request, const GlobalOptions& global) {
  DiagnosticSink sink;
  auto result = scaffold::init_spec(request, sink);
  PrintOptions print;
  print.color = global.use_color(2);
  print.show_code = global.verbose > 0;
  print_text(std::cerr, sink.all(), print);
  if (!result) {
    for (const auto& d : sink.all()) {
      if (d.code == scaffold::kInitBadName) return kExitUsage;
      if (d.code == scaffold::kInitInternal) return kExitInternal;
    }
    return kExitProblems;
  }
  if (!global.quiet) {
    const std::string spec = result->spec_file.string();
    std::cout << "created " << spec << " (workflow " << result->workflow_name << ")\n"
              << "next:\n"
              << "  restack-gen validate " << spec << "\n"
              << "  restack-gen generate " << spec << " -o " << result->project_dir.string() << "\n";
  }
  return kExitOk;
}

}  // namespace

Command init_command() {
  return Command{"init", "Write a commented starter spec to begin a new project from",
                 [](CLI::App& sub, const GlobalOptions& global) -> Runner {
                   auto request = std::make_shared<scaffold::InitRequest>();
                   sub.add_option("SPEC", request->target,
                                  "The spec file to create (default restack.yaml); a folder gets restack.yaml inside");
                   sub.add_option("--name", request->workflow_name,
                                  "The workflow's name, PascalCase (default: from the folder's name)");
                   sub.add_flag("--force", request->overwrite, "Replace the file if it exists");
                   sub.footer(
                       "Exit status: 0 written, 1 the file exists (without --force) or cannot be written,\n"
                       "2 usage error (e.g. a --name that cannot be a Python class). See docs/cli.md.");
                   return [request, &global] { return run_init(*request, global); };
                 }};
}

}  // namespace restack::cli
