#pragma once
// A lint rule: its metadata (the one source for --explain, SARIF rule descriptions and
// docs/rules.md) and one check function that the tree walk calls for the node kinds the rule
// listens to. Rules never walk the tree themselves (ruff's design): they look at the node
// they are given, its children, and what the semantic model says names are bound to.
#include <tree_sitter/api.h>

#include <string_view>
#include <vector>

#include "check/syntax_tree.h"
#include "common/diagnostic.h"

namespace restack::check {

class Context;

struct RuleMeta {
  std::string_view code;       // stable: RSG001, RSG101...
  std::string_view name;       // kebab-case, names the flagged pattern
  Severity severity;
  std::string_view summary;    // one line
  std::string_view rationale;  // why it is a problem
  std::string_view bad;        // example that triggers the rule
  std::string_view good;       // the same code written correctly
};

using CheckFn = void (*)(Context&, TSNode);

struct Rule {
  RuleMeta meta;
  std::vector<Kind> events;  // node kinds (or Kind::kReference) the check function receives
  CheckFn check;
};

}  // namespace restack::check
