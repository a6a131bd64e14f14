// src/models.py: every pydantic model of the project in one module, so functions, workflows,
// the schedule script and tests import models from one place and no import cycle can arise.
// Order: the user's models (dependencies first), workflow models, function models, then the
// aliases of derived function models that are the same as another model.
#include <functional>
#include <unordered_set>

#include "generate/context_internal.h"
#include "generate/imports.h"
#include "generate/python_literal.h"

namespace restack::generate {

namespace {

void collect_model_refs(const spec::TypeExpr& t, std::set<std::string>& out) {
  if (t.kind == spec::TypeExpr::Kind::kModel) out.insert(t.name);
  for (const auto& a : t.args) collect_model_refs(a, out);
}

/// One field of a class. Its texts go through POOL: the fields of a large project repeat a few
/// names, annotations and lines of code ("record_id: str") thousands of times.
tmpl::Value field_context(const spec::Field& f, PythonTypes& types, const std::string& field_callee, StringPool& pool) {
  std::string annotation = types.annotation(f.type);
  std::string head;
  head.reserve(f.name.size() + 2 + annotation.size());
  head += f.name;
  head += ": ";
  head += annotation;
  std::string code;
  if (f.description) {
    std::vector<Arg> args;
    args.push_back({"", f.default_value ? types.value(*f.default_value, f.type) : "..."});
    args.push_back({"description", python_string(one_line(*f.description))});
    // The Field(...) call shares its line with "    NAME: TYPE = ".
    code = head + " = " + call_expr(field_callee, args, 4, 4 + head.size() + 3);
  } else if (f.default_value) {
    code = head + " = " + fit(types.value(*f.default_value, f.type), 4, 4 + head.size() + 3);
  } else {
    code = std::move(head);
  }
  return make_dict({{"name", pool.get(std::string_view(f.name))},
                    {"annotation", pool.get(std::move(annotation))},
                    {"description", f.description ? pool.get(one_line(*f.description)) : ContextField::empty_string()},
                    {"code", pool.get(std::move(code))}});
}

}  // namespace

tmpl::Value models_module_context(const ProjectIndex& index) {
  const auto& project = index.project;
  NameScope scope = index.module_scope();
  for (const auto& [name, info] : index.models)
    if (info.schema)
      for (const auto& f : info.schema->fields) scope.claim(f.name);
  ImportSet imports(&scope);
  PythonTypes types(index.models, imports, [](const std::string& n) { return n; });
  const tmpl::Value base_model{imports.from("pydantic", "BaseModel")};  // one value for every class
  StringPool pool;
  std::string field_name = "Field";
  bool field_used = false;

  std::vector<tmpl::Value> classes;
  std::unordered_set<std::string> defined;  // class names, then alias names (hashed: 12,000 for a large project)
  auto add_class = [&](const std::string& name, const spec::Schema& schema, const std::string& doc) {
    std::vector<tmpl::Value> fields;
    fields.reserve(schema.fields.size());
    for (const auto& f : schema.fields) {
      if (f.description && !field_used) {
        field_name = imports.from("pydantic", "Field");
        field_used = true;
      }
      fields.push_back(field_context(f, types, field_name, pool));
    }
    defined.insert(name);
    classes.push_back(make_dict({{"name", name},
                                 {"doc", plain_description(doc) ? doc : docstring_text(doc)},
                                 {"base", base_model},
                                 {"fields", make_list(std::move(fields))},
                                 {"alias_of", ""}}));
  };

  // The user's models, each after the models it uses (a cycle is a spec error, so this ends).
  std::set<std::string> done;
  std::function<void(const spec::Model&)> emit = [&](const spec::Model& m) {
    if (done.count(m.name)) return;
    done.insert(m.name);
    std::set<std::string> deps;
    for (const auto& f : m.schema.fields) collect_model_refs(f.type, deps);
    for (const auto& d : deps)
      for (const auto& candidate : project.models)
        if (candidate.name == d) emit(candidate);
    add_class(m.name, m.schema, "");
  };
  for (const auto& m : project.models) emit(m);

  for (const auto& w : project.workflows) {
    if (w.input_schema) add_class(w.name + "Input", *w.input_schema, "Input of the " + w.name + " workflow.");
    if (w.output_schema) add_class(w.name + "Output", *w.output_schema, "Output of the " + w.name + " workflow.");
  }
  std::vector<std::pair<std::string, std::string>> aliases;
  for (const auto& f : project.functions) {
    auto add = [&](const std::string& name, const std::optional<spec::Schema>& schema,
                   const std::optional<std::string>& same_as, const char* what) {
      if (same_as) aliases.emplace_back(name, *same_as);
      else if (schema) add_class(name, *schema, std::string(what) + " of the " + f.name + " function.");
    };
    add(index.input_model(f), f.input_schema, f.input_same_as, "Input");
    add(index.output_model(f), f.output_schema, f.output_same_as, "Output");
  }
  // Aliases after their targets (a target may itself be an alias).
  std::vector<tmpl::Value> alias_list;
  for (size_t pass = 0; pass <= aliases.size() && !aliases.empty(); ++pass) {
    std::vector<std::pair<std::string, std::string>> rest;
    for (auto& [name, target] : aliases) {
      if (defined.count(target) || !index.models.count(target)) {
        alias_list.push_back(make_dict({{"name", name}, {"target", target}}));
        defined.insert(name);
      } else {
        rest.emplace_back(name, target);
      }
    }
    aliases = std::move(rest);
  }
  for (auto& [name, target] : aliases) alias_list.push_back(make_dict({{"name", name}, {"target", target}}));

  return make_dict({{"import_lines", string_list(imports.lines())},
                    {"classes", make_list(std::move(classes))},
                    {"aliases", make_list(std::move(alias_list))}});
}

}  // namespace restack::generate
