#include "template/objects.h"

#include <memory>

#include "template/errors.h"

namespace restack::tmpl {

// ---- argument binding ----

namespace {
const Value kMissingArgument{};  // undefined, never modified: safe to share between threads
}  // namespace

BoundArgs::BoundArgs(size_t n) : n_(n) {
  for (auto& v : values_) v = &kMissingArgument;
}

BoundArgs bind_args(const char* fn, CallArgs& args, std::initializer_list<const char*> names, size_t required) {
  if (names.size() > kMaxBuiltinParams) raise_error(std::string(fn) + "(): too many parameters for a builtin");
  BoundArgs out(names.size());
  if (args.args.empty() && args.kwargs.empty() && required == 0) return out;  // the common `x|f`
  bool set[kMaxBuiltinParams] = {};
  if (args.args.size() > names.size())
    raise_error(std::string(fn) + "() takes " + (names.size() == 0 ? "no" : "at most " + std::to_string(names.size())) +
                " arguments (" + std::to_string(args.args.size()) + " given)");
  for (size_t i = 0; i < args.args.size(); ++i) out.bind(i, args.args[i]), set[i] = true;
  for (auto& [k, v] : args.kwargs) {
    size_t idx = 0;
    bool found = false;
    for (const char* n : names) {
      if (k == n) {
        found = true;
        break;
      }
      ++idx;
    }
    if (!found) raise_error(std::string(fn) + "() got an unexpected keyword argument '" + k + "'");
    if (set[idx]) raise_error(std::string(fn) + "() got multiple values for argument '" + k + "'");
    out.bind(idx, v);
    set[idx] = true;
  }
  for (size_t i = 0; i < required; ++i)
    if (!set[i])
      raise_error(std::string(fn) + "() missing 1 required positional argument: '" + *(names.begin() + i) + "'");
  return out;
}

// ---- Macro ----

bool MacroObject::getattr(std::string_view name, Value& out) const {
  if (name == "name") {
    out = Value(def_->name);
    return true;
  }
  if (name == "arguments") {
    std::vector<Value> names;
    for (const auto& p : def_->params) names.emplace_back(p.name);
    out = Value::tuple(std::move(names));
    return true;
  }
  if (name == "caller") {
    out = Value(def_->uses_caller);
    return true;
  }
  if (name == "catch_kwargs") {
    out = Value(def_->uses_kwargs);
    return true;
  }
  if (name == "catch_varargs") {
    out = Value(def_->uses_varargs);
    return true;
  }
  return false;
}

// ---- Loop ----

std::string LoopObject::repr() const {
  return "<LoopContext " + std::to_string(index0 + 1) + "/" + std::to_string(items.size()) + ">";
}

bool LoopObject::getattr(std::string_view name, Value& out) const {
  int64_t len = int64_t(items.size());
  int64_t i = int64_t(index0);
  if (name == "index") out = Value(i + 1);
  else if (name == "index0") out = Value(i);
  else if (name == "revindex") out = Value(len - i);
  else if (name == "revindex0") out = Value(len - i - 1);
  else if (name == "first") out = Value(i == 0);
  else if (name == "last") out = Value(i == len - 1);
  else if (name == "length") out = Value(len);
  else if (name == "depth") out = Value(int64_t(depth0) + 1);
  else if (name == "depth0") out = Value(int64_t(depth0));
  else if (name == "previtem") out = i > 0 ? items[size_t(i - 1)] : Value::undefined("there is no previous item");
  else if (name == "nextitem") out = i + 1 < len ? items[size_t(i + 1)] : Value::undefined("there is no next item");
  else if (name == "cycle" || name == "changed") {
    // A bound method; the loop object outlives it only while the loop runs, which is when it is used.
    auto* self = const_cast<LoopObject*>(this);
    bool is_cycle = name == "cycle";
    out = Value(std::make_shared<FunctionObject>(std::string(name), [self, is_cycle](Renderer&, CallArgs& a) {
      return is_cycle ? self->cycle(a) : self->changed(a);
    }));
  } else {
    return false;
  }
  return true;
}

Value LoopObject::cycle(CallArgs& args) const {
  if (args.args.empty()) raise_error("no items for cycling given");
  return args.args[index0 % args.args.size()];
}

Value LoopObject::changed(CallArgs& args) {
  bool same = has_last_changed && last_changed.size() == args.args.size();
  if (same)
    for (size_t i = 0; i < args.args.size(); ++i) same = same && equals(last_changed[i], args.args[i]);
  if (same) return Value(false);
  last_changed = args.args;
  has_last_changed = true;
  return Value(true);
}

Value LoopObject::call(Renderer& r, CallArgs& args) {
  if (!recursive_stmt) raise_error("'LoopContext' object is not callable");
  if (!active || !outer) raise_error("the loop was already finished when it was called");
  if (args.args.size() != 1) raise_error("loop() takes exactly one argument");
  std::vector<Value> next = iterate(args.args[0]);
  const ForStmt* stmt = recursive_stmt;
  Frame* frame = outer;
  int depth = depth0 + 1;
  Renderer::DepthScope depth_scope(r);
  return Value(r.capture([&] { r.run_loop(*stmt, std::move(next), *frame, depth); }));
}

// ---- Namespace ----

std::string NamespaceObject::repr() const { return "<Namespace " + tmpl::repr(attrs) + ">"; }

bool NamespaceObject::getattr(std::string_view name, Value& out) const {
  const Value* v = attrs.as_dict().find(name);
  if (!v) return false;
  out = *v;
  return true;
}

bool NamespaceObject::setattr(std::string_view name, const Value& v) {
  attrs.as_dict().set(Value(name), v);
  return true;
}

// ---- Module ----

bool ModuleObject::exports(const std::string& name) const {
  for (const auto& e : ctx_->exported)
    if (e == name) return true;
  return false;
}

bool ModuleObject::getattr(std::string_view name, Value& out) const {
  std::string key(name);
  if (!exports(key)) return false;
  auto it = ctx_->vars.find(key);
  if (it == ctx_->vars.end()) return false;
  out = it->second;
  return true;
}

// ---- self / super ----

std::string TemplateRefObject::repr() const {
  return "<TemplateReference " + (ctx_->tmpl ? "'" + ctx_->tmpl->name + "'" : std::string("None")) + ">";
}

bool TemplateRefObject::getattr(std::string_view name, Value& out) const {
  auto it = ctx_->blocks.find(std::string(name));
  if (it == ctx_->blocks.end()) return false;
  out = Value(std::make_shared<BlockCallObject>(ctx_, std::string(name), 0));
  return true;
}

Value BlockCallObject::call(Renderer& r, CallArgs&) {
  auto it = ctx_->blocks.find(name_);
  if (it == ctx_->blocks.end() || index_ >= it->second.size())
    raise_error("there is no parent block called '" + name_ + "'.");
  Frame root;
  root.ctx = ctx_;
  root.toplevel = true;
  return Value(r.capture([&] { r.render_block(name_, index_, root); }));
}

// ---- global functions ----

namespace {

int64_t range_arg(const Value& v) {
  if (!(v.is_int() || v.is_bool())) raise_error("'" + type_name(v) + "' object cannot be interpreted as an integer");
  return v.as_int();
}

Value builtin_range(Renderer& r, CallArgs& a) {
  if (!a.kwargs.empty()) raise_error("range() takes no keyword arguments");
  if (a.args.empty()) raise_error("range expected at least 1 argument, got 0");
  if (a.args.size() > 3) raise_error("range expected at most 3 arguments, got " + std::to_string(a.args.size()));
  int64_t start = 0, stop, step = 1;
  if (a.args.size() == 1) {
    stop = range_arg(a.args[0]);
  } else {
    start = range_arg(a.args[0]);
    stop = range_arg(a.args[1]);
    if (a.args.size() == 3) step = range_arg(a.args[2]);
  }
  if (step == 0) raise_error("range() arg 3 must not be zero");
  __int128 count = 0;
  if (step > 0 && stop > start) count = ((__int128)stop - start + step - 1) / step;
  if (step < 0 && stop < start) count = ((__int128)start - stop - step - 1) / -step;
  if (count > (__int128)r.options().max_loop_iterations)
    raise_error("range() too large: " + std::to_string((long long)count) + " items (the limit is " +
                    std::to_string(r.options().max_loop_iterations) + ")",
                kLimitErrorCode);
  std::vector<Value> items;
  items.reserve(size_t(count));
  for (__int128 i = 0; i < count; ++i) items.emplace_back(int64_t(start + i * step));
  return Value::range_list(start, stop, step, std::move(items));
}

void update_dict(DictData& d, const Value& src) {
  if (src.is_dict()) {
    for (const auto& [k, v] : src.as_dict().entries) d.set(k, v);
    return;
  }
  for (const auto& item : iterate(src)) {
    std::vector<Value> pair = iterate(item);
    if (pair.size() != 2)
      raise_error("dictionary update sequence element has length " + std::to_string(pair.size()) + "; 2 is required");
    d.set(pair[0], pair[1]);
  }
}

Value builtin_dict(Renderer&, CallArgs& a) {
  if (a.args.size() > 1) raise_error("dict expected at most 1 argument, got " + std::to_string(a.args.size()));
  Value d = Value::dict();
  if (!a.args.empty()) update_dict(d.as_dict(), a.args[0]);
  for (auto& [k, v] : a.kwargs) d.as_dict().set(Value(k), v);
  return d;
}

Value builtin_namespace(Renderer&, CallArgs& a) {
  auto ns = std::make_shared<NamespaceObject>();
  if (a.args.size() > 1) raise_error("namespace expected at most 1 argument");
  if (!a.args.empty()) update_dict(ns->attrs.as_dict(), a.args[0]);
  for (auto& [k, v] : a.kwargs) ns->attrs.as_dict().set(Value(k), v);
  return Value(ns);
}

class CyclerObject : public Object {
 public:
  explicit CyclerObject(std::vector<Value> items) : items_(std::move(items)) {}
  std::string type_name() const override { return "Cycler"; }
  bool getattr(std::string_view name, Value& out) const override {
    auto* self = const_cast<CyclerObject*>(this);
    if (name == "current") {
      out = items_[pos_];
    } else if (name == "next" || name == "__next__") {
      out = Value(std::make_shared<FunctionObject>("next", [self](Renderer&, CallArgs&) {
        Value v = self->items_[self->pos_];
        self->pos_ = (self->pos_ + 1) % self->items_.size();
        return v;
      }));
    } else if (name == "reset") {
      out = Value(std::make_shared<FunctionObject>("reset", [self](Renderer&, CallArgs&) {
        self->pos_ = 0;
        return Value::none();
      }));
    } else {
      return false;
    }
    return true;
  }

