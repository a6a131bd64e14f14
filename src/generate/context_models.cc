// src/models.py: every pydantic model of the project in one module, so functions, workflows,
// the schedule script and tests import models from one place and no import cycle can arise.
// Order: the user's models (dependencies first), workflow models, function models, then the
// aliases of derived function models that are the same as another model.
//
// The classes (some 12,000 for a large project) may be built in several parts on several
// threads (ModelsModuleBuilder): each part with an ImportSet of its own, joined in order. The
// names our imports get depend on which imports came first (a later import that clashes is
// aliased), so the join replays every part's imports, in the order the parts made them, into one
// ImportSet, as one builder would have made them: if any name differs from the one a part wrote
// into its classes (which takes two imports spelled alike, e.g. an alias that is another
// import's name), the module is built again in one part.
#include <functional>
#include <mutex>
#include <unordered_map>
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

bool parse_import_lines(const std::vector<std::string>& lines, std::vector<ParsedImport>& out) {
  out.clear();
  auto trim = [](std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == ',')) s.remove_suffix(1);
    return s;
  };
  // "NAME" or "NAME as ALIAS".
  auto name_and_alias = [&](std::string_view module, std::string_view item, bool from) {
    item = trim(item);
    if (item.empty()) return false;
    const size_t as = item.find(" as ");
    std::string_view name = as == std::string_view::npos ? item : item.substr(0, as);
    std::string_view alias = as == std::string_view::npos ? item : item.substr(as + 4);
    if (name.empty() || alias.empty() || name.find(' ') != std::string_view::npos ||
        alias.find(' ') != std::string_view::npos)
      return false;
    if (from) out.push_back({std::string(module), std::string(name), std::string(alias)});
    else out.push_back({std::string(name), "", std::string(alias)});
    return true;
  };
  std::string_view open_module;  // inside `from MODULE import (`
  for (const std::string& text : lines) {
    std::string_view line = text;
    if (line.empty()) continue;
    if (!open_module.empty()) {
      if (line == ")") open_module = {};
      else if (!name_and_alias(open_module, line, true)) return false;
      continue;
    }
    if (line.starts_with("import ")) {
      if (!name_and_alias("", line.substr(7), false)) return false;
      continue;
    }
    if (!line.starts_with("from ")) return false;  // a user's line: not ours to replay
    const size_t import = line.find(" import ");
    if (import == std::string_view::npos) return false;
    std::string_view module = line.substr(5, import - 5), names = line.substr(import + 8);
    if (module.empty()) return false;
    if (names == "(") {
      open_module = module;
      continue;
    }
    for (size_t start = 0; start <= names.size();) {
      size_t comma = names.find(',', start);
      if (comma == std::string_view::npos) comma = names.size();
      if (!name_and_alias(module, names.substr(start, comma - start), true)) return false;
      start = comma + 1;
    }
  }
  return open_module.empty();
}

/// What one part built: its classes, and its imports (their lines, and the names fresh() gave
/// in the order the part asked for them).
struct ModelsModuleBuilder::Part {
  std::vector<tmpl::Value> classes;
  std::vector<std::string> import_lines;
  std::vector<std::string> fresh_names;
};

ModelsModuleBuilder::ModelsModuleBuilder(const ProjectIndex& index, size_t parts) : index_(index) {
  const auto& project = index.project;
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
    classes_.push_back({ClassKind::kUser, size_t(&m - project.models.data()), &m.schema});
  };
  for (const auto& m : project.models) emit(m);
  for (size_t i = 0; i < project.workflows.size(); ++i) {
    const auto& w = project.workflows[i];
    if (w.input_schema) classes_.push_back({ClassKind::kWorkflowInput, i, &*w.input_schema});
    if (w.output_schema) classes_.push_back({ClassKind::kWorkflowOutput, i, &*w.output_schema});
  }
  for (size_t i = 0; i < project.functions.size(); ++i) {
    const auto& f = project.functions[i];
    if (f.input_same_as) aliases_.emplace_back(index.input_model(f), *f.input_same_as);
    else if (f.input_schema) classes_.push_back({ClassKind::kFunctionInput, i, &*f.input_schema});
    if (f.output_same_as) aliases_.emplace_back(index.output_model(f), *f.output_same_as);
    else if (f.output_schema) classes_.push_back({ClassKind::kFunctionOutput, i, &*f.output_schema});
  }
  parts_.resize(std::max<size_t>(1, std::min(parts, classes_.size())));
}

ModelsModuleBuilder::~ModelsModuleBuilder() = default;

size_t ModelsModuleBuilder::parts() const { return parts_.size(); }

const NameScope& ModelsModuleBuilder::shared_scope() {
  std::call_once(scope_once_, [&] {
    // Every field name of every class is bound in the module: our imports must not shadow one.
    scope_ = index_.module_scope();
    for (const auto& [name, info] : index_.models)
      if (info.schema)
        for (const auto& f : info.schema->fields) scope_.claim(f.name);
  });
  return scope_;
}

std::string ModelsModuleBuilder::class_name(const ClassJob& job) const {
  const auto& project = index_.project;
  switch (job.kind) {
    case ClassKind::kUser: return project.models[job.index].name;
    case ClassKind::kWorkflowInput: return project.workflows[job.index].name + "Input";
    case ClassKind::kWorkflowOutput: return project.workflows[job.index].name + "Output";
    case ClassKind::kFunctionInput: return index_.models_of(project.functions[job.index]).input;
    case ClassKind::kFunctionOutput: return index_.models_of(project.functions[job.index]).output;
  }
  return {};
}

