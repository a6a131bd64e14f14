#include "check/registry.h"

#include "check/rules/rules.h"

namespace restack::check {

const std::vector<const Rule*>& all_rules() {
  static const std::vector<const Rule*> rules = {
      &syntax_error_rule(),
      &wall_clock_in_workflow_rule(),
      &sleep_in_workflow_rule(),
      &random_in_workflow_rule(),
      &environment_in_workflow_rule(),
      &file_io_in_workflow_rule(),
      &network_in_workflow_rule(),
      &subprocess_in_workflow_rule(),
      &threads_in_workflow_rule(),
      &asyncio_wait_in_workflow_rule(),
      &set_iteration_in_workflow_rule(),
      &module_state_mutation_in_workflow_rule(),
      &print_in_workflow_rule(),
      &unawaited_step_rule(),
      &workflow_without_run_rule(),
      &step_function_not_passed_through_rule(),
      &unregistered_definition_rule(),
      &step_without_timeout_rule(),
      &blocking_call_in_async_rule(),
      &request_without_timeout_rule(),
      &hardcoded_secret_rule(),
      &secret_in_log_rule(),
      &eval_exec_rule(),
      &pickle_load_rule(),
      &yaml_unsafe_load_rule(),
      &subprocess_shell_true_rule(),
      &os_system_rule(),
      &sql_string_formatting_rule(),
      &tls_verification_disabled_rule(),
  };
  return rules;
}

const Rule* find_rule(std::string_view code) {
  for (const Rule* r : all_rules())
    if (r->meta.code == code) return r;
  return nullptr;
}

}  // namespace restack::check
