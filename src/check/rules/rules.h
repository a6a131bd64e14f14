#pragma once
// One accessor per rule, each defined in rules/<name>.cc with its helpers in namespace <name>_impl
// (named, not anonymous: the module compiles in unity batches); registry.cc lists them by code.
#include "check/rule.h"

namespace restack::check {

const Rule& syntax_error_rule();                       // RSG001
const Rule& wall_clock_in_workflow_rule();             // RSG101
const Rule& sleep_in_workflow_rule();                  // RSG102
const Rule& random_in_workflow_rule();                 // RSG103
const Rule& environment_in_workflow_rule();            // RSG104
const Rule& file_io_in_workflow_rule();                // RSG105
const Rule& network_in_workflow_rule();                // RSG106
const Rule& subprocess_in_workflow_rule();             // RSG107
const Rule& threads_in_workflow_rule();                // RSG108
const Rule& asyncio_wait_in_workflow_rule();           // RSG109
const Rule& set_iteration_in_workflow_rule();          // RSG110
const Rule& module_state_mutation_in_workflow_rule();  // RSG111
const Rule& print_in_workflow_rule();                  // RSG112
const Rule& unawaited_step_rule();                     // RSG201
const Rule& workflow_without_run_rule();               // RSG202
const Rule& step_function_not_passed_through_rule();   // RSG203
const Rule& unregistered_definition_rule();            // RSG204 (project-level, see project.cc)
const Rule& step_without_timeout_rule();               // RSG205
const Rule& blocking_call_in_async_rule();             // RSG301
const Rule& request_without_timeout_rule();            // RSG302
const Rule& hardcoded_secret_rule();                   // RSG401
const Rule& secret_in_log_rule();                      // RSG402
const Rule& eval_exec_rule();                          // RSG403
const Rule& pickle_load_rule();                        // RSG404
const Rule& yaml_unsafe_load_rule();                   // RSG405
const Rule& subprocess_shell_true_rule();              // RSG406
const Rule& os_system_rule();                          // RSG407
const Rule& sql_string_formatting_rule();              // RSG408
const Rule& tls_verification_disabled_rule();          // RSG409

}  // namespace restack::check
