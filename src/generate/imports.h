#pragma once
// The imports of one generated module, computed from what its code actually uses, rendered in
// isort's grouping (standard library, third party, the project) with names sorted, and long
// `from` imports wrapped the way black wraps them.
#include <functional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "generate/python_names.h"

namespace restack::generate {

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
  std::string user_as(const std::string& module, const std::string& name, const std::string& alias);
  /// `import MODULE`; returns the name to use.
  std::string module(const std::string& module);
  /// A user-written import line (`imports:` of a function), kept verbatim after ours.
  void raw(const std::string& line);

  bool empty() const { return froms_.empty() && modules_.empty() && raw_.empty(); }
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
  using LineVisitor = void (*)(void* context, std::string_view line);
  /// for_each_line without the template: VISIT(CONTEXT, line) for each line.
  void visit_lines(size_t indent, LineVisitor visit, void* context) const;
  /// The lines written into SINK: `std::string& SINK.start(size)` gives the string to write a
  /// line of about SIZE characters into, `SINK.end()` takes it (lines() and visit_lines share
  /// the layout this way).
  template <typename Sink>
  void write_lines(size_t indent, Sink& sink) const;
  /// Entries in the order they were added, found by a short scan while there are a few (a
  /// module imports from some five modules, a few names each) and through a hash index past
  /// that (the services module imports from 6,000 modules, the tests module 1,000 models from
  /// one): no tree node per entry, no insertion in the middle of a vector. lines() sorts them.
  template <typename Entry>
  class Entries {
   public:
    Entry* find(std::string_view key);
    /// ENTRY, whose key is not there yet, added at the end.
    Entry& add(Entry entry);
    bool empty() const { return items_.empty(); }
    size_t size() const { return items_.size(); }
    const std::vector<Entry>& items() const { return items_; }  // in the order added
    /// Calls F with the entries sorted by key (std::string's order, as std::map kept them), as a
    /// std::span of pointers: on the stack for a few entries.
    template <typename F>
    void with_sorted(F&& f) const;

   private:
    static constexpr size_t kScanned = 8;  // entries found by a scan before the index is built
    struct KeyHash {
      using is_transparent = void;
      size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
    };
    std::vector<Entry> items_;
    std::unordered_map<std::string, size_t, KeyHash, std::equal_to<>> index_;  // key -> position
  };
  struct Name {
    std::string name, alias;  // alias == name when not aliased
    const std::string& key() const { return name; }
  };
  struct FromModule {
    std::string module;
    int section;  // import_section(module), computed once
    Entries<Name> names;
    const std::string& key() const { return module; }
  };
  struct PlainModule {
    std::string module, alias;
    int section;
    const std::string& key() const { return module; }
  };
  /// The entry of MODULE's names (created empty on first use).
  FromModule& names_of(std::string_view module);

  NameScope* scope_;
  Entries<FromModule> froms_;
  Entries<PlainModule> modules_;
  std::vector<std::string> raw_;
};

/// Which isort section a top-level module belongs to: 0 stdlib, 1 third party, 2 first party.
int import_section(std::string_view module);

/// `from MODULE import a, b as c` wrapped like black (one name per line when too long).
std::vector<std::string> from_import_lines(const std::string& module,
                                           const std::vector<std::string>& names, size_t indent = 0);

}  // namespace restack::generate
