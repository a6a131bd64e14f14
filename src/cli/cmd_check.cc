// `restack-gen check PATH...`: lint Restack Python code (src/check).
#include <unistd.h>

#include <iostream>
#include <sstream>

#include "check/checker_run.h"
#include "check/registry.h"
#include "check/report_format.h"
#include "cli/command.h"
#include "common/diagnostic_printer.h"
#include "common/exit_codes.h"

namespace restack::cli {
namespace {

struct CheckFlags {
  std::vector<std::string> paths;
  std::string format = "text";
  std::string select, ignore;
  bool exit_zero = false;
  bool no_config = false;
  int jobs = 0;
  std::string explain;
  bool explain_all = false;
  std::string output;
};

std::vector<std::string> split_codes(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s + ",") {
    if (c == ',' || c == ' ') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  return out;
}

int run_check(const CheckFlags& f, const GlobalOptions& global) {
  if (f.explain_all) {
    if (f.format == "markdown") {
      std::cout << check::explain_all_markdown();
    } else {
      for (const auto* r : check::all_rules()) std::cout << check::explain_text(r->meta) << "\n";
    }
    return kExitOk;
  }
  if (!f.explain.empty()) {
    const check::Rule* r = check::find_rule(f.explain);
    if (!r) {
      std::cerr << "restack-gen check: error: no rule " << f.explain
                << " (restack-gen check --explain-all lists them, docs/rules.md too)\n";
      return kExitUsage;
    }
    std::cout << check::explain_text(r->meta);
    return kExitOk;
  }
  if (f.paths.empty()) {
    std::cerr << "restack-gen check: error: give at least one file or folder to check\n";
    return kExitUsage;
  }
  check::RunOptions options;
  options.rules.select = split_codes(f.select);
  options.rules.ignore = split_codes(f.ignore);
  options.cli_select = !f.select.empty();
  options.jobs = f.jobs;
  options.use_project_settings = !f.no_config;
  for (const auto& code : options.rules.select)
    if (code != "ALL" && code.rfind("RSG", 0) != 0)
      std::cerr << "restack-gen check: warning: --select " << code << " matches no rule (codes start with RSG)\n";

  check::RunResult run = check::check_paths(f.paths, options);
  if (!run.errors.empty()) {
    PrintOptions po;
    po.color = global.use_color(STDERR_FILENO);
    print_text(std::cerr, run.errors, po);
  }
  if (f.format == "json") std::cout << check::format_json(run.findings);
  else if (f.format == "sarif") std::cout << check::format_sarif(run.findings);
  else std::cout << check::format_text(run.findings, global.use_color(STDOUT_FILENO));

  if (!global.quiet && f.format == "text") {
    size_t errors = 0;
    for (const auto& d : run.findings) errors += d.severity == Severity::kError;
    if (run.findings.empty())
      std::cerr << "All checks passed (" << run.files_checked << " files).\n";
    else
      std::cerr << "Found " << run.findings.size() << " problem" << (run.findings.size() == 1 ? "" : "s") << " ("
                << errors << " error" << (errors == 1 ? "" : "s") << ", " << run.findings.size() - errors
                << " warning" << (run.findings.size() - errors == 1 ? "" : "s") << ") in " << run.files_checked
                << " files. `restack-gen check --explain CODE` explains a rule.\n";
  }
  if (!run.errors.empty() && run.files_checked == 0) return kExitProblems;
  if (f.exit_zero) return kExitOk;
  return run.findings.empty() && run.errors.empty() ? kExitOk : kExitProblems;
}

}  // namespace

Command check_command() {
  return {"check", "Lint Restack Python code: syntax, workflow determinism, wiring, security",
          [](CLI::App& sub, const GlobalOptions& global) -> Runner {
            auto f = std::make_shared<CheckFlags>();
            sub.add_option("PATH", f->paths, "Files and folders to check (folders: *.py, recursively)");
            sub.add_option("--format", f->format, "Output: text (default), json, sarif; markdown with --explain-all")
                ->check(CLI::IsMember({"text", "json", "sarif", "markdown"}));
            sub.add_option("--select", f->select, "Only these rule codes or prefixes, comma-separated (RSG1,RSG401)");
            sub.add_option("--ignore", f->ignore, "Skip these rule codes or prefixes, comma-separated");
            sub.add_flag("--exit-zero", f->exit_zero, "Exit 0 even when problems are found");
            sub.add_flag("--no-config", f->no_config, "Ignore [tool.restack-gen.check] in pyproject.toml");
            sub.add_option("-j,--jobs", f->jobs, "Files checked in parallel (default: every core)")
                ->check(CLI::Range(0, 1024));
            sub.add_option("--explain", f->explain, "Print a rule's rationale with a bad and a good example");
            sub.add_flag("--explain-all", f->explain_all, "Explain every rule (--format markdown: docs/rules.md)");
            return [f, &global] { return run_check(*f, global); };
          }};
}

}  // namespace restack::cli
