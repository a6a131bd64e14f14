#include "generate/imports.h"

#include <algorithm>
#include <iterator>
#include <span>
#include <string_view>

#include "generate/python_literal.h"

namespace restack::generate {

int import_section(std::string_view module) {
  static constexpr std::string_view kStdlib[] = {
      "__future__", "asyncio", "collections", "contextlib", "dataclasses", "datetime", "decimal", "enum",
      "functools", "importlib", "itertools", "json", "logging", "math", "os", "pathlib", "random", "re",
      "string", "sys", "textwrap", "time", "typing", "uuid"};
  static_assert(std::is_sorted(std::begin(kStdlib), std::end(kStdlib)));
  const std::string_view top = module.substr(0, module.find('.'));
  if (top == "src") return 2;
  return std::binary_search(std::begin(kStdlib), std::end(kStdlib), top) ? 0 : 1;
}

template <typename Entry>
Entry* ImportSet::Entries<Entry>::find(std::string_view key) {
  if (index_.empty()) {
    for (auto& e : items_)
      if (e.key() == key) return &e;
    return nullptr;
  }
  auto it = index_.find(key);
  return it == index_.end() ? nullptr : &items_[it->second];
}

template <typename Entry>
Entry& ImportSet::Entries<Entry>::add(Entry entry) {
  if (items_.empty()) items_.reserve(4);  // room for a module's usual few: one allocation
  items_.push_back(std::move(entry));
  if (items_.size() > kScanned) {
    if (index_.empty())
      for (size_t i = 0; i < items_.size(); ++i) index_.emplace(items_[i].key(), i);
    else index_.emplace(items_.back().key(), items_.size() - 1);
  }
  return items_.back();
}

template <typename Entry>
template <typename F>
void ImportSet::Entries<Entry>::with_sorted(F&& f) const {
  auto less = [](const Entry* a, const Entry* b) { return a->key() < b->key(); };
  constexpr size_t kOnStack = 16;
  if (items_.size() <= kOnStack) {
    const Entry* sorted[kOnStack];
    size_t n = 0;
    for (const auto& e : items_) {  // insertion sort: a few entries
      size_t j = n++;
      for (; j > 0 && less(&e, sorted[j - 1]); --j) sorted[j] = sorted[j - 1];
      sorted[j] = &e;
    }
    f(std::span<const Entry* const>(sorted, n));
    return;
  }
  std::vector<const Entry*> sorted;
  sorted.reserve(items_.size());
  for (const auto& e : items_) sorted.push_back(&e);
  std::sort(sorted.begin(), sorted.end(), less);
  f(std::span<const Entry* const>(sorted));
}

// froms_ and modules_ also answer "is this name imported already, and as what" (a module's few
// imports: no separate index of "module:name" keys to build for every module).
ImportSet::FromModule& ImportSet::names_of(std::string_view module) {
  if (FromModule* known = froms_.find(module)) return *known;
  return froms_.add(FromModule{std::string(module), import_section(module), {}});
}

std::string ImportSet::from(std::string_view module, std::string_view name) {
  auto& names = names_of(module).names;
  if (const Name* known = names.find(name)) return known->alias;
  std::string local = scope_ ? scope_->fresh(name) : std::string(name);
  names.add(Name{std::string(name), local});
  return local;
}

std::string ImportSet::user(std::string_view module, std::string_view name) {
  auto& names = names_of(module).names;
  if (const Name* known = names.find(name)) return known->alias;
  std::string local(name);
  names.add(Name{local, local});
  return local;
}

std::string ImportSet::user_as(const std::string& module, const std::string& name, const std::string& alias) {
  auto& names = names_of(module).names;
  if (Name* known = names.find(name)) known->alias = alias;
  else names.add(Name{name, alias});
  return alias;
}

std::string ImportSet::module(const std::string& module) {
  if (const PlainModule* known = modules_.find(module)) return known->alias;
  std::string local = scope_ ? scope_->fresh(module) : module;
  modules_.add(PlainModule{module, local, import_section(module)});
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

/// `from MODULE import NAMES` (each `name` or `name as alias`) given to EMIT line by line,
/// wrapped as from_import_lines wraps it. NAMES (pointers to entries with `name` and `alias`)
/// are sorted by name, which is the order sorted() gives their texts (an alias only adds
/// " as ..." after its name, and a space sorts before any character of a name), so the text is
/// built in one pass without a list of parts to sort. LINE: the buffer each line is written in.
template <typename Names, typename Emit>
void emit_from_import(std::string& line, const std::string& module, const Names& names, size_t indent, Emit& emit) {
  auto append_name = [](std::string& out, const std::string& name, const std::string& alias) {
    out += name;
    if (alias != name) {
      out += " as ";
      out += alias;
    }
  };
  // The flat line's length, known before writing it: a long import is written wrapped at once.
  size_t size = 5 + module.size() + 8;
  for (const auto* n : names) size += n->name.size() + 2 + (n->alias == n->name ? 0 : 4 + n->alias.size());
  size -= 2;  // no ", " before the first name
  line.assign("from ");
  line += module;
  if (indent + size <= kLineLength) {
    line += " import ";
    bool first = true;
    for (const auto* n : names) {
      if (!first) line += ", ";
      first = false;
      append_name(line, n->name, n->alias);
    }
    emit(std::string_view(line));
    return;
  }
  line += " import (";
  emit(std::string_view(line));
  for (const auto* n : names) {
    line.assign("    ");
    append_name(line, n->name, n->alias);
    line += ',';
    emit(std::string_view(line));
  }
  emit(std::string_view(")"));
}

}  // namespace

void ImportSet::visit_lines(size_t indent, LineVisitor visit, void* context) const {
  // isort's force_sort_within_sections=false: plain `import x` lines first, then `from` lines,
  // each sorted by module; names sorted case-sensitively (isort's default for black profile
  // would be case-insensitive, but black does not care and sorted() in Python is the reference).
  // Each line written into one buffer and handed over as a view (blank lines between sections).
  std::string line;
  line.reserve(128);
  bool any = false;  // a line was emitted (the next section starts with a blank line)
  bool section_open = false;
  auto emit = [&](std::string_view text) {
    any = true;
    visit(context, text);
  };
  auto open_section = [&] {
    if (!section_open && any) visit(context, std::string_view());
    section_open = true;
  };
  modules_.with_sorted([&](auto modules) {
    froms_.with_sorted([&](auto froms) {
      for (int section = 0; section < 3; ++section) {
        section_open = false;
        for (const auto* m : modules) {
          if (m->section != section) continue;
          open_section();
          line.assign("import ");
          line += m->module;
          if (m->alias != m->module) {
            line += " as ";
            line += m->alias;
          }
          emit(std::string_view(line));
        }
        for (const auto* m : froms) {
          if (m->section != section || m->names.empty()) continue;
          open_section();
          m->names.with_sorted([&](auto names) { emit_from_import(line, m->module, names, indent, emit); });
        }
      }
    });
  });
  if (!raw_.empty()) {
    if (any) visit(context, std::string_view());
    for (const auto& l : raw_) visit(context, l);
  }
}

std::vector<std::string> ImportSet::lines(size_t indent) const {
  size_t count = raw_.size() + modules_.size() + 4;
  for (const auto& m : froms_.items()) count += m.names.size() + 2;
  std::vector<std::string> out;
  out.reserve(count);
  for_each_line([&](std::string_view line) { out.emplace_back(line); }, indent);
  return out;
}

}  // namespace restack::generate