 private:
  std::vector<Value> items_;
  size_t pos_ = 0;
};

class JoinerObject : public Object {
 public:
  explicit JoinerObject(std::string sep) : sep_(std::move(sep)) {}
  std::string type_name() const override { return "Joiner"; }
  bool callable() const override { return true; }
  Value call(Renderer&, CallArgs&) override {
    if (!used_) {
      used_ = true;
      return Value(std::string());
    }
    return Value(sep_);
  }

 private:
  std::string sep_;
  bool used_ = false;
};

}  // namespace

std::map<std::string, Value> builtin_globals() {
  std::map<std::string, Value> g;
  g["range"] = Value(std::make_shared<FunctionObject>("range", builtin_range, "type"));
  g["dict"] = Value(std::make_shared<FunctionObject>("dict", builtin_dict, "type"));
  g["namespace"] = Value(std::make_shared<FunctionObject>("namespace", builtin_namespace, "type"));
  g["cycler"] = Value(std::make_shared<FunctionObject>("cycler", [](Renderer&, CallArgs& a) {
    if (a.args.empty()) raise_error("at least one item has to be provided");
    return Value(std::make_shared<CyclerObject>(a.args));
  }, "type"));
  g["joiner"] = Value(std::make_shared<FunctionObject>("joiner", [](Renderer&, CallArgs& a) {
    auto args = bind_args("joiner", a, {"sep"});
    return Value(std::make_shared<JoinerObject>(args[0].is_undefined() ? ", " : to_str(args[0])));
  }, "type"));
  return g;
}

}  // namespace restack::tmpl
