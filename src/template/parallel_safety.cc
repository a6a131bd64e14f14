// The conservative walk behind mark_parallel_loops (parallel_safety.h): anything it does not
// know to be free of shared writes makes the whole template serial.
#include "template/parallel_safety.h"

#include <string_view>

#include "template/registry.h"

namespace restack::tmpl {
namespace {

/// Attribute names whose call changes its object (list/dict methods) or reads loop history.
bool is_stateful_attribute(std::string_view name) {
  constexpr std::string_view kNames[] = {"append", "extend", "pop",     "insert", "remove",  "reverse", "sort",
                                         "clear",  "update", "popitem", "setdefault", "changed"};
  for (auto n : kNames)
    if (n == name) return true;
  return false;
}

/// Names of globals and implicit variables that reach shared state.
bool is_stateful_name(std::string_view name) {
  return name == "cycler" || name == "joiner" || name == "self" || name == "super";
}

class SafetyWalk {
 public:
  /// Walks every statement of BODY; returns false at the first unsafe construct.
  bool body(const Body& b) {
    for (const auto& s : b)
      if (!stmt(*s)) return false;
    return true;
  }

  /// The for statements seen, to mark once the whole template is known to be safe.
  std::vector<ForStmt*> loops;

 private:
  bool target(const Target& t) {
    if (t.kind == Target::Kind::kNamespaceAttr) return false;
    for (const auto& item : t.items)
      if (!target(item)) return false;
    return true;
  }

  bool filters(const std::vector<std::unique_ptr<FilterExpr>>& fs) {
    for (const auto& f : fs)
      if (!expr(f.get())) return false;
    return true;
  }

  bool macro(const MacroDef& m) {
    for (const auto& p : m.params)
      if (!expr(p.default_value.get())) return false;
    return body(m.body);
  }

  bool stmt(const Stmt& s) {
    switch (s.kind) {
      case StmtKind::kData: return true;
      case StmtKind::kPrint: return expr(static_cast<const PrintStmt&>(s).expr.get());
      case StmtKind::kIf: {
        const auto& i = static_cast<const IfStmt&>(s);
        for (const auto& [test, b] : i.branches)
          if (!expr(test.get()) || !body(b)) return false;
        return body(i.otherwise);
      }
      case StmtKind::kFor: {
        auto& f = const_cast<ForStmt&>(static_cast<const ForStmt&>(s));  // the parser's own tree, not yet shared
        if (f.recursive) return false;
        loops.push_back(&f);
        return target(f.target) && expr(f.iter.get()) && expr(f.filter.get()) && body(f.body) && body(f.otherwise);
      }
      case StmtKind::kSet: {
        const auto& st = static_cast<const SetStmt&>(s);
        return target(st.target) && expr(st.value.get());
      }
      case StmtKind::kSetBlock: {
        const auto& sb = static_cast<const SetBlockStmt&>(s);
        return target(sb.target) && filters(sb.filters) && body(sb.body);
      }
      case StmtKind::kWith: {
        const auto& w = static_cast<const WithStmt&>(s);
        for (const auto& [t, e] : w.assignments)
          if (!target(t) || !expr(e.get())) return false;
        return body(w.body);
      }
      case StmtKind::kMacro: return macro(*static_cast<const MacroStmt&>(s).macro);
      case StmtKind::kCallBlock: {
        const auto& c = static_cast<const CallBlockStmt&>(s);
        return macro(*c.caller) && expr(c.call.get());
      }
      case StmtKind::kFilterBlock: {
        const auto& fb = static_cast<const FilterBlockStmt&>(s);
        return filters(fb.filters) && body(fb.body);
      }
      case StmtKind::kScope: return body(static_cast<const ScopeStmt&>(s).body);
      case StmtKind::kBlock:
      case StmtKind::kExtends:
      case StmtKind::kInclude:
      case StmtKind::kImport:
      case StmtKind::kFromImport: return false;
    }
    return false;
  }

