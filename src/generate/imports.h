#pragma once
// The imports of one generated module, computed from what its code actually uses, rendered in
// isort's grouping (standard library, third party, the project) with names sorted, and long
// `from` imports wrapped the way black wraps them.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "generate/python_names.h"

namespace restack::generate {

namespace detail {

/// A vector of trivially copyable T with room for N in the object itself: a module's import
/// set (a few modules, names and some 150 characters of text) makes no allocation. Not
/// copyable (its data may point into itself).
template <typename T, size_t N>
class InlineVector {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  InlineVector() = default;
  InlineVector(const InlineVector&) = delete;
  InlineVector& operator=(const InlineVector&) = delete;

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T* data() { return data_; }
  const T* data() const { return data_; }
  T& operator[](size_t i) { return data_[i]; }
  const T& operator[](size_t i) const { return data_[i]; }
  void push_back(const T& value) {
    if (size_ == capacity_) grow(size_ + 1);
    data_[size_++] = value;
  }
  void append(const T* values, size_t n) {
    if (size_ + n > capacity_) grow(size_ + n);
    std::copy(values, values + n, data_ + size_);
    size_ += n;
  }

 private:
  void grow(size_t needed) {
    std::vector<T> bigger(std::max(needed, 2 * capacity_));
    std::copy(data_, data_ + size_, bigger.begin());
    heap_ = std::move(bigger);
    data_ = heap_.data();
    capacity_ = heap_.size();
  }
  T inline_[N];
  std::vector<T> heap_;
  T* data_ = inline_;
  size_t size_ = 0, capacity_ = N;
};

}  // namespace detail

class ImportSet {
 public:
  /// SCOPE holds the user's names bound in the module; an import that clashes is aliased.
  explicit ImportSet(NameScope* scope) : scope_(scope) {}

  /// `from MODULE import NAME`; returns the name the code must use (NAME or its alias).
  /// MODULE and NAME as views: callers pass literals, and a name imported already is found
  /// without making a string of either (modules call this some 100,000 times for a large project).
  std::string from(std::string_view module, std::string_view name);
  /// `from MODULE import NAME` of a user's name (a model, function, workflow): never aliased,
  /// the module scope already claims it.
  std::string user(std::string_view module, std::string_view name);
  /// The same under ALIAS (`from MODULE import NAME as ALIAS`).
  std::string user_as(std::string_view module, std::string_view name, std::string_view alias);
  /// `import MODULE`; returns the name to use.
  std::string module(std::string_view module);
  /// A user-written import line (`imports:` of a function), kept verbatim after ours.
  void raw(std::string_view line);

  bool empty() const { return froms_.empty() && plains_.empty() && raw_.empty(); }
  /// The import block as lines (blank lines between groups), without a trailing blank line.
  /// INDENT: the column the block starts at (inside `with import_functions():`).
  std::vector<std::string> lines(size_t indent = 0) const;
  /// lines(INDENT) given to F one by one as std::string_view (valid during the call) instead
  /// of as strings: a caller that keeps shared values of repeated lines (StringPool) makes no
  /// string for a line it has seen before.
  template <typename F>
  void for_each_line(F&& f, size_t indent = 0) const {
    visit_lines(
        indent, [](void* context, std::string_view line) { (*static_cast<std::remove_reference_t<F>*>(context))(line); },
        &f);
  }

