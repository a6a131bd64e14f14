// `restack-gen schema`: the JSON Schema of the spec format, for editors (docs/editors.md).
#include <iostream>

#include "cli/command.h"
#include "common/exit_codes.h"
#include "common/file_io.h"
#include "spec/json_schema.h"

namespace restack::cli {

Command schema_command() {
  return Command{"schema", "Print the JSON Schema (draft 2020-12) of the spec format, for editors",
                 [](CLI::App& sub, const GlobalOptions&) -> Runner {
                   auto output = std::make_shared<std::string>();
                   sub.add_option("-o,--output", *output, "Write the schema to this file instead of stdout");
                   return [output] {
                     std::string text = spec::spec_json_schema().dump(2) + "\n";
                     if (output->empty()) {
                       std::cout << text;
                       return static_cast<int>(kExitOk);
                     }
                     if (auto err = write_file_atomic(*output, text)) {
                       std::cerr << "restack-gen: error: cannot write " << *output << ": " << *err << "\n";
                       return static_cast<int>(kExitProblems);
                     }
                     return static_cast<int>(kExitOk);
                   };
                 }};
}

}  // namespace restack::cli
