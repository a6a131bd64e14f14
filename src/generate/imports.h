#pragma once
// The imports of one generated module, computed from what its code actually uses, rendered in
// isort's grouping (standard library, third party, the project) with names sorted, and long
// `from` imports wrapped the way black wraps them.
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
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

 private:
  /// The names imported from MODULE (created empty on first use).
  std::map<std::string, std::string, std::less<>>& names_of(std::string_view module);

  NameScope* scope_;
  // std::less<>: looked up by string_view, without a temporary string.
  std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>> froms_;  // module -> name -> alias
  std::map<std::string, std::string, std::less<>> modules_;                                   // module -> alias
  std::vector<std::string> raw_;
};

/// Which isort section a top-level module belongs to: 0 stdlib, 1 third party, 2 first party.
int import_section(const std::string& module);

/// `from MODULE import a, b as c` wrapped like black (one name per line when too long).
std::vector<std::string> from_import_lines(const std::string& module,
                                           const std::vector<std::string>& names, size_t indent = 0);

}  // namespace restack::generate
