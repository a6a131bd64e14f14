// src/functions/<name>.py: one module per function. Its imports follow from what the module
// uses: the decorator, `log` when the body logs, the function's models, the models a `code:`
// body names, the body's own `imports:`, and whatever a placeholder's zero values need.
#include <algorithm>
#include <cctype>
#include <string_view>
#include <vector>

#include "generate/body_provider.h"
#include "generate/context_internal.h"
#include "generate/imports.h"
#include "generate/python_literal.h"

namespace restack::generate {

namespace {

bool identifier_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool identifier_char(char c) { return identifier_start(c) || (c >= '0' && c <= '9'); }

/// Identifiers in Python source, skipping comments and string literals (approximately: enough
/// to know which names a `code:` body uses): views into CODE, in order of appearance, repeats
/// included (the callers' checks give the same answer for a repeat; a placeholder body has a
/// dozen identifiers, not worth sorting). ASCII letters only, as std::isalpha in the "C" locale.
std::vector<std::string_view> identifiers(std::string_view code) {
  std::vector<std::string_view> out;
  size_t i = 0, n = code.size();
  while (i < n) {
    char c = code[i];
    if (c == '#') {
      while (i < n && code[i] != '\n') ++i;
    } else if (c == '"' || c == '\'') {
      bool triple = i + 2 < n && code[i + 1] == c && code[i + 2] == c;
      size_t close_len = triple ? 3 : 1;
      i += close_len;
      while (i < n) {
        if (code[i] == '\\') {
          i += 2;
          continue;
        }
        if (code[i] == c && (!triple || (i + 2 < n && code[i + 1] == c && code[i + 2] == c))) {
          i += close_len;
          break;
        }
        if (!triple && code[i] == '\n') break;
        ++i;
      }
    } else if (identifier_start(c)) {
      size_t start = i;
      while (i < n && identifier_char(code[i])) ++i;
      // An attribute (`x.log`) is not a use of the name.
      if (start == 0 || code[start - 1] != '.') out.push_back(code.substr(start, i - start));
    } else {
      ++i;
    }
  }
  return out;
}

bool contains(const std::vector<std::string_view>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

/// TEXT with N spaces before every non-empty line.
std::string indent_lines(std::string_view text, size_t n) {
  std::string out;
  out.reserve(text.size() + n * 4);
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) {
      out.append(n, ' ');
      out.append(text, start, end - start);
    }
    if (end == text.size()) break;
    out += '\n';
    start = end + 1;
  }
  return out;
}

/// IMPORTS' lines, each the pool's value of its text: a line seen before (most function
/// modules import the same few from restack_ai and typing) makes no string at all. A line of
/// the project's own imports names the function's own models, which no other module imports
/// together: a value of its own, not one more entry in the pool.
tmpl::Value pooled_import_lines(StringPool& pool, const ImportSet& imports) {
  std::vector<tmpl::Value> values;
  values.reserve(8);
  imports.for_each_line([&](std::string_view line) {
    values.push_back(line.starts_with("from src.") ? tmpl::Value(std::string(line)) : pool.get(line));
  });
  return make_list(std::move(values));
}

}  // namespace

std::string def_signature(const std::string& prefix, const std::vector<std::string>& params,
                          const std::string& returns, size_t indent) {
  size_t size = prefix.size() + 6 + returns.size();
  for (const auto& p : params) size += p.size() + 2;
  std::string flat;
  flat.reserve(size);  // one allocation for the usual one-line signature
  flat += prefix;
  flat += '(';
  for (size_t i = 0; i < params.size(); ++i) {
    if (i) flat += ", ";
    flat += params[i];
  }
  flat += ") -> ";
  flat += returns;
  flat += ':';
  if (indent + flat.size() <= kLineLength) return flat;
  std::string out = prefix + "(\n";
  for (const auto& p : params) out += std::string(indent + 4, ' ') + p + ",\n";
  return out + std::string(indent, ' ') + ") -> " + returns + ":";
}

tmpl::Value function_context(const ProjectIndex& index, const spec::Function& f, BodyProvider& bodies, StringPool& pool) {
  NameScope scope = index.module_scope();
  ImportSet imports(&scope);
  PythonTypes types(index.models, imports, [&](const std::string& n) { return imports.user("src.models", n); });
  std::string decorator = imports.from("restack_ai.function", "function");
  std::string log_name = scope.peek_fresh("log");

  std::string in = index.input_model(f), out = index.output_model(f);
  auto cit = index.first_caller.find(f.name);
  BodyRequest request{index.project, f, cit == index.first_caller.end() ? nullptr : cit->second, in, out, log_name, types};
  FunctionBody body = bodies.body(request);

  const std::vector<std::string_view> used = identifiers(body.code);
  if (body.origin == "placeholder" || contains(used, log_name)) imports.from("restack_ai.function", "log");
  std::vector<std::string> params;
  if (!in.empty()) params.push_back("input: " + types.model_name(in));
  std::string returns = out.empty() ? "None" : types.model_name(out);
  for (std::string_view view : used) {
    if (view == in || view == out) continue;
    if (index.models.count(view)) types.model_name(std::string(view));
  }
  for (const auto& line : body.imports) imports.raw(line);

  std::string code = indent_lines(body.code.empty() ? "pass" : body.code, 4);
  NameValues names = name_values(f.name);
  DescriptionValues described = f.description ? description_values(*f.description) : DescriptionValues{};
  return make_dict({{"name", std::move(names.raw)},
                    {"names", std::move(names.styles)},
                    {"module", std::move(names.snake)},
                    {"described", bool(f.described)},
                    {"description", f.description ? std::move(described.one_line) : ContextField::empty_string()},
                    {"description_md", f.description ? std::move(described.markdown) : ContextField::empty_string()},
                    {"doc", f.description ? std::move(described.doc) : ContextField::empty_string()},
                    {"decorator", pool.get(std::move(decorator))},
                    {"import_lines", pooled_import_lines(pool, imports)},
                    {"signature", def_signature("async def " + f.name, params, returns, 0)},
                    {"body", std::move(code)},
                    {"origin", ContextField::literal(body.origin)},
                    {"input_model", std::move(in)},
                    {"output_model", std::move(out)}});
}

}  // namespace restack::generate
