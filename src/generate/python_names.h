#pragma once
// Python naming helpers for the generator: case styles of spec names, Python keywords, and a
// scope that hands out names which clash with nothing already bound in a generated module.
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

  void claim(const std::string& name) { names_.insert(name); }
  /// Room for N claimed names without rehashing (the project-wide scope).
  void reserve(size_t n) { names_.reserve(n); }
  /// Hides NAME of the parent scopes from this scope (it becomes free here).
  void unclaim_inherited(const std::string& name) { hidden_.insert(name); }
  bool taken(const std::string& name) const;
  std::string fresh(const std::string& base);
  /// What fresh(BASE) would return, without reserving it.
  std::string peek_fresh(const std::string& base) const;

 private:
  const NameScope* parent_ = nullptr;
  std::unordered_set<std::string> names_;  // hashed: a project scope holds every user name
  std::unordered_set<std::string> hidden_;
};

}  // namespace restack::generate
