#pragma once
// The non-data values templates see: macros, `loop`, namespaces, imported modules, `self`,
// `super`, bound methods ('a'.upper) and the global functions (range, dict, namespace...).
#include <functional>
#include <map>
#include <string>

#include "template/renderer.h"
#include "template/value.h"

namespace restack::tmpl {

class MacroObject final : public Object {
 public:
  MacroObject(std::shared_ptr<const MacroDef> def, Context* ctx, VarList closure)
      : def_(std::move(def)), ctx_(ctx), closure_(std::move(closure)) {}
  std::string type_name() const override { return "Macro"; }
  std::string repr() const override { return "<Macro '" + def_->name + "'>"; }
  bool callable() const override { return true; }
  Value call(Renderer& r, CallArgs& args) override { return r.call_macro(*def_, ctx_, closure_, args); }
  void call_into_output(Renderer& r, CallArgs& args) { r.call_macro_into_output(*def_, ctx_, closure_, args); }
  bool getattr(std::string_view name, Value& out) const override;

 private:
  std::shared_ptr<const MacroDef> def_;
  Context* ctx_;
  VarList closure_;
};

class LoopObject : public Object {
 public:
  std::string type_name() const override { return "LoopContext"; }
  std::string repr() const override;
  bool getattr(std::string_view name, Value& out) const override;
  bool callable() const override { return recursive_stmt != nullptr; }
  Value call(Renderer& r, CallArgs& args) override;
  Value cycle(CallArgs& args) const;
  Value changed(CallArgs& args);

  std::vector<Value> items;
  size_t index0 = 0;
  int depth0 = 0;
  std::vector<Value> last_changed;
  bool has_last_changed = false;
  const ForStmt* recursive_stmt = nullptr;
  Frame* outer = nullptr;  // the frame the loop runs in, for recursion
  bool active = true;
};

class NamespaceObject : public Object {
 public:
  std::string type_name() const override { return "Namespace"; }
  std::string repr() const override;
  bool getattr(std::string_view name, Value& out) const override;
  bool setattr(std::string_view name, const Value& v) override;
  Value attrs = Value::dict();
};

/// An imported template: its exported macros and top-level variables.
class ModuleObject : public Object {
 public:
  ModuleObject(Context* ctx, std::string body, std::string name) : ctx_(ctx), body_(std::move(body)), name_(std::move(name)) {}
  std::string type_name() const override { return "TemplateModule"; }
  std::string repr() const override { return "<Template '" + name_ + "'>"; }
  std::string str() const override { return body_; }
  bool getattr(std::string_view name, Value& out) const override;
  bool exports(const std::string& name) const;

 private:
  Context* ctx_;
  std::string body_;
  std::string name_;
};

/// `self`: self.BLOCK() renders a block of the current template hierarchy.
class TemplateRefObject : public Object {
 public:
  explicit TemplateRefObject(Context* ctx) : ctx_(ctx) {}
  std::string type_name() const override { return "TemplateReference"; }
  std::string repr() const override;
  bool getattr(std::string_view name, Value& out) const override;

 private:
  Context* ctx_;
};

/// A block as a callable: `self.name()` (index 0) and `super()` (the next one up).
class BlockCallObject : public Object {
 public:
  BlockCallObject(Context* ctx, std::string name, size_t index) : ctx_(ctx), name_(std::move(name)), index_(index) {}
  std::string type_name() const override { return "BlockReference"; }
  std::string repr() const override { return "<BlockReference '" + name_ + "'>"; }
  bool callable() const override { return true; }
  Value call(Renderer& r, CallArgs& args) override;

 private:
  Context* ctx_;
  std::string name_;
  size_t index_;
};

/// A C++ function as a template value (range, dict, str.upper bound to a string...).
class FunctionObject : public Object {
 public:
  using Fn = std::function<Value(Renderer&, CallArgs&)>;
  FunctionObject(std::string name, Fn fn, std::string type = "builtin_function_or_method")
      : name_(std::move(name)), type_(std::move(type)), fn_(std::move(fn)) {}
  std::string type_name() const override { return type_; }
  std::string repr() const override { return "<built-in function " + name_ + ">"; }
  bool callable() const override { return true; }
  Value call(Renderer& r, CallArgs& args) override { return fn_(r, args); }

 private:
  std::string name_, type_;
  Fn fn_;
};

/// The global functions every template sees.
std::map<std::string, Value> builtin_globals();

// ---- methods of str, list and dict (methods.cc) ----
/// Calls OBJ.NAME(ARGS) if OBJ is a str/list/tuple/dict with such a method; false otherwise.
bool call_method(Renderer& r, const Value& obj, std::string_view name, CallArgs& args, Value& out);
bool has_method(const Value& obj, std::string_view name);

// ---- argument binding for builtins ----
/// Binds positional and keyword arguments to NAMES like a Python signature; missing ones stay
/// undefined. Throws "FN() got an unexpected keyword argument 'x'" and the like.
/// The bound values are borrowed from ARGS (which outlives the binding) and missing ones point
/// to one shared undefined value: binding a filter's arguments copies, allocates and frees
/// nothing (builtins take at most kMaxBuiltinParams parameters).
constexpr size_t kMaxBuiltinParams = 6;
class BoundArgs {
 public:
  explicit BoundArgs(size_t n);
  const Value& operator[](size_t i) const { return *values_[i]; }
  void bind(size_t i, const Value& v) { values_[i] = &v; }
  size_t size() const { return n_; }

 private:
  const Value* values_[kMaxBuiltinParams];
  size_t n_;
};
BoundArgs bind_args(const char* fn, CallArgs& args, std::initializer_list<const char*> names, size_t required = 0);

}  // namespace restack::tmpl
