#include "spec/codes.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace restack::spec {
namespace {

constexpr Severity E = Severity::kError;
constexpr Severity W = Severity::kWarning;

}  // namespace

const std::vector<CodeInfo>& code_table() {
  static const std::vector<CodeInfo> table = {
      {Code::kFileUnreadable, "E-file", E, "cannot read the file: {}"},
      {Code::kFileTooLarge, "E-file-too-large", E, "the file is larger than 16 MiB; specs that large are refused"},
      {Code::kEmptyFile, "E-empty", E, "the file is empty; a spec needs at least `name`, `description` and `steps`"},
      {Code::kYamlSyntax, "E-yaml-syntax", E, "YAML syntax error: {}"},
      {Code::kYamlTab, "E-yaml-tab", E, "a tab in indentation; YAML indents with spaces only"},
      {Code::kYamlUnterminatedQuote, "E-yaml-quote", E, "unterminated {}-quoted string: the closing {} is missing"},
      {Code::kYamlUnterminatedFlow, "E-yaml-flow", E, "unterminated flow {}: the closing `{}` is missing"},
      {Code::kYamlDuplicateKey, "E-yaml-duplicate-key", E, "duplicate key `{}`"},
      {Code::kYamlMergeKey, "E-yaml-merge-key", E, "merge keys (`<<`) are not supported; write the keys out"},
      {Code::kYamlCustomTag, "E-yaml-tag", E, "the tag `{}` is not supported; remove it"},
      {Code::kYamlTooDeep, "E-yaml-depth", E, "nesting deeper than {} levels is refused"},
      {Code::kYamlAliasExpansion, "E-yaml-alias-expansion", E,
       "aliases would expand the document past {} nodes; refused (a \"billion laughs\" document?)"},
      {Code::kYamlAliasCycle, "E-yaml-alias-cycle", E, "the alias `*{}` refers to a node that contains it (an alias cycle)"},
      {Code::kYamlMultipleDocuments, "E-yaml-documents", E, "a second YAML document; a spec file holds exactly one"},
      {Code::kYamlComplexKey, "E-yaml-key", E, "a mapping key must be a string, not {}"},
      {Code::kTopLevelNotMapping, "E-top-level", E, "the top level must be a mapping with `name` (one workflow) or `project` (a project), not {}"},
      {Code::kTopLevelAmbiguous, "E-top-level-form", E, "the top level has both `project` and `name`; a file is either one workflow (`name`) or a project (`project`)"},
      {Code::kTopLevelUnknownForm, "E-top-level-form", E, "the top level has neither `name` (one workflow) nor `project` (a project)"},
      {Code::kUnknownKey, "E-unknown-key", E, "unknown key `{}` in {}"},
      {Code::kKeyOfOtherStepKind, "E-step-key-kind", E, "`{}` belongs to {} steps, but this step's type is `{}`"},
      {Code::kMissingKey, "E-missing-key", E, "{} is missing the required key{} {}"},
      {Code::kWrongKind, "E-value-kind", E, "`{}` must be {}, not {}"},
      {Code::kBadVersion, "E-version", E, "unsupported version {}; this restack-gen reads version 1"},
      {Code::kEmptyList, "E-empty-list", E, "`{}` needs at least one entry"},
      {Code::kBadWorkflowName, "E-name", E, "workflow name `{}` must be PascalCase ([A-Z][A-Za-z0-9]*)"},
      {Code::kBadModelName, "E-name", E, "model name `{}` must be PascalCase ([A-Z][A-Za-z0-9]*)"},
      {Code::kBadFunctionName, "E-name", E, "function name `{}` must be snake_case ([a-z_][a-z0-9_]*)"},
      {Code::kBadStepName, "E-name", E, "step name `{}` must be snake_case ([a-z_][a-z0-9_]*)"},
      {Code::kBadFieldName, "E-name", E, "field name `{}` is not a Python identifier"},
      {Code::kBadProjectName, "E-name", E, "project name `{}` must be a distribution name ([a-z][a-z0-9-]*)"},
      {Code::kPythonKeyword, "E-name-keyword", E, "`{}` is a Python keyword and cannot be a {} name"},
      {Code::kFieldShadowsPydantic, "E-name-pydantic", E, "field `{}` {}; pydantic rejects or breaks such models"},
      {Code::kDuplicateStep, "E-duplicate-step", E, "duplicate step name `{}` in workflow {}"},
      {Code::kDuplicateDefinition, "E-duplicate", E, "{} `{}` is already defined"},
      {Code::kProjectNamedTwice, "E-duplicate", E, "the project is already named `{}`; several files on one command line form one project"},
      {Code::kBadDuration, "E-duration", E, "invalid duration {}: {}"},
      {Code::kBadRetryPolicy, "E-retry-policy", E, "invalid retry policy: {}"},
      {Code::kBadTaskQueue, "E-task-queue", E, "task queue `{}` may only contain letters, digits, `_`, `.` and `-`"},
      {Code::kBadCron, "E-cron", E, "invalid cron expression `{}`: {}"},
      {Code::kScheduleNeedsOne, "E-schedule", E, "a schedule needs exactly one of `cron` and `every`"},
      {Code::kScheduledWorkflowInput, "E-schedule", E, "scheduled workflow {} has input field `{}` without a default; a schedule starts it without input"},
      {Code::kUnknownStepKind, "E-step-kind", E, "unknown step type `{}`; one of function, workflow, sleep, parallel"},
      {Code::kUnknownWorkflow, "E-unknown-workflow", E, "no workflow named `{}` in the project"},
      {Code::kWorkflowCycle, "E-workflow-cycle", E, "child workflows form a cycle: {}"},
      {Code::kBadType, "E-type", E, "invalid type `{}`: {}"},
      {Code::kUnknownTypeName, "E-type-name", E, "unknown type name `{}`"},
      {Code::kModelCycle, "E-model-cycle", E, "models form a cycle: {}"},
      {Code::kModelNameClash, "E-model-clash", E, "model `{}` has the name of a generated model ({})"},
      {Code::kBadDefault, "E-default", E, "default {} does not fit type `{}`{}"},
      {Code::kBadReference, "E-reference", E, "malformed reference `{}`: {}"},
      {Code::kUnknownStepRef, "E-reference-step", E, "reference `{}`: no step named `{}` in workflow {}"},
      {Code::kStepNotEarlier, "E-reference-order", E, "reference `{}`: step `{}` does not run before this point ({})"},
      {Code::kStepHasNoOutput, "E-reference-output", E, "reference `{}`: a {} step has no output"},
      {Code::kUnknownFieldRef, "E-reference-field", E, "reference `{}`: {} has no field `{}`"},
      {Code::kNoInput, "E-reference-input", E, "reference `{}`: workflow {} takes no input"},
      {Code::kTypeMismatch, "E-type-mismatch", E, "{} of type `{}` does not fit `{}` of type `{}`"},
      {Code::kUnknownInputField, "E-input-field", E, "{} has no input field `{}`"},
      {Code::kMissingInputField, "E-input-missing", E, "step `{}` does not fill the required input field{} {} of {}"},
      {Code::kNeedsExplicitInput, "E-input-needed", E, "step `{}`: no earlier step or workflow input provides `{}` for {}; write an `input:` mapping"},
      {Code::kMissingOutputField, "E-output-missing", E, "workflow {}: no step provides output field `{}`; write an `output:` mapping"},
      {Code::kUnknownOutputField, "E-output-field", E, "workflow {} has no output field `{}`"},
      {Code::kNoOutput, "E-output", E, "`output:` given but workflow {} has no output_schema"},
      {Code::kConflictingDerivedSchema, "E-derived-schema", E, "function `{}` is called with different {} schemas; describe it under `functions:`"},
      {Code::kCodeAndPromptOnUndescribed, "E-function", E, "{}"},
      {Code::kUnusedFunction, "W-unused-function", W, "function `{}` is described but no step calls it"},
      {Code::kBadImport, "E-import", E, "`{}` is not a Python import statement (`import x` or `from x import y`)"},
      {Code::kBadName, "E-name", E, "{}"},
      {Code::kStepReturnsNothing, "E-reference-output", E, "reference `{}`: step `{}` returns nothing"},
      {Code::kInvalidUtf8, "E-encoding", E, "the file is not valid UTF-8 here; save it as UTF-8"},
      {Code::kNeedsInputAfterParallel, "E-input-needed", E, "step `{}` calls the undescribed function `{}` right after {}, which has no output; write an `input:` mapping"},
  };
  return table;
}

