// Expressions: names, literals, operators, attribute and item access, calls, filters, tests.
#include <cmath>
#include <cstdint>

#include "template/errors.h"
#include "template/objects.h"
#include "template/operators.h"
#include "template/renderer.h"
#include "template/utf8.h"

namespace restack::tmpl {

namespace {

/// Jinja2's object_type_repr for undefined messages: "'dict object'", "'None'".
std::string object_type_repr(const Value& v) {
  if (v.is_none()) return "None";
  return type_name(v) + " object";
}

int64_t normalize_index(int64_t i, int64_t len) { return i < 0 ? i + len : i; }

/// Python's slice.indices() then the selected positions.
std::vector<size_t> slice_positions(int64_t len, const Value& start_v, const Value& stop_v, const Value& step_v) {
  auto as_index = [](const Value& v) -> int64_t {
    if (v.is_int() || v.is_bool()) return v.as_int();
    raise_error("slice indices must be integers or None or have an __index__ method");
  };
  int64_t step = (step_v.is_none() || step_v.is_undefined()) ? 1 : as_index(step_v);
  if (step == 0) raise_error("slice step cannot be zero");
  int64_t start, stop;
  auto clamp = [&](const Value& v, int64_t dflt) -> int64_t {
    if (v.is_none() || v.is_undefined()) return dflt;
    int64_t i = as_index(v);
    if (i < 0) {
      i += len;
      if (i < 0) i = step < 0 ? -1 : 0;
    } else if (i >= len) {
      i = step < 0 ? len - 1 : len;
    }
    return i;
  };
  start = clamp(start_v, step < 0 ? len - 1 : 0);
  stop = clamp(stop_v, step < 0 ? -1 : len);
  std::vector<size_t> out;
  if (step > 0)
    for (int64_t i = start; i < stop; i += step) out.push_back(size_t(i));
  else
    for (int64_t i = start; i > stop; i += step) out.push_back(size_t(i));
  return out;
}

Value apply_slice(const Value& obj, const Value& start, const Value& stop, const Value& step) {
  if (obj.is_string()) {
    const std::string& s = obj.as_string();
    if (utf8::is_ascii(s)) {
      std::string out;
      for (size_t i : slice_positions(int64_t(s.size()), start, stop, step)) out += s[i];
      return Value(std::move(out));
    }
    std::u32string u = utf8::decode(s), out;
    for (size_t i : slice_positions(int64_t(u.size()), start, stop, step)) out += u[i];
    return Value(utf8::encode(out));
  }
  if (obj.is_sequence()) {
    const auto& items = obj.as_list().items;
    std::vector<Value> out;
    for (size_t i : slice_positions(int64_t(items.size()), start, stop, step)) out.push_back(items[i]);
    return obj.is_tuple() ? Value::tuple(std::move(out)) : Value::list(std::move(out));
  }
  if (obj.is_undefined()) raise_undefined(obj);
  raise_error("'" + type_name(obj) + "' object is not subscriptable");
}

}  // namespace

const Value* Renderer::find_variable(const std::string& name, size_t hash, const Frame& f) const {
  for (const Frame* fr = &f; fr; fr = fr->parent) {
    for (const auto& [k, v] : fr->vars)
      if (same_text(k, name)) return &v;
    if (fr->closure)
      for (const auto& [k, v] : *fr->closure)
        if (same_text(k, name)) return &v;
  }
  const Context& ctx = *f.ctx;
  if (!ctx.vars.empty()) {  // empty in most renders: no top-level set
    auto it = ctx.vars.find(name);
    if (it != ctx.vars.end()) return &it->second;
  }
  static const std::string kSelf = "self";
  if (same_text(name, kSelf) && !ctx.self_ref.is_undefined()) return &ctx.self_ref;
  if (ctx.data.is_dict())
    if (const Value* v = ctx.data.as_dict().find(name, hash)) return v;
  auto g = globals_.find(name);
  if (g != globals_.end()) return &g->second;
  return nullptr;
}

const Value* Renderer::find_attr(const DictData& d, const GetattrExpr& g) {
  const uint32_t hint = g.slot_hint.load(std::memory_order_relaxed);
  if (hint < d.entries.size()) {
    const auto& [key, value] = d.entries[hint];
    if (key.is_string() && same_text(key.as_string(), g.attr)) return &value;
  }
  const size_t at = d.position(g.attr, g.attr_hash);
  if (at >= d.entries.size()) return nullptr;
  if (at <= UINT32_MAX) g.slot_hint.store(uint32_t(at), std::memory_order_relaxed);
  return &d.entries[at].second;
}

const Value* Renderer::find_stored(const Expr& e, const Frame& f) const {
  if (e.kind == ExprKind::kName) {
    const auto& n = static_cast<const NameExpr&>(e);
    return find_variable(n.name, n.hash, f);
  }
  if (e.kind != ExprKind::kGetattr) return nullptr;
  const auto& g = static_cast<const GetattrExpr&>(e);
  const Value* obj;
  if (g.object->kind == ExprKind::kName) {  // `x.attr`, the usual chain: no nested call
    const auto& n = static_cast<const NameExpr&>(*g.object);
    obj = find_variable(n.name, n.hash, f);
  } else {
    obj = find_stored(*g.object, f);
  }
  if (!obj || !obj->is_dict() || g.dict_method) return nullptr;  // a method wins over a key
  return find_attr(obj->as_dict(), g);
}

namespace {

/// Arguments that cannot run code (constants, names, attributes): while they are evaluated, a
/// value borrowed from the data cannot change or go away.
bool plain_args(const CallArgsExpr& a) {
  if (a.star_args || a.star_kwargs) return false;
  auto plain = [](const Expr* e) {
    while (e->kind == ExprKind::kGetattr) e = static_cast<const GetattrExpr*>(e)->object.get();
    return e->kind == ExprKind::kConst || e->kind == ExprKind::kName;
  };
  for (const auto& x : a.args)
    if (!plain(x.get())) return false;
  for (const auto& [k, x] : a.kwargs)
    if (!plain(x.get())) return false;
  return true;
}

}  // namespace

Value Renderer::lookup(const std::string& name, const Frame& f) {
  if (const Value* v = find_variable(name, f)) return *v;
  return make_undefined("'" + name + "' is undefined");
}

Value Renderer::getattr(const Value& obj, std::string_view name) {
  switch (obj.kind()) {
    case Kind::kUndefined: raise_undefined(obj);
    case Kind::kObject: {
      Value out;
      if (obj.as_object()->getattr(name, out)) return out;
      break;
    }
    case Kind::kDict: {
      if (has_method(obj, name)) break;
      if (const Value* v = obj.as_dict().find(name)) return *v;
      return make_undefined("'dict object' has no attribute '" + std::string(name) + "'");
    }
    case Kind::kTuple:
      if (const auto& names = obj.as_list().field_names()) {
        for (size_t i = 0; i < names->size(); ++i)
          if ((*names)[i] == name) return obj.as_list().items[i];
      }
      break;
    default: break;
  }
  if (has_method(obj, name)) {
    std::string method(name);
    Value self = obj;
    return Value(std::make_shared<FunctionObject>(method, [self, method](Renderer& r, CallArgs& a) {
      Value out;
      call_method(r, self, method, a, out);
      return out;
    }));
  }
  std::string shown;
  append_string_repr(shown, name);
  if (obj.is_none()) return make_undefined("'None' has no attribute " + shown);
  return make_undefined("'" + object_type_repr(obj) + "' has no attribute " + shown);
}

Value Renderer::getitem(const Value& obj, const Value& key) {
  switch (obj.kind()) {
    case Kind::kUndefined: raise_undefined(obj);
    case Kind::kDict: {
      if (key.is_list() || key.is_dict()) raise_error("unhashable type: '" + type_name(key) + "'");
      if (const Value* v = obj.as_dict().find(key)) return *v;
      break;
    }
    case Kind::kList:
    case Kind::kTuple:
      if (key.is_int() || key.is_bool()) {
        const auto& items = obj.as_list().items;
        int64_t i = normalize_index(key.as_int(), int64_t(items.size()));
        if (i >= 0 && i < int64_t(items.size())) return items[size_t(i)];
      }
      break;
    case Kind::kString:
      if (key.is_int() || key.is_bool()) {
        const std::string& s = obj.as_string();
        if (utf8::is_ascii(s)) {
          int64_t i = normalize_index(key.as_int(), int64_t(s.size()));
          if (i >= 0 && i < int64_t(s.size())) return Value(std::string(1, s[size_t(i)]));
        } else {
          std::u32string u = utf8::decode(s);
          int64_t i = normalize_index(key.as_int(), int64_t(u.size()));
          if (i >= 0 && i < int64_t(u.size())) return Value(utf8::encode(u.substr(size_t(i), 1)));
        }
      }
      break;
    default: break;
  }
  if (key.is_string()) {
    Value v = getattr(obj, key.as_string());
    if (!v.is_undefined()) return v;
    // Jinja2 reports the attribute name for a missing string key.
    std::string shown;
    append_string_repr(shown, key.as_string());
    if (obj.is_none()) return make_undefined("'None' has no attribute " + shown);
    return make_undefined("'" + object_type_repr(obj) + "' has no attribute " + shown);
  }
  if (obj.is_none()) return make_undefined("None has no element " + repr(key));
  return make_undefined(object_type_repr(obj) + " has no element " + repr(key));
}

Value Renderer::eval(const Expr& e, Frame& f) {
  try {
    return eval_inner(e, f);
  } catch (const DiagnosticError& err) {
    relocate(err, *current_template_, e.line);
  }
}

Value Renderer::eval_getitem(const GetitemExpr& g, Frame& f) {
  Value obj = eval(*g.object, f);
  if (g.index->kind == ExprKind::kSlice) {
    const auto& s = static_cast<const SliceExpr&>(*g.index);
    Value start = s.start ? eval(*s.start, f) : Value::none();
    Value stop = s.stop ? eval(*s.stop, f) : Value::none();
    Value step = s.step ? eval(*s.step, f) : Value::none();
    return apply_slice(obj, start, stop, step);
  }
  return getitem(obj, eval(*g.index, f));
}

Value Renderer::eval_inner(const Expr& e, Frame& f) {
  switch (e.kind) {
    case ExprKind::kConst: return static_cast<const ConstExpr&>(e).value;
    case ExprKind::kName: {
      const auto& n = static_cast<const NameExpr&>(e);
      if (const Value* v = find_variable(n.name, n.hash, f)) return *v;
      return make_undefined("'" + n.name + "' is undefined");
    }
    case ExprKind::kList:
    case ExprKind::kTuple: {
      const auto& s = static_cast<const SeqExpr&>(e);
      std::vector<Value> items;
      items.reserve(s.items.size());
      for (const auto& item : s.items) items.push_back(eval(*item, f));
      return e.kind == ExprKind::kList ? Value::list(std::move(items)) : Value::tuple(std::move(items));
    }
    case ExprKind::kDict: {
      Value d = Value::dict();
      for (const auto& [k, v] : static_cast<const DictExpr&>(e).items) {
        Value key = eval(*k, f);
        d.as_dict().set(key, eval(*v, f));
      }
      return d;
    }
    case ExprKind::kGetattr: {
      const auto& g = static_cast<const GetattrExpr&>(e);
      // `name.attr`: look the attribute up on the variable itself, without copying it (an
      // expression cannot rebind variables while it is evaluated).
      if (const Value* obj = find_stored(*g.object, f)) {
        if (obj->is_dict() && !g.dict_method)
          if (const Value* v = find_attr(obj->as_dict(), g)) return *v;
        return getattr(*obj, g.attr);
      }
      return getattr(eval(*g.object, f), g.attr);
    }
    case ExprKind::kGetitem: return eval_getitem(static_cast<const GetitemExpr&>(e), f);
    case ExprKind::kSlice: raise_error("slice outside of a subscript");
    case ExprKind::kUnary: {
      const auto& u = static_cast<const UnaryExpr&>(e);
      return unary_op(u.op, eval(*u.operand, f));
    }
    case ExprKind::kBinary: {
      const auto& b = static_cast<const BinaryExpr&>(e);
      if (b.op == BinaryOp::kAnd) {
        Value left = eval(*b.left, f);
        return left.truthy() ? eval(*b.right, f) : left;
      }
      if (b.op == BinaryOp::kOr) {
        Value left = eval(*b.left, f);
        return left.truthy() ? left : eval(*b.right, f);
      }
      Value left = eval(*b.left, f);
      Value right = eval(*b.right, f);
      return binary_op(b.op, left, right, options_.max_output_bytes);
    }
    case ExprKind::kConcat: {
      std::string out;
      for (const auto& item : static_cast<const ConcatExpr&>(e).items) {
        Value v = eval(*item, f);
        if (v.is_undefined() && v.undefined_info() && v.undefined_info()->strict) raise_undefined(v);
        append_str(out, v);
        if (out.size() > options_.max_output_bytes) raise_error("string too large", kLimitErrorCode);
      }
      return Value(std::move(out));
    }
    case ExprKind::kCompare: {
      const auto& c = static_cast<const CompareExpr&>(e);
      Value left = eval(*c.first, f);
      for (const auto& [op, expr] : c.rest) {
        Value right = eval(*expr, f);
        if (!compare_op(op, left, right)) return Value(false);
        left = std::move(right);
      }
      return Value(true);
    }
    case ExprKind::kCondExpr: {
      const auto& c = static_cast<const CondExpr&>(e);
      if (eval(*c.test, f).truthy()) return eval(*c.then, f);
      if (c.otherwise) return eval(*c.otherwise, f);
      return make_undefined("the inline if-expression on line " + std::to_string(e.line) +
                            " evaluated to false and no else section was defined.");
    }
    case ExprKind::kCall: return eval_call(static_cast<const CallExpr&>(e), f);
    case ExprKind::kFilter: {
      const auto& fe = static_cast<const FilterExpr&>(e);
      if (fe.operand && plain_args(fe.args))
        if (const Value* input = find_stored(*fe.operand, f)) return eval_filter(fe, *input, f);
      Value input = fe.operand ? eval(*fe.operand, f) : Value();
      return eval_filter(fe, input, f);
    }
    case ExprKind::kTest: {
      const auto& te = static_cast<const TestExpr&>(e);
      const Value* stored = plain_args(te.args) ? find_stored(*te.operand, f) : nullptr;
      Value evaluated = stored ? Value() : eval(*te.operand, f);
      const Value& input = stored ? *stored : evaluated;
      if (!te.test) raise_error("No test named '" + te.name + "' found.");
      PooledArgs args(*this);
      eval_args(te.args, f, *args);
      return Value(te.test->fn(*this, input, *args));
    }
  }
  raise_error("unknown expression");
}

void Renderer::eval_args(const CallArgsExpr& a, Frame& f, CallArgs& out) {
  if (!a.args.empty()) out.args.reserve(a.args.size());
  for (const auto& x : a.args)  // a constant (`indent(4)`) is copied without a trip through eval
    out.args.push_back(x->kind == ExprKind::kConst ? static_cast<const ConstExpr&>(*x).value : eval(*x, f));
  if (a.star_args) {
    Value extra = eval(*a.star_args, f);
    for (auto& v : iterate(extra)) out.args.push_back(std::move(v));
  }
  for (const auto& [k, x] : a.kwargs) out.kwargs.emplace_back(k, eval(*x, f));
  if (a.star_kwargs) {
    Value extra = eval(*a.star_kwargs, f);
    if (!extra.is_dict()) raise_error("argument after ** must be a mapping, not " + type_name(extra));
    for (const auto& [k, v] : extra.as_dict().entries) {
      if (!k.is_string()) raise_error("keywords must be strings");
      out.kwargs.emplace_back(k.as_string(), v);
    }
  }
}

Value Renderer::eval_call(const CallExpr& c, Frame& f) {
  // obj.method(...) on data calls the method directly, without a bound-method object.
  if (c.callee->kind == ExprKind::kGetattr) {
    const auto& g = static_cast<const GetattrExpr&>(*c.callee);
    Value obj = eval(*g.object, f);
    if ((obj.is_string() || obj.is_sequence() || obj.is_dict()) && has_method(obj, g.attr)) {
      CallArgs args;
      eval_args(c.args, f, args);
      Value out;
      call_method(*this, obj, g.attr, args, out);
      return out;
    }
    Value callee = getattr(obj, g.attr);
    CallArgs args;
    eval_args(c.args, f, args);
    return call(callee, args);
  }
  Value callee = eval(*c.callee, f);
  CallArgs args;
  eval_args(c.args, f, args);
  return call(callee, args);
}

Value Renderer::call(const Value& callee, CallArgs& args) {
  if (callee.is_undefined()) raise_undefined(callee);
  if (!callee.is_object() || !callee.as_object()->callable()) raise_error("'" + type_name(callee) + "' object is not callable");
  return callee.as_object()->call(*this, args);
}

Renderer::PooledArgs::PooledArgs(Renderer& r) : r_(r) {
  if (r.args_pool_.empty()) {
    args_ = std::make_unique<CallArgs>();
  } else {
    args_ = std::move(r.args_pool_.back());
    r.args_pool_.pop_back();
  }
}

Renderer::PooledArgs::~PooledArgs() {
  args_->args.clear();
  args_->kwargs.clear();
  try {
    r_.args_pool_.push_back(std::move(args_));
  } catch (...) {  // out of memory: this one is freed instead of kept
  }
}

Value Renderer::eval_filter(const FilterExpr& fe, const Value& input, Frame& f) {
  if (!fe.filter) raise_error("No filter named '" + fe.name + "' found.");
  if (fe.constant_args) return fe.filter->fn(*this, input, *fe.constant_args);  // `x|indent(4)`
  if (fe.args.args.empty() && fe.args.kwargs.empty() && !fe.args.star_args && !fe.args.star_kwargs) {
    CallArgs none;  // `x|f`: two empty vectors, nothing to take from the pool or evaluate
    return fe.filter->fn(*this, input, none);
  }
  PooledArgs args(*this);
  eval_args(fe.args, f, *args);
  return fe.filter->fn(*this, input, *args);
}

Value Renderer::call_filter(const std::string& name, const Value& v, CallArgs& args) {
  const FilterDef* def = registry_.filter(name);
  if (!def) raise_error("No filter named '" + name + "'.");
  return def->fn(*this, v, args);
}

bool Renderer::call_test(const std::string& name, const Value& v, CallArgs& args) {
  const TestDef* def = registry_.test(name);
  if (!def) raise_error("No test named '" + name + "'.");
  return def->fn(*this, v, args);
}

}  // namespace restack::tmpl