 private:
  static constexpr uint32_t kNone = UINT32_MAX;
  /// A text kept in text_ (by position: text_ may move as it grows).
  struct Span {
    uint32_t at = 0, size = 0;
  };
  /// Whether A and B are one kept text (an alias kept as its name's span is no alias): two
  /// texts kept apart start at the same place only when the first is empty.
  static bool same(Span a, Span b) { return a.at == b.at && a.size == b.size; }
  /// `from MODULE import ...`: its names are a list through Name::next, in the order added.
  struct FromModule {
    Span module;
    int section;  // import_section(module), computed once
    uint32_t first = kNone, last = kNone, count = 0;
  };
  struct Name {
    Span name, alias;  // same(alias, name) when not aliased
    uint32_t module;        // its FromModule's position
    uint32_t next = kNone;  // the module's next name
  };
  struct PlainModule {
    Span module, alias;
    int section;
  };
  /// Positions of entries hashed by their key, for the sets too large to scan (the services
  /// module imports from 6,000 modules, the tests module 1,000 models from one): open
  /// addressing over a vector of (hash, position), no node per entry. The caller compares keys.
  class PositionIndex {
   public:
    bool empty() const { return slots_.empty(); }
    /// The position of an entry with HASH for which MATCHES(position) holds, or kNone.
    template <typename Matches>
    uint32_t find(size_t hash, Matches&& matches) const {
      if (slots_.empty()) return kNone;
      const size_t mask = slots_.size() - 1;
      for (size_t i = hash & mask;; i = (i + 1) & mask) {
        const Slot& slot = slots_[i];
        if (slot.position == kNone) return kNone;
        if (slot.hash == static_cast<uint32_t>(hash) && matches(slot.position)) return slot.position;
      }
    }
    void insert(size_t hash, uint32_t position);

   private:
    struct Slot {
      uint32_t hash = 0, position = kNone;
    };
    std::vector<Slot> slots_;  // a power of two, at most half full
    size_t used_ = 0;
  };
  /// Entries found by a scan while there are this few (a module imports from some five
  /// modules, a few names each), through a PositionIndex past that.
  static constexpr size_t kScanned = 8;

  using LineVisitor = void (*)(void* context, std::string_view line);
  /// for_each_line without the template: VISIT(CONTEXT, line) for each line.
  void visit_lines(size_t indent, LineVisitor visit, void* context) const;
  /// The lines written into SINK: `std::string& SINK.start(size)` gives the string to write a
  /// line of about SIZE characters into, `SINK.end()` takes it (lines() and visit_lines share
  /// the layout this way).
  template <typename Sink>
  void write_lines(size_t indent, Sink& sink) const;
  /// `from MODULE import ...` of M's names, sorted, into SINK.
  template <typename Sink>
  void write_from(const FromModule& m, size_t indent, Sink& sink) const;
  /// Calls F with the positions of ENTRIES (FromModule or PlainModule) sorted by module text,
  /// as a std::span: on the stack for a few.
  template <typename Entries, typename F>
  void with_sorted(const Entries& entries, F&& f) const;

  std::string_view view(Span s) const { return {text_.data() + s.at, s.size}; }
  Span keep(std::string_view text);
  /// The position of MODULE's entry in ENTRIES (froms_ or plains_, with their INDEX), or kNone.
  template <typename Entries>
  uint32_t find_module(const Entries& entries, const PositionIndex& index, std::string_view module) const;
  /// Indexes ENTRIES' last entry, just added, once there are more than kScanned (all of them the
  /// first time).
  template <typename Entries>
  void index_last_module(const Entries& entries, PositionIndex& index) const;
  /// The position of MODULE's entry in froms_ (created without names on first use).
  uint32_t from_module(std::string_view module);
  /// The position of NAME among the names of froms_[MODULE], or kNone.
  uint32_t find_name(uint32_t module, std::string_view name) const;
  /// Adds NAME (imported as ALIAS; same span when not aliased) to froms_[MODULE]'s names.
  void add_name(uint32_t module, Span name, Span alias);
  static size_t name_hash(uint32_t module, std::string_view name);

  NameScope* scope_;
  // Room in the object for what a function or workflow module imports.
  detail::InlineVector<char, 256> text_;  // every module name, name and alias, one after another
  detail::InlineVector<FromModule, 8> froms_;  // in the order first used
  detail::InlineVector<Name, 16> names_;
  detail::InlineVector<PlainModule, 2> plains_;
  std::vector<std::string> raw_;
  PositionIndex from_index_;   // froms_ by module text, once there are more than kScanned
  PositionIndex name_index_;   // names_ of the modules with more than kScanned names
  PositionIndex plain_index_;  // plains_ by module text, once there are more than kScanned
};

/// Which isort section a top-level module belongs to: 0 stdlib, 1 third party, 2 first party.
int import_section(std::string_view module);

/// `from MODULE import a, b as c` wrapped like black (one name per line when too long).
std::vector<std::string> from_import_lines(const std::string& module,
                                           const std::vector<std::string>& names, size_t indent = 0);

}  // namespace restack::generate
