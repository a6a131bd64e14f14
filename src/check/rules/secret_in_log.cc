// RSG402 secret-in-log: a credential passed to a log call.
#include <vector>

#include "check/rules/rule_helpers.h"
#include "check/rules/rules.h"
#include "check/secret_patterns.h"

namespace restack::check {
namespace secret_in_log_impl {

constexpr std::string_view kLevels[] = {"debug", "info",     "warning", "warn", "error",
                                        "exception", "critical", "fatal", "log"};

bool is_logger_name(std::string_view n) {
  return n == "log" || n == "logger" || n == "_log" || n == "_logger" || n == "LOG" || n == "LOGGER" || n == "logging";
}

bool is_log_call(const Context& ctx, TSNode call) {
  TSNode fn = child(call, fields().function);
  if (kind_of(fn) != Kind::kAttribute) return false;
  std::string_view level = ctx.text(child(fn, fields().attribute));
  bool is_level = false;
  for (auto l : kLevels) is_level = is_level || l == level;
  if (!is_level) return false;
  TSNode obj = child(fn, fields().object);
  std::string qn = ctx.qualified_name(obj);
  if (starts_with(qn, "logging") || (starts_with(qn, "restack_ai") && ends_with(qn, ".log")) || qn == "loguru.logger")
    return true;
  if (kind_of(obj) == Kind::kAttribute) obj = child(obj, fields().attribute);  // self.logger
  return kind_of(obj) == Kind::kIdentifier && is_logger_name(ctx.text(obj));
}

/// A sub-expression of a log argument that holds a credential, or a null node.
TSNode find_secret(const Context& ctx, TSNode args) {
  std::vector<TSNode> stack{args};
  for (int budget = 0; !stack.empty() && budget < 256; ++budget) {
    TSNode n = stack.back();
    stack.pop_back();
    switch (kind_of(n)) {
      case Kind::kIdentifier:
        if (is_secret_name(ctx.text(n))) return n;
        continue;
      case Kind::kAttribute:
        if (is_secret_name(ctx.text(child(n, fields().attribute)))) return n;
        continue;
      case Kind::kSubscript: {  // os.environ["OPENAI_API_KEY"], settings["api_key"]
        TSNode key = child(n, ts_language_field_id_for_name(python_language(), "subscript", 9));
        if (kind_of(key) == Kind::kString && is_secret_name(string_body(ctx, key))) return n;
        continue;
      }
      case Kind::kCall: {  // os.getenv("X_API_KEY"); any other call (len(token), mask(key)) is fine
        std::string qn = ctx.qualified_name(child(n, fields().function));
        TSNode first = positional_argument(n, 0);
        if ((qn == "os.getenv" || qn == "os.environ.get") && kind_of(first) == Kind::kString &&
            is_secret_name(string_body(ctx, first)))
          return n;
        continue;
      }
      case Kind::kKeywordArgument:
        stack.push_back(child(n, fields().value));  // the keyword's name is not a value
        continue;
      case Kind::kString:
      case Kind::kConcatenatedString:
      case Kind::kInterpolation:
      case Kind::kArgumentList:
      case Kind::kBinaryOperator:
      case Kind::kParenthesizedExpression:
      case Kind::kTuple:
      case Kind::kList:
      case Kind::kDictionary:
      case Kind::kPair:
        for_each_named_child(n, [&](TSNode c) { stack.push_back(c); });
        continue;
      default:
        continue;  // comparisons, conditionals, lambdas: not the secret's value
    }
  }
  return {};
}

void check(Context& ctx, TSNode node) {
  if (!is_log_call(ctx, node)) return;
  TSNode secret = find_secret(ctx, child(node, fields().arguments));
  if (ts_node_is_null(secret)) return;
  ctx.report(secret, "`" + std::string(ctx.text(secret)) + "` looks like a credential and is passed to a log call",
             "log that it is set (bool) or a masked form, never the value");
}

}  // namespace secret_in_log_impl

const Rule& secret_in_log_rule() {
  static const Rule rule{{"RSG402", "secret-in-log", Severity::kError, "A credential passed to a log call",
                          "Logs are copied to terminals, log services, the Restack UI and bug reports; a key "
                          "written there is leaked to everyone who can read them.",
                          R"PY(log.info("calling OpenAI", api_key=api_key)
)PY",
                          R"PY(log.info("calling OpenAI", api_key_set=bool(api_key))
)PY"},
                         {Kind::kCall},
                         secret_in_log_impl::check};
  return rule;
}

}  // namespace restack::check