// Length of the valid UTF-8 sequence at S[i], or 0.
static size_t utf8_sequence(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k)
    if ((b(i + k) & 0xC0) != 0x80) return 0;
  if (n == 2 && c < 0xC2) return 0;                                   // overlong
  if (n == 3 && c == 0xE0 && b(i + 1) < 0xA0) return 0;               // overlong
  if (n == 3 && c == 0xED && b(i + 1) >= 0xA0) return 0;              // surrogate
  if (n == 4 && (c > 0xF4 || (c == 0xF0 && b(i + 1) < 0x90) || (c == 0xF4 && b(i + 1) >= 0x90))) return 0;
  return n;
}

std::string valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    size_t n = utf8_sequence(text, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(text.substr(i, n));
      i += n;
    }
  }
  return out;
}

size_t first_invalid_utf8(std::string_view text) {
  const size_t size = text.size();
  for (size_t i = 0; i < size;) {
    // ASCII, most of any spec, eight bytes at a time.
    while (i + 8 <= size) {
      uint64_t word;
      std::memcpy(&word, text.data() + i, 8);
      if (word & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= size) break;
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    size_t n = utf8_sequence(text, i);
    if (n == 0) return i;
    i += n;
  }
  return std::string_view::npos;
}

const CodeInfo& code_info(Code code) {
  const auto& table = code_table();
  auto i = static_cast<size_t>(code);
  if (i >= table.size() || table[i].code != code) std::abort();  // the table is out of order: a bug
  return table[i];
}

}  // namespace restack::spec
