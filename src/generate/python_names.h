#pragma once
// Python naming helpers for the generator: case styles of spec names, Python keywords, and a
// scope that hands out names which clash with nothing already bound in a generated module.
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace restack::generate {

/// Splits an identifier into lower-case words: "DataProcessor" -> {data, processor},
/// "fetch_HTTPPage2" -> {fetch, http, page2}.
std::vector<std::string> split_words(std::string_view name);

std::string snake_case(std::string_view name);   // data_processor
std::string pascal_case(std::string_view name);  // DataProcessor
std::string camel_case(std::string_view name);   // dataProcessor
std::string kebab_case(std::string_view name);   // data-processor
std::string title_case(std::string_view name);   // Data Processor

/// Every style above but the raw name, from one pass over NAME's words (a function's or
/// workflow's context holds them all).
struct CaseStyles {
  std::string snake, pascal, camel, kebab, title;
};
CaseStyles case_styles(std::string_view name);

bool is_python_keyword(std::string_view word);

/// The names bound in one generated module (or one function body). `claim` reserves a name the
/// generated code must use as is (a user's class, function, field); `fresh` returns BASE, or
/// BASE with `_` appended until it is free, and reserves it. Imports of our own go through
/// `fresh`, so a user's name always wins and our import is the one that gets aliased.
class NameScope {
 public:
  NameScope() = default;
  explicit NameScope(const NameScope* parent) : parent_(parent) {}

  void claim(const std::string& name) { add_own(name); }
  /// Room for N claimed names without rehashing (the project-wide scope).
  void reserve(size_t n) {
    if (n > kFew) spill(n);
  }
  /// Hides NAME of the parent scopes from this scope (it becomes free here).
  void unclaim_inherited(const std::string& name) { hidden_.insert(name); }
  bool taken(std::string_view name) const;
  std::string fresh(std::string_view base);
  /// What fresh(BASE) would return, without reserving it.
  std::string peek_fresh(std::string_view base) const;

 private:
  /// Hashes a name given as a string or a view alike (lookups by view make no string).
  struct NameHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  using Names = std::unordered_set<std::string, NameHash, std::equal_to<>>;
  /// Whether a scope above this one binds NAME (and this one does not hide it).
  bool taken_above(std::string_view name) const;
  /// Whether this scope itself binds NAME.
  bool has_own(std::string_view name) const;
  /// Binds NAME in this scope; false if it was bound already.
  bool add_own(std::string_view name);
  /// Moves the names into the hashed set, with room for N.
  void spill(size_t n);

  /// A module's or a function's scope binds a few names (its imports, its locals): kept in a
  /// vector and compared one by one, without a hash table to set up for each of the 6,000
  /// scopes of a large project; past kFew they move to the hashed set.
  static constexpr size_t kFew = 8;
  const NameScope* parent_ = nullptr;
  std::vector<std::string> few_;
  bool hashed_ = false;  // names_ holds this scope's names (few_ is empty)
  Names names_;  // hashed: a project scope holds every user name
  Names hidden_;
};

}  // namespace restack::generate
