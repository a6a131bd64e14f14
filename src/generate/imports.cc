#include "generate/imports.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <functional>
#include <initializer_list>
#include <iterator>
#include <span>
#include <string_view>

#include "generate/python_literal.h"

namespace restack::generate {

int import_section(std::string_view module) {
  // The standard library modules generated code imports, by first letter: a module is placed
  // once per generated file (some 25,000 times for a large project), without a search.
  const std::string_view top = module.substr(0, module.find('.'));
  if (top == "src") return 2;
  auto one_of = [&](std::initializer_list<std::string_view> names) {
    for (std::string_view n : names)
      if (top == n) return 0;
    return 1;
  };
  switch (top.empty() ? '\0' : top[0]) {
    case '_': return one_of({"__future__"});
    case 'a': return one_of({"asyncio"});
    case 'c': return one_of({"collections", "contextlib"});
    case 'd': return one_of({"dataclasses", "datetime", "decimal"});
    case 'e': return one_of({"enum"});
    case 'f': return one_of({"functools"});
    case 'i': return one_of({"importlib", "itertools"});
    case 'j': return one_of({"json"});
    case 'l': return one_of({"logging"});
    case 'm': return one_of({"math"});
    case 'o': return one_of({"os"});
    case 'p': return one_of({"pathlib"});
    case 'r': return one_of({"random", "re"});
    case 's': return one_of({"string", "sys"});
    case 't': return one_of({"textwrap", "time", "typing"});
    case 'u': return one_of({"uuid"});
    default: return 1;
  }
}

namespace {

size_t text_hash(std::string_view text) { return std::hash<std::string_view>()(text); }

/// A < B in std::string's order (unsigned bytes), inline: the few short names of a module
/// compare faster byte by byte than through a memcmp call each.
bool text_before(std::string_view a, std::string_view b) {
  const size_t n = a.size() < b.size() ? a.size() : b.size();
  for (size_t i = 0; i < n; ++i)
    if (a[i] != b[i]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[i]);
  return a.size() < b.size();
}

/// Bytes AT..AT+7 of TEXT as one big-endian number, zero past its end: numbers of two texts
/// compare as the texts' bytes there do (a text that ends first is its longer twin's prefix,
/// which std::string's order puts first), except that zeros and an ended text tie.
uint64_t chunk_at(std::string_view text, size_t at) {
  if constexpr (std::endian::native == std::endian::little) {
    if (at + 8 <= text.size()) {
      uint64_t word;
      std::memcpy(&word, text.data() + at, 8);
      return __builtin_bswap64(word);
    }
  }
  uint64_t key = 0;
  for (size_t i = 0; i < 8; ++i) key = key << 8 | (at + i < text.size() ? static_cast<unsigned char>(text[at + i]) : 0u);
  return key;
}

template <typename TextOf>
void insertion_sort(uint32_t* order, size_t n, TextOf&& text_of) {
  for (size_t i = 1; i < n; ++i) {
    const uint32_t p = order[i];
    const std::string_view text = text_of(p);
    size_t j = i;
    for (; j > 0 && text_before(text, text_of(order[j - 1])); --j) order[j] = order[j - 1];
    order[j] = p;
  }
}

/// Sorts the N positions at ORDER, whose texts agree on their first DEPTH bytes, by their
/// texts: by eight bytes at a time as numbers (the services module's 6,000 modules share
/// "src.functions.fn_", which a text comparison would read again for every pair), each run of
/// equal numbers by the next eight, a run of a few by comparing texts.
template <typename TextOf>
void sort_by_chunks(uint32_t* order, size_t n, size_t depth, TextOf&& text_of) {
  if (n <= 16) {
    insertion_sort(order, n, text_of);
    return;
  }
  struct Keyed {
    uint64_t key;
    uint32_t position;
  };
  std::vector<Keyed> keyed(n);
  size_t longest = 0;
  for (size_t i = 0; i < n; ++i) {
    const std::string_view text = text_of(order[i]);
    keyed[i] = {chunk_at(text, depth), order[i]};
    longest = std::max(longest, text.size());
  }
  if (longest <= depth) {  // every text ended: ties of embedded zeros only, settled by the texts
    std::sort(order, order + n, [&](uint32_t a, uint32_t b) { return text_before(text_of(a), text_of(b)); });
    return;
  }
  std::sort(keyed.begin(), keyed.end(), [](const Keyed& a, const Keyed& b) { return a.key < b.key; });
  for (size_t i = 0; i < n; ++i) order[i] = keyed[i].position;
  for (size_t run = 0; run < n;) {
    size_t end = run + 1;
    while (end < n && keyed[end].key == keyed[run].key) ++end;
    if (end - run > 1) sort_by_chunks(order + run, end - run, depth + 8, text_of);
    run = end;
  }
}

/// Sorts the N positions at ORDER by TEXT_OF(position) (std::string's order): an insertion
/// sort for a module's few entries, by chunks of eight bytes for the large sets.
template <typename TextOf>
void sort_positions(uint32_t* order, size_t n, TextOf&& text_of) {
  if (n <= 16) insertion_sort(order, n, text_of);
  else sort_by_chunks(order, n, 0, text_of);
}

/// Room for N positions: on the stack for a few, else in HEAP.
class Positions {
 public:
  explicit Positions(size_t n) {
    if (n > kOnStack) {
      heap_.resize(n);
      data_ = heap_.data();
    }
  }
  uint32_t* data() { return data_; }

