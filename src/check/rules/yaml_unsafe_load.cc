// RSG405 yaml-unsafe-load: yaml.load without a safe Loader.
#include "check/rules/rule_helpers.h"
#include "check/rules/rules.h"

namespace restack::check {
namespace yaml_unsafe_load_impl {

void check(Context& ctx, TSNode node) {
  std::string qn = ctx.qualified_name(child(node, fields().function));
  if (qn == "yaml.unsafe_load" || qn == "yaml.unsafe_load_all") {
    ctx.report(node, "`" + qn + "` can build arbitrary Python objects from the document", "use yaml.safe_load");
    return;
  }
  if (qn != "yaml.load" && qn != "yaml.load_all") return;
  TSNode loader = keyword_argument(ctx, node, "Loader");
  if (ts_node_is_null(loader)) loader = positional_argument(node, 1);
  if (ts_node_is_null(loader) && has_kwargs_splat(node)) return;
  if (!ts_node_is_null(loader)) {
    std::string_view t = ctx.text(loader);
    if (ends_with(t, "SafeLoader") || ends_with(t, "CSafeLoader") || ends_with(t, "BaseLoader")) return;
  }
  ctx.report(node, "`" + qn + "` without a safe Loader can build arbitrary Python objects from the document",
             "use yaml.safe_load(...) or Loader=yaml.SafeLoader");
}

}  // namespace yaml_unsafe_load_impl

const Rule& yaml_unsafe_load_rule() {
  static const Rule rule{{"RSG405", "yaml-unsafe-load", Severity::kError, "yaml.load without a safe Loader",
                          "yaml.load with the default or full Loader turns tags like !!python/object/apply into "
                          "function calls: a YAML document from a user or a model can run code.",
                          R"PY(config = yaml.load(text, Loader=yaml.Loader)
)PY",
                          R"PY(config = yaml.safe_load(text)
)PY"},
                         {Kind::kCall},
                         yaml_unsafe_load_impl::check};
  return rule;
}

}  // namespace restack::check
