#pragma once
// LLM settings, layered: flags > environment > `.env` > project restack-gen.yaml (`llm:` map)
// > user $XDG_CONFIG_HOME/restack-gen/config.yaml > provider defaults > built-in defaults.
// Every value remembers where it came from, for `restack-gen config show`.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/diagnostic.h"

namespace restack::llm {

enum class Source { kDefault, kProviderDefault, kUserConfig, kProjectConfig, kDotenv, kEnvironment, kFlag };
const char* source_name(Source s);

/// One setting as resolved: its text, the layer it came from and where exactly
/// ("CEREBRAS_API_KEY", "/path/restack-gen.yaml:4:3", "--model").
struct ResolvedValue {
  std::string text;
  Source source = Source::kDefault;
  std::string origin;
};

struct Settings {
  std::string provider = "off";  // "off" or a providers() name
  std::string model;
  std::string base_url;  // without trailing '/'
  std::string api_key;   // never printed unredacted
  double temperature = 0.2;
  int max_tokens = 2048;
  double connect_timeout_s = 10;
  double timeout_s = 120;
  int retries = 4;
  double backoff_initial_s = 0.5;
  double backoff_max_s = 30;
  int requests_per_minute = 0;  // 0: no limit
  int tokens_per_minute = 0;
  int jobs = 4;
  int max_repairs = 2;
  bool stream = false;
  std::string cache = "sqlite";  // "sqlite", "off", "sqlite:PATH" or "redis://HOST:PORT/DB"
  std::filesystem::path cache_dir;

  /// Every setting key (table order) with its resolved text and source.
  std::vector<std::pair<std::string, ResolvedValue>> resolved;
  /// One line explaining how to turn the LLM on, when provider is "off".
  std::string disabled_hint;

  bool enabled() const { return provider != "off"; }
  /// Why the settings cannot be used to call a provider (no key, no model...), if so.
  std::optional<std::string> usability_problem() const;
};

/// What the layers are read from. Tests fill this by hand; the CLI uses from_process().
struct SettingsInputs {
  std::map<std::string, std::string> flags;        // setting key -> value, e.g. {"model", "x"}
  std::map<std::string, std::string> environment;  // the process environment
  std::filesystem::path working_dir;               // holds .env and restack-gen.yaml
  std::filesystem::path user_config;               // empty: $XDG_CONFIG_HOME/restack-gen/config.yaml

  static SettingsInputs from_process(std::map<std::string, std::string> flags = {});
};

/// Resolves every layer. Unknown config keys are warnings, bad values errors (with the file
/// position or variable name); the settings still hold defaults for those.
Settings resolve_settings(const SettingsInputs& inputs, DiagnosticSink& diagnostics);

/// The settings as `config show` prints them; the key redacted.
nlohmann::json settings_to_json(const Settings& settings);
std::string settings_to_text(const Settings& settings);

/// The names of every setting key, in the order they are shown.
const std::vector<std::string>& setting_keys();

}  // namespace restack::llm
