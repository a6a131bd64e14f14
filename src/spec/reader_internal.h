#pragma once
// The reader's internals, shared by reader.cc (files, workflows, functions, schemas) and
// reader_steps.cc (steps, values, durations, policies). Not part of the module's API.
#include <optional>
#include <string>
#include <string_view>

#include "common/diagnostic.h"
#include "spec/codes.h"
#include "spec/keys.h"
#include "spec/model.h"
#include "spec/yaml_tree.h"

namespace restack::spec::detail {

using yaml::Node;

class Reader {
 public:
  Reader(const yaml::Document& doc, DiagnosticSink& sink) : doc_(doc), sink_(sink), file_(doc.file_name()) {}

  // reader.cc
  void read_workflow(const Node* map, Place place, Workflow& out);
  void read_functions(const Node* map, std::vector<Function>& out);
  /// One entry of `functions:` (KEY: VALUE) into OUT, a fresh Function.
  void read_function(const Node* key, const Node* value, Function& out);
  void read_models(const Node* map, std::vector<Model>& out);
  std::optional<Schema> read_schema(const Node* key, const Node* value);
  void check_keys(const Node* map, Place place);

  // reader_steps.cc
  std::vector<Step> read_steps(const Node* key, const Node* value);
  std::optional<Mapping> read_value_map(const Node* key, const Node* value);
  Value read_value(const Node* n);
  std::optional<Duration> read_duration(const Node* key, const Node* value);
  std::optional<RetryPolicy> read_retry_policy(const Node* key, const Node* value);
  std::optional<Schedule> read_schedule(const Node* key, const Node* value);
  std::optional<std::string> read_task_queue(const Node* key, const Node* value);

  // shared helpers
  Loc loc(const Node* n) const { return doc_.loc_with(n, line_cursor_, file_); }
  /// Positions read from now on share FILE (the document's name) instead: see ReadAhead.
  void share_file_name(FileName file) { file_ = std::move(file); }
  /// A scalar's text, or a kWrongKind error at the value.
  std::optional<std::string> read_string(const Node* key, const Node* value);
  /// The same into OUT (no temporary); false (OUT untouched) after the error.
  bool read_string_into(const Node* key, const Node* value, std::string& out);
  bool expect_mapping(const Node* key, const Node* value);
  void wrong_kind(const Node* key, const Node* value, std::string_view expected);
  void check_name(const Node* at, const std::string& name, Shape shape);
  DiagnosticSink& sink() { return sink_; }

 private:
  /// Reports unknown and missing keys of the step at MAP. Sets KNOWN[i] to the table entry of
  /// MAP's i-th key (null when unknown) for the first kKnownKeys keys.
  static constexpr size_t kKnownKeys = 16;
  void check_step_keys(const Node* map, Place place, bool type_given, const KeySpec* (&known)[kKnownKeys]);
  /// Reads the step at MAP into OUT (a fresh Step); false when it is unusable.
  bool read_step(const Node* map, Step& out);
  void read_field(const Node* key, const Node* value, Field& out);

  const yaml::Document& doc_;
  DiagnosticSink& sink_;
  FileName file_;  // in every position read
  // This reader's place in the document's line index: readers on other threads share the
  // index, each with its own cursor.
  mutable size_t line_cursor_ = 0;
};

/// A project file's functions and workflows read ahead on two threads (reader_parallel.cc):
/// each into its place in the output vectors, its diagnostics kept aside, to be replayed in
/// file order by read_spec's usual pass (which then reads nothing twice).
class ReadAhead {
 public:
  /// Reads the entries of ROOT's `functions:` mapping and the mapping items of its
  /// `workflows:` list into OUT's (resized) vectors; does nothing when there are too few.
  ReadAhead(const yaml::Document& doc, const Node* root, Project& out, TwoThreads& threads);

  bool functions_read() const { return functions_read_; }
  bool workflows_read() const { return workflows_read_; }
  /// Moves the diagnostics of the I-th function / J-th workflow read ahead to SINK.
  void replay_function(size_t i, DiagnosticSink& sink) { replay(i, sink); }
  void replay_workflow(size_t j, DiagnosticSink& sink) { replay(function_jobs_ + j, sink); }

 private:
  struct Job {
    const Node* key = nullptr;  // a function's name; null for a workflow
    const Node* value = nullptr;
    size_t index = 0;  // in OUT's functions or workflows
    uint8_t thread = 0;
    uint32_t diagnostics_begin = 0, diagnostics_end = 0;  // in that thread's sink
  };
  void replay(size_t job, DiagnosticSink& sink);

  std::vector<Job> jobs_;  // functions first, then workflows, each in file order
  size_t function_jobs_ = 0;
  DiagnosticSink sinks_[2];
  bool functions_read_ = false;
  bool workflows_read_ = false;
};

}  // namespace restack::spec::detail