 private:
  static constexpr size_t kOnStack = 32;
  uint32_t stack_[kOnStack];
  std::vector<uint32_t> heap_;
  uint32_t* data_ = stack_;
};

}  // namespace

void ImportSet::PositionIndex::insert(size_t hash, uint32_t position) {
  if (2 * (used_ + 1) > slots_.size()) {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(std::max<size_t>(32, 2 * old.size()), Slot{});
    const size_t mask = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.position == kNone) continue;
      size_t i = s.hash & mask;
      while (slots_[i].position != kNone) i = (i + 1) & mask;
      slots_[i] = s;
    }
  }
  const size_t mask = slots_.size() - 1;
  size_t i = static_cast<uint32_t>(hash) & mask;
  while (slots_[i].position != kNone) i = (i + 1) & mask;
  slots_[i] = Slot{static_cast<uint32_t>(hash), position};
  ++used_;
}

ImportSet::Span ImportSet::keep(std::string_view text) {
  const Span span{static_cast<uint32_t>(text_.size()), static_cast<uint32_t>(text.size())};
  text_.append(text.data(), text.size());
  return span;
}

size_t ImportSet::name_hash(uint32_t module, std::string_view name) {
  return text_hash(name) ^ (size_t{module} * 0x9E3779B97F4A7C15ull);
}

template <typename Entries>
uint32_t ImportSet::find_module(const Entries& entries, const PositionIndex& index, std::string_view module) const {
  if (index.empty()) {
    for (size_t i = 0; i < entries.size(); ++i)
      if (view(entries[i].module) == module) return static_cast<uint32_t>(i);
    return kNone;
  }
  return index.find(text_hash(module), [&](uint32_t p) { return view(entries[p].module) == module; });
}

template <typename Entries>
void ImportSet::index_last_module(const Entries& entries, PositionIndex& index) const {
  if (entries.size() <= kScanned) return;
  if (index.empty())  // the first time past a scan's worth: every entry so far
    for (uint32_t i = 0; i < entries.size(); ++i) index.insert(text_hash(view(entries[i].module)), i);
  else index.insert(text_hash(view(entries[entries.size() - 1].module)), static_cast<uint32_t>(entries.size() - 1));
}

uint32_t ImportSet::from_module(std::string_view module) {
  if (const uint32_t known = find_module(froms_, from_index_, module); known != kNone) return known;
  froms_.push_back(FromModule{keep(module), import_section(module)});
  index_last_module(froms_, from_index_);
  return static_cast<uint32_t>(froms_.size() - 1);
}

uint32_t ImportSet::find_name(uint32_t module, std::string_view name) const {
  const FromModule& m = froms_[module];
  if (m.count <= kScanned) {
    for (uint32_t i = m.first; i != kNone; i = names_[i].next)
      if (view(names_[i].name) == name) return i;
    return kNone;
  }
  return name_index_.find(name_hash(module, name),
                          [&](uint32_t p) { return names_[p].module == module && view(names_[p].name) == name; });
}

void ImportSet::add_name(uint32_t module, Span name, Span alias) {
  const auto position = static_cast<uint32_t>(names_.size());
  names_.push_back(Name{name, alias, module});
  FromModule& m = froms_[module];
  if (m.last == kNone) m.first = position;
  else names_[m.last].next = position;
  m.last = position;
  if (++m.count > kScanned) {
    if (m.count == kScanned + 1)  // the first time past a scan's worth: the module's names so far
      for (uint32_t i = m.first; i != kNone; i = names_[i].next) name_index_.insert(name_hash(module, view(names_[i].name)), i);
    else name_index_.insert(name_hash(module, view(name)), position);
  }
}

std::string ImportSet::from(std::string_view module, std::string_view name) {
  const uint32_t m = from_module(module);
  if (const uint32_t known = find_name(m, name); known != kNone) return std::string(view(names_[known].alias));
  std::string local = scope_ ? scope_->fresh(name) : std::string(name);
  const Span name_span = keep(name);
  add_name(m, name_span, local == name ? name_span : keep(local));
  return local;
}

std::string ImportSet::user(std::string_view module, std::string_view name) {
  const uint32_t m = from_module(module);
  if (const uint32_t known = find_name(m, name); known != kNone) return std::string(view(names_[known].alias));
  const Span name_span = keep(name);
  add_name(m, name_span, name_span);
  return std::string(name);
}

