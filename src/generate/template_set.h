#pragma once
// The Python templates: embedded in the binary at build time (embed_templates.cmake), or read
// from a folder with `--templates DIR` while developing them.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace restack::generate {

struct TemplateSource {
  std::string name;  // e.g. "workflow.py.j2"
  std::string text;
};

/// The templates compiled into this binary.
const std::vector<TemplateSource>& embedded_templates();

/// Every *.j2 file of DIR (sorted by name); an error message when DIR cannot be read.
std::optional<std::string> load_template_dir(const std::filesystem::path& dir, std::vector<TemplateSource>& out);

namespace detail {
const std::vector<TemplateSource>& embedded_template_table();  // generated
}

}  // namespace restack::generate
