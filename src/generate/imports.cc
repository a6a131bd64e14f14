#include "generate/imports.h"

#include <algorithm>

#include "generate/python_literal.h"

namespace restack::generate {

int import_section(const std::string& module) {
  static const std::set<std::string> kStdlib = {
      "asyncio", "datetime", "decimal", "enum", "json", "logging", "os", "pathlib", "re", "sys",
      "time", "typing", "uuid", "collections", "dataclasses", "functools", "itertools", "math",
      "random", "string", "textwrap", "importlib", "contextlib", "__future__"};
  std::string top = module.substr(0, module.find('.'));
  if (kStdlib.count(top)) return 0;
  if (top == "src") return 2;
  return 1;
}

std::string ImportSet::from(const std::string& module, const std::string& name) {
  std::string key = module + ":" + name;
  if (auto it = bound_.find(key); it != bound_.end()) return it->second;
  std::string local = scope_ ? scope_->fresh(name) : name;
  froms_[module][name] = local;
  bound_[key] = local;
  return local;
}

std::string ImportSet::user(const std::string& module, const std::string& name) {
  std::string key = module + ":" + name;
  if (auto it = bound_.find(key); it != bound_.end()) return it->second;
  froms_[module][name] = name;
  bound_[key] = name;
  return name;
}

std::string ImportSet::user_as(const std::string& module, const std::string& name, const std::string& alias) {
  std::string key = module + ":" + name;
  froms_[module][name] = alias;
  bound_[key] = alias;
  return alias;
}

std::string ImportSet::module(const std::string& module) {
  std::string key = module + ":";
  if (auto it = bound_.find(key); it != bound_.end()) return it->second;
  std::string local = scope_ ? scope_->fresh(module) : module;
  modules_[module] = local;
  bound_[key] = local;
  return local;
}

void ImportSet::raw(const std::string& line) {
  if (std::find(raw_.begin(), raw_.end(), line) == raw_.end()) raw_.push_back(line);
}

std::vector<std::string> from_import_lines(const std::string& module,
                                           const std::vector<std::string>& names, size_t indent) {
  std::string flat = "from " + module + " import ";
  for (size_t i = 0; i < names.size(); ++i) flat += (i ? ", " : "") + names[i];
  if (indent + flat.size() <= kLineLength) return {flat};
  std::vector<std::string> out = {"from " + module + " import ("};
  for (const auto& n : names) out.push_back("    " + n + ",");
  out.push_back(")");
  return out;
}

std::vector<std::string> ImportSet::lines(size_t indent) const {
  // isort's force_sort_within_sections=false: plain `import x` lines first, then `from` lines,
  // each sorted by module; names sorted case-sensitively (isort's default for black profile
  // would be case-insensitive, but black does not care and sorted() in Python is the reference).
  std::vector<std::string> out;
  for (int section = 0; section <= 2; ++section) {
    std::vector<std::string> block;
    for (const auto& [mod, alias] : modules_) {
      if (import_section(mod) != section) continue;
      block.push_back(alias == mod ? "import " + mod : "import " + mod + " as " + alias);
    }
    for (const auto& [mod, names] : froms_) {
      if (import_section(mod) != section) continue;
      std::vector<std::string> parts;
      for (const auto& [name, alias] : names) parts.push_back(alias == name ? name : name + " as " + alias);
      std::sort(parts.begin(), parts.end());
      for (auto& l : from_import_lines(mod, parts, indent)) block.push_back(std::move(l));
    }
    if (block.empty()) continue;
    if (!out.empty()) out.push_back("");
    for (auto& l : block) out.push_back(std::move(l));
  }
  if (!raw_.empty()) {
    if (!out.empty()) out.push_back("");
    for (const auto& l : raw_) out.push_back(l);
  }
  return out;
}

}  // namespace restack::generate