std::string ImportSet::user_as(std::string_view module, std::string_view name, std::string_view alias) {
  const uint32_t m = from_module(module);
  const uint32_t known = find_name(m, name);
  const Span name_span = known != kNone ? names_[known].name : keep(name);
  const Span alias_span = alias == name ? name_span : keep(alias);
  if (known != kNone) names_[known].alias = alias_span;
  else add_name(m, name_span, alias_span);
  return std::string(alias);
}

std::string ImportSet::module(std::string_view module) {
  if (const uint32_t known = find_module(plains_, plain_index_, module); known != kNone)
    return std::string(view(plains_[known].alias));
  std::string local = scope_ ? scope_->fresh(module) : std::string(module);
  const Span module_span = keep(module);
  plains_.push_back(PlainModule{module_span, local == module ? module_span : keep(local), import_section(module)});
  index_last_module(plains_, plain_index_);
  return local;
}

void ImportSet::raw(std::string_view line) {
  if (std::find(raw_.begin(), raw_.end(), line) == raw_.end()) raw_.emplace_back(line);
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

template <typename Entries, typename F>
void ImportSet::with_sorted(const Entries& entries, F&& f) const {
  Positions order(entries.size());
  for (uint32_t i = 0; i < entries.size(); ++i) order.data()[i] = i;
  sort_positions(order.data(), entries.size(), [&](uint32_t p) { return view(entries[p].module); });
  f(std::span<const uint32_t>(order.data(), entries.size()));
}

// `from MODULE import NAMES` (each `name` or `name as alias`) written into SINK, wrapped as
// from_import_lines wraps it. The names sorted by name are in the order sorted() gives their
// texts (an alias only adds " as ..." after its name, and a space sorts before any character of
// a name), so the text is built in one pass without a list of parts to sort, each line in a
// string of its final size.
template <typename Sink>
void ImportSet::write_from(const FromModule& m, size_t indent, Sink& sink) const {
  Positions order(m.count);
  uint32_t* names = order.data();
  size_t n = 0;
  for (uint32_t i = m.first; i != kNone; i = names_[i].next) names[n++] = i;
  sort_positions(names, n, [&](uint32_t p) { return view(names_[p].name); });

  const std::string_view module = view(m.module);
  auto aliased = [](const Name& name) { return !same(name.alias, name.name); };
  auto append_name = [&](std::string& line, const Name& name) {
    line += view(name.name);
    if (aliased(name)) {
      line += " as ";
      line += view(name.alias);
    }
  };
  // The flat line's length, known before writing it: a long import is written wrapped at once.
  size_t size = 5 + module.size() + 8;
  for (size_t i = 0; i < n; ++i) {
    const Name& name = names_[names[i]];
    size += name.name.size + 2 + (aliased(name) ? 4 + name.alias.size : 0);
  }
  size -= 2;  // no ", " before the first name
  if (indent + size <= kLineLength) {
    std::string& flat = sink.start(size);
    flat += "from ";
    flat += module;
    flat += " import ";
    for (size_t i = 0; i < n; ++i) {
      if (i) flat += ", ";
      append_name(flat, names_[names[i]]);
    }
    sink.end();
    return;
  }
  std::string& head = sink.start(5 + module.size() + 9);
  head += "from ";
  head += module;
  head += " import (";
  sink.end();
  for (size_t i = 0; i < n; ++i) {
    const Name& name = names_[names[i]];
    std::string& line = sink.start(4 + name.name.size + 1 + (aliased(name) ? 4 + name.alias.size : 0));
    line += "    ";
    append_name(line, name);
    line += ',';
    sink.end();
  }
  sink.start(1) += ')';
  sink.end();
}

template <typename Sink>
void ImportSet::write_lines(size_t indent, Sink& sink) const {
  // isort's force_sort_within_sections=false: plain `import x` lines first, then `from` lines,
  // each sorted by module; names sorted case-sensitively (isort's default for black profile
  // would be case-insensitive, but black does not care and sorted() in Python is the reference).
  // Written in one pass per section (blank lines between sections).
  bool any = false;  // a line was written: the next section starts with a blank line
  with_sorted(plains_, [&](std::span<const uint32_t> plains) {
    with_sorted(froms_, [&](std::span<const uint32_t> froms) {
      for (int section = 0; section < 3; ++section) {
        bool open = false;
        auto open_section = [&] {
          if (!open && any) {
            sink.start(0);
            sink.end();
          }
          open = any = true;
        };
        for (const uint32_t p : plains) {
          const PlainModule& m = plains_[p];
          if (m.section != section) continue;
          open_section();
          const bool aliased = !same(m.alias, m.module);
          std::string& line = sink.start(7 + m.module.size + (aliased ? 4 + m.alias.size : 0));
          line += "import ";
          line += view(m.module);
          if (aliased) {
            line += " as ";
            line += view(m.alias);
          }
          sink.end();
        }
        for (const uint32_t p : froms) {
          const FromModule& m = froms_[p];
          if (m.section != section || m.count == 0) continue;
          open_section();
          write_from(m, indent, sink);
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
  size_t count = raw_.size() + plains_.size() + names_.size() + 2 * froms_.size() + 4;
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
