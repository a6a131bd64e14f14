#include "generate/template_set.h"

#include <algorithm>
#include <system_error>

#include "common/file_io.h"

namespace restack::generate {

const std::vector<TemplateSource>& embedded_templates() { return detail::embedded_template_table(); }

std::optional<std::string> load_template_dir(const std::filesystem::path& dir, std::vector<TemplateSource>& out) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return "'" + dir.string() + "' is not a folder";
  std::vector<TemplateSource> found;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".j2") continue;
    auto r = read_text_file(entry.path());
    if (!r.ok) return "cannot read '" + entry.path().string() + "': " + r.error;
    found.push_back({entry.path().filename().string(), std::move(r.content)});
  }
  if (ec) return "cannot list '" + dir.string() + "': " + ec.message();
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  out = std::move(found);
  return std::nullopt;
}

}  // namespace restack::generate
