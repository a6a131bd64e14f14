#include "scaffold/init.h"

#include <system_error>

#include "common/file_io.h"
#include "scaffold/starter.h"
#include "spec/load.h"
#include "spec/names.h"

namespace restack::scaffold {
namespace fs = std::filesystem;
namespace {

fs::path resolve_target(const fs::path& target) {
  std::error_code ec;
  if (target.empty() || !target.has_filename() || fs::is_directory(target, ec)) return target / "restack.yaml";
  return target;
}

/// The folder the spec goes into, by name: "." and "" become the current folder's name.
std::string folder_name_of(const fs::path& spec_file) {
  std::error_code ec;
  fs::path folder = fs::absolute(spec_file, ec).parent_path();
  return ec ? std::string() : folder.filename().string();
}

}  // namespace

std::optional<InitResult> init_spec(const InitRequest& request, DiagnosticSink& sink) {
  InitResult result;
  result.spec_file = resolve_target(request.target);
  const std::string shown = result.spec_file.string();

  if (!request.workflow_name.empty()) {
    const std::string& name = request.workflow_name;
    if (!spec::is_pascal_case(name) || spec::is_python_keyword(name)) {
      auto& d = sink.error({"restack-gen", 0, 0}, kInitBadName,
                           "`" + name + "` cannot name a workflow: it becomes a Python class, so it must be PascalCase "
                           "letters and digits, starting with a capital letter, and not a Python keyword");
      d.notes.push_back({{}, "try --name " + workflow_name_for(name)});
      return std::nullopt;
    }
    result.workflow_name = name;
  } else {
    result.workflow_name = workflow_name_for(folder_name_of(result.spec_file));
  }

  std::error_code ec;
  if (fs::exists(result.spec_file, ec) && !request.overwrite) {
    auto& d = sink.error({shown, 0, 0}, kInitExists, "already exists; init never overwrites a spec");
    d.notes.push_back({{}, "pass --force to replace it, or give another path: restack-gen init other.yaml"});
    return std::nullopt;
  }

  const std::string text = starter_spec(result.workflow_name, result.spec_file.filename().string());
  // The starter is ours: it must validate for any name we accept, or the user's first
  // `validate` fails on a file they did not write.
  DiagnosticSink check;
  if (!spec::load_project_from_texts({{shown, text}}, check)) {
    sink.error({shown, 0, 0}, kInitInternal, "internal error: the starter spec does not validate (please report this)");
    for (auto& d : check.all()) sink.add(d);
    return std::nullopt;
  }
  if (auto err = write_file_atomic(result.spec_file, text)) {
    sink.error({shown, 0, 0}, kInitWrite, "cannot write: " + *err);
    return std::nullopt;
  }
  result.project_dir = result.spec_file.parent_path() / spec::kebab_case(result.workflow_name);
  return result;
}

}  // namespace restack::scaffold