  bool args(const CallArgsExpr& a) {
    for (const auto& x : a.args)
      if (!expr(x.get())) return false;
    for (const auto& [k, x] : a.kwargs)
      if (!expr(x.get())) return false;
    return expr(a.star_args.get()) && expr(a.star_kwargs.get());
  }

  /// A constant string subscript: `x['append']` finds the method like `x.append` does.
  static const ConstExpr* const_index(const GetitemExpr& g) {
    return g.index && g.index->kind == ExprKind::kConst ? static_cast<const ConstExpr*>(g.index.get()) : nullptr;
  }

  /// Callees whose target is known from the syntax: a name, an attribute, a constant subscript.
  static bool plain_callee(const Expr& e) {
    if (e.kind == ExprKind::kName || e.kind == ExprKind::kGetattr) return true;
    return e.kind == ExprKind::kGetitem && const_index(static_cast<const GetitemExpr&>(e));
  }

  /// Null (an absent optional part) is safe.
  bool expr(const Expr* e) {
    if (!e) return true;
    switch (e->kind) {
      case ExprKind::kConst: return true;
      case ExprKind::kName: return !is_stateful_name(static_cast<const NameExpr*>(e)->name);
      case ExprKind::kList:
      case ExprKind::kTuple:
        for (const auto& x : static_cast<const SeqExpr*>(e)->items)
          if (!expr(x.get())) return false;
        return true;
      case ExprKind::kDict:
        for (const auto& [k, v] : static_cast<const DictExpr*>(e)->items)
          if (!expr(k.get()) || !expr(v.get())) return false;
        return true;
      case ExprKind::kGetattr: {
        const auto* g = static_cast<const GetattrExpr*>(e);
        return !is_stateful_attribute(g->attr) && expr(g->object.get());
      }
      case ExprKind::kGetitem: {
        const auto* g = static_cast<const GetitemExpr*>(e);
        const ConstExpr* c = const_index(*g);
        if (c && c->value.is_string() && is_stateful_attribute(c->value.as_string())) return false;
        return expr(g->object.get()) && expr(g->index.get());
      }
      case ExprKind::kSlice: {
        const auto* s = static_cast<const SliceExpr*>(e);
        return expr(s->start.get()) && expr(s->stop.get()) && expr(s->step.get());
      }
      case ExprKind::kUnary: return expr(static_cast<const UnaryExpr*>(e)->operand.get());
      case ExprKind::kBinary: {
        const auto* b = static_cast<const BinaryExpr*>(e);
        return expr(b->left.get()) && expr(b->right.get());
      }
      case ExprKind::kConcat:
        for (const auto& x : static_cast<const ConcatExpr*>(e)->items)
          if (!expr(x.get())) return false;
        return true;
      case ExprKind::kCompare: {
        const auto* c = static_cast<const CompareExpr*>(e);
        if (!expr(c->first.get())) return false;
        for (const auto& [op, x] : c->rest)
          if (!expr(x.get())) return false;
        return true;
      }
      case ExprKind::kCondExpr: {
        const auto* c = static_cast<const CondExpr*>(e);
        return expr(c->test.get()) && expr(c->then.get()) && expr(c->otherwise.get());
      }
      case ExprKind::kCall: {
        const auto* c = static_cast<const CallExpr*>(e);
        return plain_callee(*c->callee) && expr(c->callee.get()) && args(c->args);
      }
      case ExprKind::kFilter: {
        const auto* f = static_cast<const FilterExpr*>(e);
        return f->filter && f->filter->thread_safe && expr(f->operand.get()) && args(f->args);
      }
      case ExprKind::kTest: {
        const auto* t = static_cast<const TestExpr*>(e);
        return t->test && expr(t->operand.get()) && args(t->args);
      }
    }
    return false;
  }
};

}  // namespace

void mark_parallel_loops(Template& tmpl, const Registry& registry) {
  tmpl.parallel_safe = false;
  if (!registry.all_thread_safe()) return;  // `map('name')` may call any filter by name
  SafetyWalk walk;
  if (!walk.body(tmpl.body)) return;
  tmpl.parallel_safe = true;
  for (ForStmt* f : walk.loops) f->parallel_safe = true;
}

}  // namespace restack::tmpl
