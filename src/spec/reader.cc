#include "spec/reader.h"

#include <fmt/format.h>

#include "common/spelling.h"
#include "spec/names.h"
#include "spec/reader_internal.h"

namespace restack::spec {
namespace detail {

// ---------------------------------------------------------------- helpers

void Reader::wrong_kind(const Node* key, const Node* value, std::string_view expected) {
  report(sink_, Code::kWrongKind, loc(value), key ? std::string(key->value) : std::string("value"), expected, value->kind_name());
}

std::optional<std::string> Reader::read_string(const Node* key, const Node* value) {
  if (!value->is_scalar() || value->is_null()) {
    wrong_kind(key, value, "a string");
    return std::nullopt;
  }
  return std::string(value->value);
}

bool Reader::read_string_into(const Node* key, const Node* value, std::string& out) {
  if (!value->is_scalar() || value->is_null()) {
    wrong_kind(key, value, "a string");
    return false;
  }
  out.assign(value->value);
  return true;
}

bool Reader::expect_mapping(const Node* key, const Node* value) {
  if (value->is_mapping()) return true;
  wrong_kind(key, value, "a mapping");
  return false;
}

void Reader::check_keys(const Node* map, Place place) {
  const auto& specs = keys_of(place);
  for (const auto& [k, v] : map->entries()) {
    if (find_key(place, k->value)) continue;
    auto& d = report(sink_, Code::kUnknownKey, loc(k), k->value, place_description(place));
    std::vector<std::string> names;
    for (const auto& s : specs) names.emplace_back(s.name);
    if (auto m = suggest_key(k->value, names)) add_note(d, fmt::format("did you mean `{}`?", *m));
  }
  std::vector<std::string> missing;
  for (const auto& s : specs)
    if (s.required && !map->get(s.name)) missing.push_back(fmt::format("`{}`", s.name));
  if (!missing.empty()) {
    std::string list;
    for (size_t i = 0; i < missing.size(); ++i) list += (i ? ", " : "") + missing[i];
    report(sink_, Code::kMissingKey, loc(map), place_description(place), missing.size() > 1 ? "s" : "", list);
  }
}

void Reader::check_name(const Node* at, const std::string& name, Shape shape) {
  auto where = [&] { return loc(at); };  // positions only for reports: names are usually fine
  const char* what = "";
  bool ok = true;
  switch (shape) {
    case Shape::kWorkflowName:
      what = "workflow";
      ok = is_pascal_case(name);
      if (!ok) report(sink_, Code::kBadWorkflowName, where(), name);
      break;
    case Shape::kFunctionName:
      what = "function";
      ok = is_snake_case(name);
      if (!ok) report(sink_, Code::kBadFunctionName, where(), name);
      break;
    case Shape::kStepName:
      what = "step";
      ok = is_snake_case(name);
      if (!ok) report(sink_, Code::kBadStepName, where(), name);
      break;
    case Shape::kProjectName:
      what = "project";
      ok = is_distribution_name(name);
      if (!ok) report(sink_, Code::kBadProjectName, where(), name);
      break;
    default:
      break;
  }
  if (!ok) return;
  // Workflow, function and step names that passed their check have no `-`.
  bool dashless = shape == Shape::kWorkflowName || shape == Shape::kFunctionName || shape == Shape::kStepName;
  if (dashless || name.find('-') == std::string::npos) {
    if (is_python_keyword(name)) report(sink_, Code::kPythonKeyword, where(), name, what);
    return;
  }
  std::string python_name = name;
  for (char& c : python_name)
    if (c == '-') c = '_';
  if (is_python_keyword(python_name)) report(sink_, Code::kPythonKeyword, where(), python_name, what);
}

// ---------------------------------------------------------------- schemas and models

void Reader::read_field(const Node* key, const Node* value, Field& out) {
  out.name = key->value;
  out.loc = loc(key);
  if (!is_python_identifier(out.name)) {
    report(sink_, Code::kBadFieldName, out.loc, out.name);
  } else if (is_python_keyword(out.name)) {
    report(sink_, Code::kPythonKeyword, out.loc, out.name, "field");
  } else if (auto why = pydantic_field_problem(out.name)) {
    report(sink_, Code::kFieldShadowsPydantic, out.loc, out.name, *why);
  }
  const Node* type_node = value;
  if (value->is_mapping()) {
    check_keys(value, Place::kField);
    type_node = value->get("type");
    for (const auto& [fk, fv] : value->entries()) {
      if (fk->value == "description") {
        out.description = read_string(fk, fv);
      } else if (fk->value == "default") {
        out.default_value = fv->to_json();
        out.default_loc = loc(fv);  // where the validator reports a default that does not fit
      }
    }
    if (!type_node) {
      out.type.spelling.clear();
      return;
    }
  }
  if (!type_node->is_scalar() || type_node->is_null()) {
    report(sink_, Code::kWrongKind, loc(type_node), "type", "a type expression such as `str` or `List[int]`",
           type_node->kind_name());
    return;
  }
  out.type.spelling = type_node->value;
  out.type.loc = loc(type_node);
  // Point at the first character of a quoted single-line type, so that offsets inside it line up.
  std::string_view text = doc_.text();
  if (!type_node->plain && type_node->offset < text.size() &&
      (text[type_node->offset] == '"' || text[type_node->offset] == '\'') &&
      type_node->value.find('\n') == std::string_view::npos)
    out.type.loc.column += 1;
}

std::optional<Schema> Reader::read_schema(const Node* key, const Node* value) {
  Schema schema;
  schema.loc = loc(value);
  if (value->is_null()) return schema;  // `input_schema:` with nothing: no fields
  if (!expect_mapping(key, value)) return std::nullopt;
  // Built in place: a Field is large, and moving fields as the vector grows cost as much as
  // reading them (a 5,000-function spec has some 30,000 fields).
  schema.fields.reserve(value->entries().size());
  for (const auto& [k, v] : value->entries()) read_field(k, v, schema.fields.emplace_back());
  return schema;
}

void Reader::read_models(const Node* map, std::vector<Model>& out) {
  for (const auto& [k, v] : map->entries()) {
    Model m;
    m.name = k->value;
    m.loc = loc(k);
    if (!is_pascal_case(m.name)) report(sink_, Code::kBadModelName, m.loc, m.name);
    else if (is_python_keyword(m.name)) report(sink_, Code::kPythonKeyword, m.loc, m.name, "model");
    if (auto s = read_schema(k, v)) m.schema = std::move(*s);
    out.push_back(std::move(m));
  }
}

// ---------------------------------------------------------------- functions

void Reader::read_functions(const Node* map, std::vector<Function>& out) {
  out.reserve(out.size() + map->entries().size());
  // Built in place, as read_schema's fields.
  for (const auto& [k, v] : map->entries()) read_function(k, v, out.emplace_back());
}

void Reader::read_function(const Node* k, const Node* v, Function& f) {
  f.name = k->value;
  f.loc = loc(k);
  check_name(k, f.name, Shape::kFunctionName);
  if (!v->is_null() && expect_mapping(k, v)) {
    check_keys(v, Place::kFunction);
    for (const auto& [fk, fv] : v->entries()) {
      std::string_view key = fk->value;
      if (key == "description") f.description = read_string(fk, fv);
      else if (key == "input_schema") f.input_schema = read_schema(fk, fv);
      else if (key == "output_schema") f.output_schema = read_schema(fk, fv);
      else if (key == "code") f.code = read_string(fk, fv);
      else if (key == "prompt") f.prompt = read_string(fk, fv);
      else if (key == "timeout") f.timeout = read_duration(fk, fv);
      else if (key == "retry_policy") f.retry_policy = read_retry_policy(fk, fv);
      else if (key == "task_queue") f.task_queue = read_task_queue(fk, fv);
      else if (key == "imports") {
        if (!fv->is_sequence()) {
          wrong_kind(fk, fv, "a list of import statements");
          continue;
        }
        for (const Node* item : fv->items()) {
          auto s = read_string(fk, item);
          if (!s) continue;
          bool looks_right = s->rfind("import ", 0) == 0 ||
                             (s->rfind("from ", 0) == 0 && s->find(" import ") != std::string::npos);
          if (!looks_right) report(sink_, Code::kBadImport, loc(item), *s);
          f.imports.push_back(*s);
        }
      }
    }
  }
}

// ---------------------------------------------------------------- workflows

void Reader::read_workflow(const Node* map, Place place, Workflow& w) {
  w.loc = loc(map);
  w.file = doc_.file();
  check_keys(map, place);
  for (const auto& [k, v] : map->entries()) {
    std::string_view key = k->value;
    if (key == "name") {
      if (auto s = read_string(k, v)) {
        w.name = *s;
        w.name_loc = loc(v);
        check_name(v, w.name, Shape::kWorkflowName);
      }
    } else if (key == "description") {
      if (auto s = read_string(k, v)) w.description = *s;
    } else if (key == "input_schema") {
      w.input_schema = read_schema(k, v);
    } else if (key == "output_schema") {
      w.output_schema = read_schema(k, v);
    } else if (key == "steps") {
      w.steps = read_steps(k, v);
    } else if (key == "output") {
      w.output = read_value_map(k, v);
    } else if (key == "retry_policy") {
      w.retry_policy = read_retry_policy(k, v);
    } else if (key == "timeout") {
      w.timeout = read_duration(k, v);
    } else if (key == "step_timeout") {
      w.step_timeout = read_duration(k, v);
    } else if (key == "task_queue") {
      w.task_queue = read_task_queue(k, v);
    } else if (key == "schedule") {
      w.schedule = read_schedule(k, v);
    }
  }
}

}  // namespace detail

namespace {

void read_version(detail::Reader& r, const yaml::Node* key, const yaml::Node* value) {
  auto v = yaml::as_int(*value);
  if (v && *v == 1) return;
  if (value->is_scalar() && value->value == "1") return;
  report(r.sink(), Code::kBadVersion, r.loc(value), value->is_scalar() ? std::string(value->value) : std::string(value->kind_name()));
}

}  // namespace

std::optional<ParsedFile> read_spec(const yaml::Document& doc, DiagnosticSink& sink, TwoThreads* threads) {
  detail::Reader r(doc, sink);
  const yaml::Node* root = doc.root();
  if (!root || root->is_null()) {
    report(sink, Code::kEmptyFile, SourceLocation{doc.file(), 1, 1});
    return std::nullopt;
  }
  if (!root->is_mapping()) {
    report(sink, Code::kTopLevelNotMapping, r.loc(root), root->kind_name());
    return std::nullopt;
  }
  const yaml::Node* project = root->get("project");
  const yaml::Node* name = root->get("name");
  if (project && name) {
    report(sink, Code::kTopLevelAmbiguous, r.loc(root));
    return std::nullopt;
  }
  if (!project && !name) {
    auto& d = report(sink, Code::kTopLevelUnknownForm, r.loc(root));
    if (root->get("workflows")) add_note(d, "a file with `workflows:` is a project: add `project: NAME`");
    else add_note(d, "a single workflow needs `name: WorkflowName`");
    return std::nullopt;
  }

  ParsedFile out;
  out.file = doc.file();
  out.part.files.push_back(doc.file());
  if (project) {
    out.is_project = true;
    std::optional<detail::ReadAhead> ahead;
    if (threads) ahead.emplace(doc, root, out.part, *threads);
    r.check_keys(root, Place::kProjectFile);
    for (const auto& [k, v] : root->entries()) {
      std::string_view key = k->value;
      if (key == "version") read_version(r, k, v);
      else if (key == "project") {
        if (auto s = r.read_string(k, v)) {
          out.part.name = *s;
          out.project_loc = r.loc(v);
          r.check_name(v, *s, Shape::kProjectName);
        }
      } else if (key == "description") out.part.description = r.read_string(k, v);
      else if (key == "task_queue") out.part.task_queue = r.read_task_queue(k, v);
      else if (key == "models") {
        if (!v->is_null() && r.expect_mapping(k, v)) r.read_models(v, out.part.models);
      } else if (key == "functions") {
        if (ahead && ahead->functions_read()) {
          for (size_t i = 0; i < v->entries().size(); ++i) ahead->replay_function(i, sink);
        } else if (!v->is_null() && r.expect_mapping(k, v)) {
          r.read_functions(v, out.part.functions);
        }
      } else if (key == "workflows") {
        if (!v->is_sequence()) {
          r.wrong_kind(k, v, "a list of workflows");
          continue;
        }
        if (v->items().empty()) report(sink, Code::kEmptyList, r.loc(v), "workflows");
        bool read = ahead && ahead->workflows_read();
        if (!read) out.part.workflows.reserve(v->items().size());
        size_t next = 0;  // of the workflows read ahead
        for (const yaml::Node* item : v->items()) {
          if (!item->is_mapping()) {
            r.wrong_kind(k, item, "a list of workflow mappings");
            continue;
          }
          if (read) ahead->replay_workflow(next++, sink);
          else r.read_workflow(item, Place::kWorkflowEntry, out.part.workflows.emplace_back());
        }
      }
    }
  } else {
    Workflow w;
    r.read_workflow(root, Place::kSingleWorkflowFile, w);
    for (const auto& [k, v] : root->entries()) {
      std::string_view key = k->value;
      if (key == "version") read_version(r, k, v);
      else if (key == "models") {
        if (!v->is_null() && r.expect_mapping(k, v)) r.read_models(v, out.part.models);
      } else if (key == "functions") {
        if (!v->is_null() && r.expect_mapping(k, v)) r.read_functions(v, out.part.functions);
      }
    }
    out.part.workflows.push_back(std::move(w));
  }
  return out;
}

}  // namespace restack::spec
