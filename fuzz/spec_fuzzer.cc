// libFuzzer target: load and validate arbitrary bytes as a spec (YAML parse, reader,
// validator, data flow). Any crash, hang or unbounded allocation is a bug. Each input is also
// loaded on two threads (the large-spec path, forced for any size, in 2 to 7 pieces): the
// YAML tree, the diagnostics in their order and the model's outline must be those of the
// serial load (a difference traps).
#include <cstddef>
#include <cstdint>
#include <string>

#include "spec/load.h"
#include "spec/yaml_tree.h"

namespace {

using restack::spec::yaml::Node;

bool same_tree(const Node* a, const Node* b) {
  if (!a || !b) return a == b;
  if (a->kind != b->kind || a->plain != b->plain || a->height != b->height || a->offset != b->offset ||
      a->expanded != b->expanded || a->value != b->value || a->items().size() != b->items().size() ||
      a->entries().size() != b->entries().size())
    return false;
  for (size_t i = 0; i < a->items().size(); ++i)
    if (!same_tree(a->items()[i], b->items()[i])) return false;
  for (size_t i = 0; i < a->entries().size(); ++i)
    if (!same_tree(a->entries()[i].first, b->entries()[i].first) || !same_tree(a->entries()[i].second, b->entries()[i].second))
      return false;
  return true;
}

std::string diagnostics_of(const restack::DiagnosticSink& sink) {
  std::string s;
  for (const auto& d : sink.all()) {
    s += d.code + " " + std::to_string(d.location.line) + ":" + std::to_string(d.location.column) + " " + d.message + "\n";
    for (const auto& n : d.notes) s += "  " + std::to_string(n.location.line) + ":" + std::to_string(n.location.column) + " " + n.message + "\n";
  }
  return s;
}

std::string outline_of(const restack::spec::Project& p) {
  std::string s = p.name + "\n";
  for (const auto& f : p.functions) s += "f " + f.name + " " + std::to_string(f.loc.line) + ":" + std::to_string(f.loc.column) + "\n";
  for (const auto& w : p.workflows)
    s += "w " + w.name + " " + std::to_string(w.loc.line) + ":" + std::to_string(w.loc.column) + " " + std::to_string(w.steps.size()) + "\n";
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  restack::spec::LoadOptions serial;
  serial.parallel_min_bytes = SIZE_MAX;
  restack::spec::LoadOptions parallel;
  parallel.parallel_min_bytes = 0;
  parallel.yaml_pieces = 2 + (size ? data[0] % 6 : 0);

  restack::DiagnosticSink sink;
  auto project = restack::spec::load_project_partial({{"fuzz.yaml", text}}, sink, serial);
  // Every diagnostic has a position inside the input (or none for whole-file problems).
  for (const auto& d : sink.all())
    if (d.location.line < 0 || d.location.column < 0) __builtin_trap();

  restack::DiagnosticSink sink2;
  auto project2 = restack::spec::load_project_partial({{"fuzz.yaml", text}}, sink2, parallel);
  if (diagnostics_of(sink) != diagnostics_of(sink2) || outline_of(project) != outline_of(project2)) __builtin_trap();

  restack::DiagnosticSink yaml_sink, yaml_sink2;
  auto whole = restack::spec::yaml::parse_document_view(text, "fuzz.yaml", yaml_sink);
  auto cut = restack::spec::yaml::parse_document_view(text, "fuzz.yaml", yaml_sink2,
                                                      {0, parallel.yaml_pieces});
  if ((whole == nullptr) != (cut == nullptr) || diagnostics_of(yaml_sink) != diagnostics_of(yaml_sink2)) __builtin_trap();
  if (whole && !same_tree(whole->root(), cut->root())) __builtin_trap();
  return 0;
}
