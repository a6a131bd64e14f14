// `restack-gen render TEMPLATE [--data FILE]... [-I DIR]...`: renders one Jinja2 template.
#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <memory>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/heap_tuning.h"
#include "common/diagnostic_printer.h"
#include "common/exit_codes.h"
#include "common/file_io.h"
#include "template/data.h"
#include "template/environment.h"

namespace restack::cli {
namespace {

namespace fs = std::filesystem;

struct RenderOptions {
  std::string template_path;
  std::vector<std::string> data_files;
  std::vector<std::string> include_dirs;
  std::string output;
  tmpl::Options engine;
};

void print_error(const Diagnostic& d, const GlobalOptions& global) {
  PrintOptions print;
  print.color = global.use_color(2);
  print.show_code = global.verbose > 0;
  print_text(std::cerr, {d}, print);
}

Diagnostic error_at(const std::string& file, std::string message) {
  Diagnostic d;
  d.location.file = file;
  d.code = "E-render-input";
  d.message = std::move(message);
  return d;
}

/// Loads one --data file (JSON, or YAML for .yaml/.yml) into DATA, later keys winning.
bool load_data(const std::string& file, unsigned threads, tmpl::Value& data, const GlobalOptions& global) {
  ReadResult r = read_text_file(file, 256u << 20);
  if (!r.ok) {
    print_error(error_at(file, "cannot read data file: " + r.error), global);
    return false;
  }
  std::string ext = fs::path(file).extension().string();
  tmpl::Value loaded;
  if (ext == ".yaml" || ext == ".yml") {
    try {
      loaded = tmpl::from_yaml(YAML::Load(r.content));
    } catch (const YAML::Exception& e) {
      Diagnostic d = error_at(file, "invalid YAML: " + e.msg);
      d.location.line = e.mark.line >= 0 ? e.mark.line + 1 : 0;
      d.location.column = e.mark.column >= 0 ? e.mark.column + 1 : 0;
      print_error(d, global);
      return false;
    } catch (const DiagnosticError& e) {
      print_error(error_at(file, e.diagnostic().message), global);
      return false;
    }
  } else {
    try {
      loaded = tmpl::parse_json(r.content, threads);
    } catch (const nlohmann::json::exception& e) {
      print_error(error_at(file, std::string("invalid JSON: ") + e.what()), global);
      return false;
    } catch (const std::runtime_error& e) {
      print_error(error_at(file, std::string("invalid JSON: ") + e.what()), global);
      return false;
    }
  }
  if (loaded.is_none()) return true;  // an empty YAML file
  if (!loaded.is_dict()) {
    print_error(error_at(file, "the data must be a mapping (a JSON object or YAML mapping) at the top level"), global);
    return false;
  }
  for (const auto& [k, v] : loaded.as_dict().entries) data.as_dict().set(k, v);
  return true;
}

int run_render(const RenderOptions& o, const GlobalOptions& global) {
  tmpl::Value data = tmpl::Value::dict();
  for (const auto& f : o.data_files)
    if (!load_data(f, o.engine.threads, data, global)) return kExitProblems;

  fs::path tpath(o.template_path);
  std::error_code ec;
  if (!fs::is_regular_file(tpath, ec)) {
    print_error(error_at(o.template_path, "template file not found"), global);
    return kExitProblems;
  }
  auto env = std::make_unique<tmpl::Environment>(o.engine);
  fs::path dir = tpath.parent_path().empty() ? fs::path(".") : tpath.parent_path();
  env->add_search_path(dir);
  for (const auto& d : o.include_dirs) env->add_search_path(d);
  std::string name = tpath.filename().string();
  std::string out;
  try {
    out = env->render_value(name, data);
  } catch (const DiagnosticError& e) {
    Diagnostic d = e.diagnostic();
    if (d.location.file == name) d.location.file = o.template_path;  // the path as the user gave it
    if (d.location.file.empty()) d.location.file = o.template_path;
    print_error(d, global);
    return kExitProblems;
  }
  // The data tree, the parsed templates and the output are the run's largest allocations:
  // freeing them one node at a time costs as much as rendering (common/teardown.h).
  const Teardown teardown = batch_teardown();
  dispose(std::move(data), teardown);
  dispose(std::move(env), teardown);
  if (o.output.empty()) {
    std::cout.write(out.data(), std::streamsize(out.size()));
    std::cout.flush();
    dispose(std::move(out), teardown);
    return kExitOk;
  }
  auto err = write_file_atomic(o.output, out);
  dispose(std::move(out), teardown);
  if (err) {
    print_error(error_at(o.output, "cannot write output: " + *err), global);
    return kExitProblems;
  }
  return kExitOk;
}

}  // namespace

Command render_command() {
  return Command{
      "render", "Render a Jinja2 template with JSON/YAML data (Jinja2 3.1 compatible)",
      [](CLI::App& sub, const GlobalOptions& global) -> Runner {
        auto o = std::make_shared<RenderOptions>();
        sub.add_option("TEMPLATE", o->template_path, "The template file; its folder is searched first")->required();
        sub.add_option("--data", o->data_files, "Data file (.json, or .yaml/.yml); several merge in order, later keys win");
        sub.add_option("-I,--include-dir", o->include_dirs, "Another folder searched by include/import/extends");
        sub.add_flag("--trim-blocks", o->engine.trim_blocks, "Remove the first newline after a block tag");
        sub.add_flag("--lstrip-blocks", o->engine.lstrip_blocks, "Strip spaces and tabs before a block tag on its line");
        sub.add_flag("--keep-trailing-newline", o->engine.keep_trailing_newline, "Keep the template's final newline");
        sub.add_flag("--strict-undefined", o->engine.strict_undefined, "Fail on any use of an undefined variable");
        sub.add_option("-o,--output", o->output, "Write to this file (atomically) instead of stdout");
        sub.add_option("--threads", o->engine.threads,
                       "Threads for a large data file and a long loop: 0 = one per core (default), 1 = one")
            ->check(CLI::Range(0u, 64u));
        sub.footer(
            "Exit status: 0 rendered, 1 template or data error (TEMPLATE:LINE: error: MESSAGE on stderr),\n"
            "2 usage error. See docs/templates.md for the template language.");
        return [o, &global] { return run_render(*o, global); };
      }};
}

}  // namespace restack::cli
