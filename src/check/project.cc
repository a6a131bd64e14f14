#include "check/project.h"

#include <filesystem>
#include <map>
#include <set>
#include <unordered_map>

#include "check/rules/rules.h"

namespace restack::check {
namespace fs = std::filesystem;
namespace {

/// The project a file belongs to: the nearest folder with a pyproject.toml, else the parent of
/// the nearest `src` folder, else the file's own folder.
fs::path project_root(const fs::path& file) {
  std::error_code ec;
  fs::path abs = fs::absolute(file, ec).lexically_normal();
  fs::path src_parent;
  for (fs::path p = abs.parent_path(); !p.empty(); p = p.parent_path()) {
    if (fs::exists(p / "pyproject.toml", ec)) return p;
    if (src_parent.empty() && p.filename() == "src") src_parent = p.parent_path();
    if (p == p.root_path()) break;
  }
  return src_parent.empty() ? abs.parent_path() : src_parent;
}

std::string module_name(const fs::path& root, const fs::path& file) {
  std::error_code ec;
  fs::path rel = fs::absolute(file, ec).lexically_normal().lexically_relative(root);
  rel.replace_extension();
  std::string name;
  for (const auto& part : rel) {
    if (!name.empty()) name += '.';
    name += part.string();
  }
  const std::string init = "__init__";
  if (name == init) return "";
  if (name.size() > init.size() && name.compare(name.size() - init.size() - 1, std::string::npos, "." + init) == 0)
    name.resize(name.size() - init.size() - 1);
  return name;
}

struct Module {
  std::string name;
  bool is_package = false;
  const ModuleSummary* summary = nullptr;
  std::string path;
};

class Project {
 public:
  void add(Module m) {
    modules_[m.name] = modules_.size();
    list_.push_back(m);
    // Projects often put src/ on sys.path: `from workflows.child import X` means src.workflows.child.
    if (m.name.rfind("src.", 0) == 0) aliases_[m.name.substr(4)] = m.name;
  }

  /// Absolute qualified name for QN (maybe relative, leading dots) imported by module FROM.
  std::string absolute(const std::string& qn, const Module& from) const {
    if (qn.empty() || qn[0] != '.') return qn;
    size_t dots = qn.find_first_not_of('.');
    if (dots == std::string::npos) dots = qn.size();
    std::string base = from.name;
    if (!from.is_package) base = parent(base);
    for (size_t i = 1; i < dots; ++i) base = parent(base);
    std::string rest = qn.substr(dots);
    if (base.empty()) return rest;
    return rest.empty() ? base : base + "." + rest;
  }

  /// The module called NAME, or null.
  const Module* find(const std::string& name) const {
    auto it = modules_.find(name);
    if (it == modules_.end()) {
      auto a = aliases_.find(name);
      if (a == aliases_.end()) return nullptr;
      it = modules_.find(a->second);
      if (it == modules_.end()) return nullptr;
    }
    return &list_[it->second];
  }

  /// Follows QN through imports and re-exports to the definition it names: "module:name".
  std::string canonical(const std::string& qn, int depth = 0) const {
    if (depth > 16) return {};
    size_t dot = qn.rfind('.');
    if (dot == std::string::npos) return {};
    const Module* m = find(qn.substr(0, dot));
    if (!m) return {};
    std::string name = qn.substr(dot + 1);
    for (const auto& d : m->summary->definitions)
      if (d.name == name) return m->name + ":" + name;
    for (const auto& [local, target] : m->summary->imports)
      if (local == name) return canonical(absolute(target, *m), depth + 1);
    return {};
  }

  const std::vector<Module>& modules() const { return list_; }

 private:
  static std::string parent(const std::string& name) {
    size_t dot = name.rfind('.');
    return dot == std::string::npos ? std::string() : name.substr(0, dot);
  }
  std::unordered_map<std::string, size_t> modules_;
  std::unordered_map<std::string, std::string> aliases_;
  std::vector<Module> list_;
};

}  // namespace

std::vector<Diagnostic> find_unregistered_definitions(const std::vector<ProjectFile>& files) {
  std::map<fs::path, Project> projects;
  for (const auto& f : files) {
    fs::path root = project_root(f.path);
    Module m;
    m.name = module_name(root, f.path);
    m.is_package = fs::path(f.path).stem() == "__init__";
    m.summary = f.summary;
    m.path = f.path;
    projects[root].add(std::move(m));
  }
  std::vector<Diagnostic> out;
  const RuleMeta& meta = unregistered_definition_rule().meta;
  for (const auto& [root, project] : projects) {
    std::set<std::string> registered;
    std::vector<std::string> services;
    for (const Module& m : project.modules()) {
      if (!m.summary->is_services) continue;
      services.push_back(m.path);
      for (const std::string& r : m.summary->registered) {
        if (!r.empty() && r[0] == ':') registered.insert(m.name + r);
        else registered.insert(project.canonical(project.absolute(r, m)));
      }
    }
    if (services.empty()) continue;
    std::string where = services.size() == 1 ? services[0] : std::to_string(services.size()) + " services files";
    for (const Module& m : project.modules())
      for (const auto& d : m.summary->definitions) {
        if (registered.count(m.name + ":" + d.name)) continue;
        Diagnostic diag;
        diag.location = d.begin;
        diag.end = d.end;
        diag.severity = meta.severity;
        diag.code = std::string(meta.code);
        diag.message = d.kind + " `" + d.name + "` is not registered by start_service in " + where +
                       ": no worker will run it";
        diag.notes.push_back({{}, "add it to the " + d.kind + "s=[...] list of client.start_service(...)"});
        out.push_back(std::move(diag));
      }
  }
  return out;
}

}  // namespace restack::check
