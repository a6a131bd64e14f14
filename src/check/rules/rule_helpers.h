#pragma once
// Small node and name helpers shared by the rules. None of them walks the whole tree; the few
// that look into a sub-expression (any_subexpression) are bounded.
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>

#include "check/context.h"

namespace restack::check {

/// QN equals one of NAMES, or is a member of one (`random.randint` matches "random").
bool qn_in(std::string_view qn, std::initializer_list<std::string_view> names);
bool starts_with(std::string_view s, std::string_view prefix);
bool ends_with(std::string_view s, std::string_view suffix);

/// The value of keyword argument NAME of CALL, or a null node.
TSNode keyword_argument(const Context& ctx, TSNode call, std::string_view name);
/// The Nth positional argument (0-based) of CALL, or a null node.
TSNode positional_argument(TSNode call, int n);
int positional_count(TSNode call);
/// CALL passes `**kwargs` (any keyword could be inside).
bool has_kwargs_splat(TSNode call);

/// "step" for a call of `workflow.step` / `agent.step` (resolved through imports), else "".
std::string_view workflow_api_member(const Context& ctx, TSNode call);

/// The text inside a string literal's quotes (prefixes and quotes removed; f-string
/// interpolations are kept verbatim). Empty for anything else.
std::string_view string_body(const Context& ctx, TSNode string);
bool is_fstring_with_interpolation(TSNode string);

/// Calls PRED on NODE and its descendants, stopping at the first true or after MAX_NODES.
bool any_subexpression(TSNode node, const std::function<bool(TSNode)>& pred, int max_nodes = 256);

/// Where an `os.` member belongs: only one determinism rule reports each.
enum class OsMember { kPure, kEnvironment, kFile, kProcess, kRandom };
OsMember classify_os_member(std::string_view qn);

/// Expression is a literal truthy constant (True, non-zero int, non-empty string).
bool is_truthy_literal(const Context& ctx, TSNode n);

/// A determinism ban list entry: names (and their members) not allowed in workflow code.
struct BannedName {
  std::string_view name;
  std::string_view what;  // "reads the wall clock"
  std::string_view hint;
};
/// For a reference event: reports NODE if it is workflow code and resolves into TABLE.
void report_banned_reference(Context& ctx, TSNode node, std::initializer_list<BannedName> table);

}  // namespace restack::check