void ModelsModuleBuilder::build_part(size_t part_index) {
  const auto& project = index_.project;
  Part& part = *(parts_[part_index] = std::make_unique<Part>());
  NameScope scope(&shared_scope());
  scope.record_fresh(&part.fresh_names);
  ImportSet imports(&scope);
  PythonTypes types(index_.models, imports, [](const std::string& n) { return n; });
  const tmpl::Value base_model{imports.from("pydantic", "BaseModel")};  // one value for every class
  StringPool pool;
  std::string field_name = "Field";
  bool field_used = false;

  const size_t n = classes_.size(), count = parts_.size();
  const size_t begin = n * part_index / count, end = n * (part_index + 1) / count;
  part.classes.reserve(end - begin);
  for (size_t c = begin; c < end; ++c) {
    const ClassJob& job = classes_[c];
    std::string doc;
    switch (job.kind) {
      case ClassKind::kUser: break;
      case ClassKind::kWorkflowInput: doc = "Input of the " + project.workflows[job.index].name + " workflow."; break;
      case ClassKind::kWorkflowOutput: doc = "Output of the " + project.workflows[job.index].name + " workflow."; break;
      case ClassKind::kFunctionInput: doc = "Input of the " + project.functions[job.index].name + " function."; break;
      case ClassKind::kFunctionOutput: doc = "Output of the " + project.functions[job.index].name + " function."; break;
    }
    std::vector<tmpl::Value> fields;
    fields.reserve(job.schema->fields.size());
    for (const auto& f : job.schema->fields) {
      if (f.description && !field_used) {
        field_name = imports.from("pydantic", "Field");
        field_used = true;
      }
      fields.push_back(field_context(f, types, field_name, pool));
    }
    part.classes.push_back(make_dict({{"name", class_name(job)},
                                      {"doc", plain_description(doc) ? doc : docstring_text(doc)},
                                      {"base", base_model},
                                      {"fields", make_list(std::move(fields))},
                                      {"alias_of", ""}}));
  }
  part.import_lines = imports.lines();
}

bool ModelsModuleBuilder::join_imports(std::vector<std::string>& lines) {
  if (parts_.size() == 1) {  // one part's imports are the module's
    lines = std::move(parts_[0]->import_lines);
    return true;
  }
  // Each part's imports in the order it made them (the order of the names fresh() gave), replayed
  // part after part into one ImportSet: what one builder would have asked for, in that order.
  NameScope scope(&shared_scope());
  ImportSet joined(&scope);
  std::vector<ParsedImport> parsed;
  for (const auto& part : parts_) {
    if (!parse_import_lines(part->import_lines, parsed) || parsed.size() != part->fresh_names.size()) return false;
    std::unordered_map<std::string_view, const ParsedImport*> by_alias;
    for (const auto& p : parsed)
      if (!by_alias.emplace(p.alias, &p).second) return false;
    for (const std::string& local : part->fresh_names) {
      auto it = by_alias.find(local);
      if (it == by_alias.end()) return false;
      const ParsedImport& p = *it->second;
      const std::string name = p.name.empty() ? joined.module(p.module) : joined.from(p.module, p.name);
      if (name != local) return false;  // the part wrote another name into its classes
    }
  }
  lines = joined.lines();
  return true;
}

tmpl::Value ModelsModuleBuilder::finish() {
  std::vector<std::string> import_lines;
  if (!join_imports(import_lines)) {
    rebuilt_ = true;
    ModelsModuleBuilder one(index_, 1);
    one.build_part(0);
    return one.finish();
  }
  std::vector<tmpl::Value> classes;
  if (parts_.size() == 1) {
    classes = std::move(parts_[0]->classes);
  } else {
    classes.reserve(classes_.size());
    for (auto& part : parts_)
      for (auto& c : part->classes) classes.push_back(std::move(c));
  }
  parts_.clear();

  // Aliases after their targets (a target may itself be an alias).
  std::vector<tmpl::Value> alias_list;
  if (!aliases_.empty()) {
    std::unordered_set<std::string> defined;  // class names, then alias names (hashed: 12,000 for a large project)
    defined.reserve(classes_.size() + aliases_.size());
    for (const auto& job : classes_) defined.insert(class_name(job));
    auto aliases = std::move(aliases_);
    for (size_t pass = 0; pass <= aliases.size() && !aliases.empty(); ++pass) {
      std::vector<std::pair<std::string, std::string>> rest;
      for (auto& [name, target] : aliases) {
        if (defined.count(target) || !index_.models.count(target)) {
          alias_list.push_back(make_dict({{"name", name}, {"target", target}}));
          defined.insert(name);
        } else {
          rest.emplace_back(name, target);
        }
      }
      aliases = std::move(rest);
    }
    for (auto& [name, target] : aliases) alias_list.push_back(make_dict({{"name", name}, {"target", target}}));
  }

  return make_dict({{"import_lines", string_list(std::move(import_lines))},
                    {"classes", make_list(std::move(classes))},
                    {"aliases", make_list(std::move(alias_list))}});
}

tmpl::Value models_module_context(const ProjectIndex& index) {
  ModelsModuleBuilder builder(index, 1);
  builder.build_part(0);
  return builder.finish();
}

}  // namespace restack::generate
