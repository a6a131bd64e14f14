#include "generate/imports.h"

#include <algorithm>
#include <string_view>

#include "generate/python_literal.h"

namespace restack::generate {

int import_section(const std::string& module) {
  static constexpr std::string_view kStdlib[] = {
      "asyncio", "datetime", "decimal", "enum", "json", "logging", "os", "pathlib", "re", "sys",
      "time", "typing", "uuid", "collections", "dataclasses", "functools", "itertools", "math",
      "random", "string", "textwrap", "importlib", "contextlib", "__future__"};
  const std::string_view top = std::string_view(module).substr(0, module.find('.'));
  for (std::string_view stdlib : kStdlib)
    if (top == stdlib) return 0;
  if (top == "src") return 2;
  return 1;
}

// froms_ and modules_ also answer "is this name imported already, and as what" (a module's few
// imports: no separate index of "module:name" keys to build for every module).
std::map<std::string, std::string, std::less<>>& ImportSet::names_of(std::string_view module) {
  auto it = froms_.lower_bound(module);
  if (it == froms_.end() || it->first != module) it = froms_.emplace_hint(it, std::string(module), std::map<std::string, std::string, std::less<>>());
  return it->second;
}

std::string ImportSet::from(std::string_view module, std::string_view name) {
  auto& names = names_of(module);
  auto it = names.lower_bound(name);
  if (it != names.end() && it->first == name) return it->second;
  std::string local = scope_ ? scope_->fresh(std::string(name)) : std::string(name);
  names.emplace_hint(it, std::string(name), local);
  return local;
}

std::string ImportSet::user(std::string_view module, std::string_view name) {
  auto& names = names_of(module);
  auto it = names.lower_bound(name);
  if (it != names.end() && it->first == name) return it->second;
  names.emplace_hint(it, std::string(name), std::string(name));
  return std::string(name);
}

std::string ImportSet::user_as(const std::string& module, const std::string& name, const std::string& alias) {
  names_of(module)[name] = alias;
  return alias;
}

std::string ImportSet::module(const std::string& module) {
  if (auto it = modules_.find(module); it != modules_.end()) return it->second;
  std::string local = scope_ ? scope_->fresh(module) : module;
  modules_.emplace(module, local);
  return local;
}

void ImportSet::raw(const std::string& line) {
  if (std::find(raw_.begin(), raw_.end(), line) == raw_.end()) raw_.push_back(line);
}

std::vector<std::string> from_import_lines(const std::string& module,
                                           const std::vector<std::string>& names, size_t indent) {
  std::string flat = "from " + module + " import ";
  for (size_t i = 0; i < names.size(); ++i) {
    if (i) flat += ", ";
    flat += names[i];
  }
  if (indent + flat.size() <= kLineLength) return {std::move(flat)};
  std::vector<std::string> out;
  out.reserve(names.size() + 2);
  out.push_back("from " + module + " import (");
  for (const auto& n : names) {
    std::string line = "    ";
    line += n;
    line += ',';
    out.push_back(std::move(line));
  }
  out.push_back(")");
  return out;
}

namespace {

/// `from MODULE import NAMES` (each `name` or `name as alias`) appended to BLOCK, wrapped as
/// from_import_lines wraps it. A std::map iterates NAMES in the order sorted() gives their
/// texts (an alias only adds " as ..." after its name, and a space sorts before any character
/// of a name), so the text is built in one pass without a list of parts to sort.
void append_from_import(std::vector<std::string>& block, const std::string& module,
                        const std::map<std::string, std::string, std::less<>>& names, size_t indent) {
  auto append_name = [](std::string& out, const std::string& name, const std::string& alias) {
    out += name;
    if (alias != name) {
      out += " as ";
      out += alias;
    }
  };
  size_t size = 5 + module.size() + 8;
  for (const auto& [name, alias] : names) size += name.size() + 2 + (alias == name ? 0 : 4 + alias.size());
  std::string flat;
  flat.reserve(size);
  flat += "from ";
  flat += module;
  flat += " import ";
  bool first = true;
  for (const auto& [name, alias] : names) {
    if (!first) flat += ", ";
    first = false;
    append_name(flat, name, alias);
  }
  if (indent + flat.size() <= kLineLength) {
    block.push_back(std::move(flat));
    return;
  }
  block.push_back("from " + module + " import (");
  for (const auto& [name, alias] : names) {
    std::string line = "    ";
    append_name(line, name, alias);
    line += ',';
    block.push_back(std::move(line));
  }
  block.push_back(")");
}

}  // namespace

std::vector<std::string> ImportSet::lines(size_t indent) const {
  // isort's force_sort_within_sections=false: plain `import x` lines first, then `from` lines,
  // each sorted by module; names sorted case-sensitively (isort's default for black profile
  // would be case-insensitive, but black does not care and sorted() in Python is the reference).
  std::vector<std::string> blocks[3];  // by import_section()
  for (const auto& [mod, alias] : modules_)
    blocks[import_section(mod)].push_back(alias == mod ? "import " + mod : "import " + mod + " as " + alias);
  for (const auto& [mod, names] : froms_) {
    if (names.empty()) continue;
    append_from_import(blocks[import_section(mod)], mod, names, indent);
  }
  size_t count = raw_.size() + 3;
  for (const auto& block : blocks) count += block.size();
  std::vector<std::string> out;
  out.reserve(count);
  for (auto& block : blocks) {
    if (block.empty()) continue;
    if (!out.empty()) out.emplace_back();
    for (auto& l : block) out.push_back(std::move(l));
  }
  if (!raw_.empty()) {
    if (!out.empty()) out.emplace_back();
    for (const auto& l : raw_) out.push_back(l);
  }
  return out;
}

}  // namespace restack::generate
