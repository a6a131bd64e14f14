// RSG409 tls-verification-disabled: verify=False, unverified SSL contexts, CERT_NONE.
#include "check/rules/rule_helpers.h"
#include "check/rules/rules.h"

namespace restack::check {
namespace tls_verification_disabled_impl {

constexpr const char* kHint = "keep verification on; for a private CA pass verify=\"/path/to/ca.pem\"";

void check(Context& ctx, TSNode node) {
  switch (kind_of(node)) {
    case Kind::kKeywordArgument: {
      std::string_view name = ctx.text(child(node, fields().name));
      if ((name == "verify" || name == "verify_ssl") && kind_of(child(node, fields().value)) == Kind::kFalse)
        ctx.report(node, "TLS certificate verification is turned off (`" + std::string(name) + "=False`)", kHint);
      return;
    }
    case Kind::kAssignment: {
      TSNode left = child(node, fields().left);
      if (kind_of(left) == Kind::kAttribute && ctx.text(child(left, fields().attribute)) == "check_hostname" &&
          kind_of(child(node, fields().right)) == Kind::kFalse)
        ctx.report(node, "TLS host name checking is turned off (`check_hostname = False`)", kHint);
      return;
    }
    case Kind::kIdentifier:
    case Kind::kAttribute: {  // a reference event
      std::string qn = ctx.qualified_name(node);
      if (qn == "ssl._create_unverified_context" || qn == "ssl.CERT_NONE" || qn == "ssl._create_stdlib_context")
        ctx.report(node, "`" + qn + "` turns TLS certificate verification off", kHint);
      return;
    }
    default:
      return;
  }
}

}  // namespace tls_verification_disabled_impl

const Rule& tls_verification_disabled_rule() {
  static const Rule rule{{"RSG409", "tls-verification-disabled", Severity::kError,
                          "TLS certificate verification turned off",
                          "Without certificate verification anyone on the network path can read and change the "
                          "traffic, including API keys sent to LLM providers.",
                          R"PY(httpx.post(url, json=payload, verify=False, timeout=30)
)PY",
                          R"PY(httpx.post(url, json=payload, timeout=30)
)PY"},
                         {Kind::kKeywordArgument, Kind::kAssignment, Kind::kReference},
                         tls_verification_disabled_impl::check};
  return rule;
}

}  // namespace restack::check
