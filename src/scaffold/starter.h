#pragma once
// `restack-gen init`'s content: a commented starter spec that validates and generates as it
// is, so a new user's first `validate` and `generate` succeed and every common key (schemas,
// functions, data flow, output, retry policy, timeout, schedule) has an example to edit.
#include <string>
#include <string_view>

namespace restack::scaffold {

/// The starter spec for one workflow called WORKFLOW_NAME, which must be PascalCase
/// (spec::is_pascal_case); SPEC_FILE is the file name the comments tell the user to run.
std::string starter_spec(std::string_view workflow_name, std::string_view spec_file);

/// A workflow name for a project in FOLDER_NAME: "my-shop" -> "MyShop", "data_pipeline" ->
/// "DataPipeline", "2024 report" -> "Workflow2024Report", "none" -> "NoneWorkflow". Characters that cannot be part of
/// a Python class name are dropped; "MyWorkflow" when nothing usable is left.
std::string workflow_name_for(std::string_view folder_name);

}  // namespace restack::scaffold
