// RSG401 hardcoded-secret: credentials written in the source.
#include "check/rules/rule_helpers.h"
#include "check/rules/rules.h"
#include "check/secret_patterns.h"

namespace restack::check {
namespace hardcoded_secret_impl {

/// The name a string literal is bound to: `NAME = "..."`, `f(NAME="...")`, `{"NAME": "..."}`,
/// `def f(NAME="...")`, `self.NAME = "..."`. Empty when it is not bound to a name.
std::string_view bound_name(const Context& ctx, TSNode str) {
  TSNode parent = ctx.ancestor(1);
  switch (kind_of(parent)) {
    case Kind::kAssignment: {
      if (!ts_node_eq(child(parent, fields().right), str)) return {};
      TSNode left = child(parent, fields().left);
      if (kind_of(left) == Kind::kAttribute) left = child(left, fields().attribute);
      return kind_of(left) == Kind::kIdentifier ? ctx.text(left) : std::string_view{};
    }
    case Kind::kKeywordArgument:
    case Kind::kDefaultParameter:
    case Kind::kTypedDefaultParameter:
      return ts_node_eq(child(parent, fields().value), str) ? ctx.text(child(parent, fields().name)) : std::string_view{};
    case Kind::kPair:
      return ts_node_eq(child(parent, fields().value), str) ? string_body(ctx, child(parent, fields().key))
                                                            : std::string_view{};
    default:
      return {};
  }
}

void check(Context& ctx, TSNode node) {
  if (kind_of(ctx.ancestor(1)) == Kind::kExpressionStatement) return;  // docstrings describe, they do not hold keys
  std::string_view body = string_body(ctx, node);
  if (body.size() < 16) return;
  std::string_view format = known_secret_format(body);
  if (!format.empty()) {
    ctx.report(node, "hard-coded secret: this string looks like " + std::string(format),
               "read it from the environment (os.environ[...]) or a secret manager, and revoke the leaked key");
    return;
  }
  if (is_fstring_with_interpolation(node)) return;
  std::string_view name = bound_name(ctx, node);
  if (name.empty() || !is_secret_name(name) || !is_high_entropy_secret(body)) return;
  ctx.report(node, "hard-coded secret assigned to `" + std::string(name) + "`",
             "read it from the environment (os.environ[...]) or a secret manager, and revoke the leaked value");
}

}  // namespace hardcoded_secret_impl

const Rule& hardcoded_secret_rule() {
  static const Rule rule{{"RSG401", "hardcoded-secret", Severity::kError, "A credential written in the source",
                          "Keys in source code end up in git history, logs, container images and LLM prompts. "
                          "Well-known formats (sk-, csk-, gsk_, AKIA, ghp_, Bearer tokens) are reported anywhere; "
                          "other high-entropy strings when bound to a name like *KEY*, *TOKEN*, *SECRET* or "
                          "*PASSWORD*. Placeholders, descriptions and values read from the environment are fine.",
                          R"PY(client = OpenAI(api_key="sk-proj-4f9XbQ2kLm8ZrT1vWc7YhN3sPa6D")
)PY",
                          R"PY(client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])
)PY"},
                         {Kind::kString},
                         hardcoded_secret_impl::check};
  return rule;
}

}  // namespace restack::check
