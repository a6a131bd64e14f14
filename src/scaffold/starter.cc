#include "scaffold/starter.h"

#include <cctype>

#include "spec/names.h"

namespace restack::scaffold {
namespace {

// Kept in one piece so it reads as the file the user gets. @NAME@, @FILE@ and @PROJECT@ are
// replaced; tests/scaffold checks that the result validates and generates for many names.
constexpr std::string_view kStarter = R"YAML(# A restack-gen workflow spec. Check it with `restack-gen validate @FILE@`, then turn it
# into a Restack Python project with `restack-gen generate @FILE@ -o @PROJECT@`.
# Every key is described in docs/spec.md; `restack-gen help generate` lists the options.
# Completion and checks in your editor: run `restack-gen schema -o restack.schema.json`
# and put this line first (docs/editors.md):
#   # yaml-language-server: $schema=./restack.schema.json
name: @NAME@
description: "Fetches a web page and summarises it."

# The workflow's input and output: field name -> type (Python type syntax), or a mapping
# with type, description and default.
input_schema:
  url:
    type: str
    description: "The page to summarise"
  max_words:
    type: int
    default: 100
output_schema:
  title: str
  summary: str

# Functions are the steps' building blocks: each becomes src/functions/NAME.py. Without
# `code:`, the body is a placeholder, or written by an LLM with `generate --llm cerebras`
# (`prompt:` adds guidance for it).
functions:
  fetch_page:
    description: "Downloads the page and extracts its title and readable text."
    input_schema:
      url: str
    output_schema:
      title: str
      text: str
    timeout: 30s
  summarise:
    description: "Summarises the text in at most max_words words."
    input_schema:
      text: str
      max_words: int
    output_schema:
      summary: str
    prompt: "Stay factual: no claims that are not in the text."

# Steps run in order. `input:` fills the function's input from the workflow input
# (input.FIELD) or an earlier step's output (steps.STEP.FIELD); literals work too.
steps:
  - name: fetch
    function: fetch_page
    input:
      url: input.url
  - name: summarise
    function: summarise
    input:
      text: steps.fetch.text
      max_words: input.max_words

# How the workflow's output is built from the steps' outputs.
output:
  title: steps.fetch.title
  summary: steps.summarise.summary

# Each step is tried up to 3 times, 1 minute per attempt, unless the step or its function
# says otherwise (fetch_page: 30s); the whole workflow may run for 10 minutes.
retry_policy:
  maximum_attempts: 3
step_timeout: 1m
timeout: 10m

# Run it on a schedule (a scheduled workflow needs a default for every input field):
# schedule:
#   cron: "0 8 * * MON-FRI"
)YAML";

void replace_all(std::string& text, std::string_view marker, std::string_view with) {
  for (size_t at = text.find(marker); at != std::string::npos; at = text.find(marker, at + with.size()))
    text.replace(at, marker.size(), with);
}

bool ascii_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) && static_cast<unsigned char>(c) < 0x80; }

}  // namespace

std::string starter_spec(std::string_view workflow_name, std::string_view spec_file) {
  std::string text(kStarter);
  replace_all(text, "@NAME@", workflow_name);
  replace_all(text, "@FILE@", spec_file);
  replace_all(text, "@PROJECT@", spec::kebab_case(workflow_name));
  return text;
}

std::string workflow_name_for(std::string_view folder_name) {
  std::string name;
  bool word_start = true;
  for (char c : folder_name) {
    if (!ascii_alnum(c)) {
      word_start = true;
      continue;
    }
    name += word_start ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    word_start = false;
  }
  if (name.empty()) return "MyWorkflow";
  // A class name cannot start with a digit.
  if (std::isdigit(static_cast<unsigned char>(name[0]))) name = "Workflow" + name;
  // None, True and False are PascalCase too, but keywords.
  if (spec::is_python_keyword(name)) name += "Workflow";
  return name;
}

}  // namespace restack::scaffold
