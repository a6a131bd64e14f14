#pragma once
// How `restack-gen check` prints: text (`FILE:LINE:COL: CODE message` + hint), a JSON array,
// SARIF 2.1.0 with rule metadata, and rule explanations (--explain, docs/rules.md), all from
// the rule table.
#include <string>
#include <vector>

#include "check/rule.h"
#include "common/diagnostic.h"

namespace restack::check {

std::string format_text(const std::vector<Diagnostic>& findings, bool color = false);
/// [{file, line, column, end_line, end_column, code, severity, message, hint?}]
std::string format_json(const std::vector<Diagnostic>& findings);
std::string format_sarif(const std::vector<Diagnostic>& findings);

/// One rule as plain text (--explain CODE).
std::string explain_text(const RuleMeta& rule);
/// Every rule as Markdown: the content of docs/rules.md.
std::string explain_all_markdown();

}  // namespace restack::check
