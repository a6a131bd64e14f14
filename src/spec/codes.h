#pragma once
// Every diagnostic the spec module reports, in ONE table (codes.cc): a stable code, a severity
// and the message format (fmt syntax). Codes are part of the CLI's contract (docs/cli.md lists
// them): never renumber or reuse one. After re2's kErrorStrings.
#include <fmt/format.h>

#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostic.h"

namespace restack::spec {

enum class Code {
  kFileUnreadable,
  kFileTooLarge,
  kEmptyFile,
  kYamlSyntax,
  kYamlTab,
  kYamlUnterminatedQuote,
  kYamlUnterminatedFlow,
  kYamlDuplicateKey,
  kYamlMergeKey,
  kYamlCustomTag,
  kYamlTooDeep,
  kYamlAliasExpansion,
  kYamlAliasCycle,
  kYamlMultipleDocuments,
  kYamlComplexKey,
  kTopLevelNotMapping,
  kTopLevelAmbiguous,
  kTopLevelUnknownForm,
  kUnknownKey,
  kKeyOfOtherStepKind,
  kMissingKey,
  kWrongKind,
  kBadVersion,
  kEmptyList,
  kBadWorkflowName,
  kBadModelName,
  kBadFunctionName,
  kBadStepName,
  kBadFieldName,
  kBadProjectName,
  kPythonKeyword,
  kFieldShadowsPydantic,
  kDuplicateStep,
  kDuplicateDefinition,
  kProjectNamedTwice,
  kBadDuration,
  kBadRetryPolicy,
  kBadTaskQueue,
  kBadCron,
  kScheduleNeedsOne,
  kScheduledWorkflowInput,
  kUnknownStepKind,
  kUnknownWorkflow,
  kWorkflowCycle,
  kBadType,
  kUnknownTypeName,
  kModelCycle,
  kModelNameClash,
  kBadDefault,
  kBadReference,
  kUnknownStepRef,
  kStepNotEarlier,
  kStepHasNoOutput,
  kUnknownFieldRef,
  kNoInput,
  kTypeMismatch,
  kUnknownInputField,
  kMissingInputField,
  kNeedsExplicitInput,
  kMissingOutputField,
  kUnknownOutputField,
  kNoOutput,
  kConflictingDerivedSchema,
  kCodeAndPromptOnUndescribed,
  kUnusedFunction,
  kBadImport,
  kBadName,
  kStepReturnsNothing,
  kInvalidUtf8,
  kNeedsInputAfterParallel,
  kCount_,
};

struct CodeInfo {
  Code code;
  const char* id;       // stable identifier printed in JSON and with --show-codes
  Severity severity;
  const char* format;   // fmt format string of the message
};

/// The whole table, in Code order (docs/cli.md is written from it).
const std::vector<CodeInfo>& code_table();
const CodeInfo& code_info(Code code);

/// TEXT with every invalid UTF-8 sequence replaced by U+FFFD, so messages quoting user input
/// stay printable and JSON-serialisable.
std::string valid_utf8(std::string_view text);
/// Offset of the first invalid UTF-8 byte of TEXT, or npos.
size_t first_invalid_utf8(std::string_view text);

/// Appends a diagnostic with CODE's severity, id and formatted message.
template <typename... Args>
Diagnostic& report(DiagnosticSink& sink, Code code, const SourceLocation& where, const Args&... args) {
  const CodeInfo& info = code_info(code);
  Diagnostic d;
  d.location = where;
  d.severity = info.severity;
  d.code = info.id;
  d.message = valid_utf8(fmt::format(fmt::runtime(info.format), args...));
  return sink.add(std::move(d));
}

/// Adds a note to D (a did-you-mean, a suggestion, "first defined here").
inline void add_note(Diagnostic& d, std::string message, SourceLocation where = {}) {
  d.notes.push_back(DiagnosticNote{std::move(where), valid_utf8(message)});
}

}  // namespace restack::spec
