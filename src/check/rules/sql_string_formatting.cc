// RSG408 sql-string-formatting: SQL built with f-strings, % or .format() passed to execute().
#include <cctype>

#include "check/rules/rule_helpers.h"
#include "check/rules/rules.h"

namespace restack::check {
namespace sql_string_formatting_impl {

bool looks_like_sql(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  std::string word;
  while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i])) && word.size() < 10)
    word += char(std::tolower(static_cast<unsigned char>(s[i++])));
  if (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) return false;
  for (std::string_view kw : {"select", "insert", "update", "delete", "create", "drop", "alter", "replace", "with",
                              "merge", "truncate", "upsert"})
    if (word == kw) return true;
  return false;
}

/// The first string literal of an expression built by concatenation or formatting.
TSNode leading_string(TSNode n) {
  for (int i = 0; i < 16; ++i) {
    Kind k = kind_of(n);
    if (k == Kind::kString) return n;
    if (k == Kind::kConcatenatedString) return named_child(n, 0);
    if (k == Kind::kBinaryOperator) n = child(n, fields().left);
    else if (k == Kind::kParenthesizedExpression) n = named_child(n, 0);
    else return {};
  }
  return {};
}

/// A SQL string with values formatted in: f"...{x}", "..." % x, "...".format(x), "..." + x.
bool is_formatted_sql(const Context& ctx, TSNode n) {
  Kind k = kind_of(n);
  TSNode lit{};
  if (k == Kind::kString || k == Kind::kConcatenatedString) {
    bool interpolated = false;
    if (k == Kind::kString) interpolated = is_fstring_with_interpolation(n);
    else for_each_named_child(n, [&](TSNode s) { interpolated = interpolated || is_fstring_with_interpolation(s); });
    if (!interpolated) return false;
    lit = leading_string(n);
  } else if (k == Kind::kBinaryOperator) {
    std::string_view op = ctx.text(child(n, fields().operator_));
    if (op != "%" && op != "+") return false;
    TSNode right = child(n, fields().right);
    if (op == "+" && kind_of(right) == Kind::kString && kind_of(leading_string(n)) == Kind::kString &&
        kind_of(child(n, fields().left)) == Kind::kString)
      return false;  // two literals
    lit = leading_string(n);
  } else if (k == Kind::kCall) {
    TSNode fn = child(n, fields().function);
    if (kind_of(fn) != Kind::kAttribute || ctx.text(child(fn, fields().attribute)) != "format") return false;
    lit = leading_string(child(fn, fields().object));
  }
  return kind_of(lit) == Kind::kString && looks_like_sql(string_body(ctx, lit));
}

void check(Context& ctx, TSNode node) {
  TSNode fn = child(node, fields().function);
  if (kind_of(fn) != Kind::kAttribute) return;
  std::string_view method = ctx.text(child(fn, fields().attribute));
  if (method != "execute" && method != "executemany" && method != "executescript" && method != "exec_driver_sql" &&
      method != "raw" && method != "fetch" && method != "fetchrow" && method != "fetchval")
    return;
  TSNode sql = positional_argument(node, 0);
  if (ts_node_is_null(sql)) sql = keyword_argument(ctx, node, "sql");
  if (ts_node_is_null(sql)) sql = keyword_argument(ctx, node, "query");
  if (ts_node_is_null(sql)) return;
  TSNode built = sql;
  if (kind_of(sql) == Kind::kIdentifier) {
    const Binding* b = ctx.lookup(ctx.text(sql));
    if (!b || b->type != BindingType::kVariable || ts_node_is_null(b->value)) return;
    built = b->value;
  }
  if (!is_formatted_sql(ctx, built)) return;
  ctx.report(sql, "SQL built by string formatting is passed to `" + std::string(method) + "`: SQL injection",
             "pass the values as query parameters: execute(\"... WHERE id = %s\", (user_id,))");
}

}  // namespace sql_string_formatting_impl

const Rule& sql_string_formatting_rule() {
  static const Rule rule{{"RSG408", "sql-string-formatting", Severity::kError,
                          "SQL built by string formatting and passed to execute()",
                          "Values formatted into SQL text are parsed as SQL: a name like `x'; DROP TABLE users; --` "
                          "changes the query. Database drivers take the values separately as parameters.",
                          R"PY(cursor.execute(f"SELECT * FROM users WHERE email = '{email}'")
)PY",
                          R"PY(cursor.execute("SELECT * FROM users WHERE email = %s", (email,))
)PY"},
                         {Kind::kCall},
                         sql_string_formatting_impl::check};
  return rule;
}

}  // namespace restack::check
