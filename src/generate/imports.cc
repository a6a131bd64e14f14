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

/// `from MODULE import NAMES` (each `name` or `name as alias`) written into SINK, wrapped as
/// from_import_lines wraps it. NAMES (pointers to entries with `name` and `alias`) are sorted by
/// name, which is the order sorted() gives their texts (an alias only adds " as ..." after its
/// name, and a space sorts before any character of a name), so the text is built in one pass
/// without a list of parts to sort, each line in a string of its final size.
template <typename Names, typename Sink>
void write_from_import(Sink& sink, const std::string& module, const Names& names, size_t indent) {
  auto append_name = [](std::string& line, const std::string& name, const std::string& alias) {
    line += name;
    if (alias != name) {
      line += " as ";
      line += alias;
    }
  };
  // The flat line's length, known before writing it: a long import is written wrapped at once.
  size_t size = 5 + module.size() + 8;
  for (const auto* n : names) size += n->name.size() + 2 + (n->alias == n->name ? 0 : 4 + n->alias.size());
  size -= 2;  // no ", " before the first name
  if (indent + size <= kLineLength) {
    std::string& flat = sink.start(size);
    flat += "from ";
    flat += module;
    flat += " import ";
    bool first = true;
    for (const auto* n : names) {
      if (!first) flat += ", ";
      first = false;
      append_name(flat, n->name, n->alias);
    }
    sink.end();
    return;
  }
  std::string& head = sink.start(5 + module.size() + 9);
  head += "from ";
  head += module;
  head += " import (";
  sink.end();
  for (const auto* n : names) {
    std::string& line = sink.start(4 + n->name.size() + 1 + (n->alias == n->name ? 0 : 4 + n->alias.size()));
    line += "    ";
    append_name(line, n->name, n->alias);
    line += ',';
    sink.end();
  }
  sink.start(1) += ')';
  sink.end();
}

}  // namespace

template <typename Sink>
void ImportSet::write_lines(size_t indent, Sink& sink) const {
  // isort's force_sort_within_sections=false: plain `import x` lines first, then `from` lines,
  // each sorted by module; names sorted case-sensitively (isort's default for black profile
  // would be case-insensitive, but black does not care and sorted() in Python is the reference).
  // Written in one pass per section (blank lines between sections).
  bool any = false;  // a line was written: the next section starts with a blank line
  modules_.with_sorted([&](auto modules) {
    froms_.with_sorted([&](auto froms) {
      for (int section = 0; section < 3; ++section) {
        bool open = false;
        auto open_section = [&] {
          if (!open && any) {
            sink.start(0);
            sink.end();
          }
          open = any = true;
        };
        for (const auto* m : modules) {
          if (m->section != section) continue;
          open_section();
          std::string& line = sink.start(7 + m->module.size() + (m->alias == m->module ? 0 : 4 + m->alias.size()));
          line += "import ";
          line += m->module;
          if (m->alias != m->module) {
            line += " as ";
            line += m->alias;
          }
          sink.end();
        }
        for (const auto* m : froms) {
          if (m->section != section || m->names.empty()) continue;
          open_section();
          m->names.with_sorted([&](auto names) { write_from_import(sink, m->module, names, indent); });
        }
      }
    });
  });
  if (!raw_.empty()) {
    if (any) {
      sink.start(0);
      sink.end();
    }
    for (const auto& l : raw_) {
      sink.start(l.size()) += l;
      sink.end();
    }
  }
}

std::vector<std::string> ImportSet::lines(size_t indent) const {
  // Each line a string of its own, of its final size.
  struct Sink {
    std::vector<std::string> out;
    std::string& start(size_t size) {
      std::string& line = out.emplace_back();
      if (size) line.reserve(size);
      return line;
    }
    void end() {}
  } sink;
  size_t count = raw_.size() + modules_.size() + 4;
  for (const auto& m : froms_.items()) count += m.names.size() + 2;
  sink.out.reserve(count);
  write_lines(indent, sink);
  return std::move(sink.out);
}

void ImportSet::visit_lines(size_t indent, LineVisitor visit, void* context) const {
  // Every line written into one buffer and handed over as a view.
  struct Sink {
    LineVisitor visit;
    void* context;
    std::string line;
    std::string& start(size_t) {
      line.clear();
      return line;
    }
    void end() { visit(context, line); }
  } sink{visit, context, {}};
  sink.line.reserve(128);
  write_lines(indent, sink);
}

}  // namespace restack::generate
