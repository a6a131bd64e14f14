// RSG404 pickle-load: unpickling runs code chosen by whoever wrote the data.
#include "check/rules/rule_helpers.h"
#include "check/rules/rules.h"

namespace restack::check {
namespace pickle_load_impl {

void check(Context& ctx, TSNode node) {
  std::string qn = ctx.qualified_name(child(node, fields().function));
  if (!qn_in(qn, {"pickle.load", "pickle.loads", "pickle.Unpickler", "_pickle.load", "_pickle.loads",
                  "_pickle.Unpickler", "cPickle.load", "cPickle.loads", "cPickle.Unpickler", "dill.load", "dill.loads",
                  "dill.Unpickler", "shelve.open", "shelve.DbfilenameShelf", "jsonpickle.decode",
                  "pandas.read_pickle"}))
    return;
  ctx.report(node, "`" + qn + "` deserialises with pickle, which runs code embedded in the data",
             "use json or a pydantic model for data that crosses a trust boundary");
}

}  // namespace pickle_load_impl

const Rule& pickle_load_rule() {
  static const Rule rule{{"RSG404", "pickle-load", Severity::kError, "Unpickling data (pickle, dill, shelve)",
                          "A pickle can contain instructions to call any function: loading one from a file, a cache "
                          "or a request runs whatever its author wanted.",
                          R"PY(state = pickle.loads(redis.get(key))
)PY",
                          R"PY(state = State.parse_raw(redis.get(key))
)PY"},
                         {Kind::kCall},
                         pickle_load_impl::check};
  return rule;
}

}  // namespace restack::check
