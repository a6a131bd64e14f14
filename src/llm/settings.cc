#include "llm/settings.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <cstdlib>
#include <sstream>

#include "common/file_io.h"
#include "common/spelling.h"
#include "llm/dotenv.h"
#include "llm/duration.h"
#include "llm/providers.h"
#include "llm/redact.h"

extern char** environ;

namespace restack::llm {
namespace fs = std::filesystem;

const char* source_name(Source s) {
  switch (s) {
    case Source::kDefault: return "default";
    case Source::kProviderDefault: return "provider default";
    case Source::kUserConfig: return "user config";
    case Source::kProjectConfig: return "project config";
    case Source::kDotenv: return ".env";
    case Source::kEnvironment: return "environment";
    case Source::kFlag: return "flag";
  }
  return "?";
}

namespace {

struct KeyInfo {
  const char* key;
  const char* env;   // "" when the environment cannot set it
  const char* flag;  // "" when no flag exists
};

// The one table of settings: order = `config show` order.
const std::vector<KeyInfo>& key_table() {
  static const std::vector<KeyInfo> table = {
      {"provider", "RESTACK_GEN_LLM", "--llm"},
      {"model", "RESTACK_GEN_LLM_MODEL", "--model"},
      {"base_url", "RESTACK_GEN_LLM_BASE_URL", "--llm-base-url"},
      {"api_key", "RESTACK_GEN_LLM_API_KEY", ""},
      {"temperature", "RESTACK_GEN_LLM_TEMPERATURE", "--temperature"},
      {"max_tokens", "RESTACK_GEN_LLM_MAX_TOKENS", "--max-tokens"},
      {"connect_timeout", "RESTACK_GEN_LLM_CONNECT_TIMEOUT", "--llm-connect-timeout"},
      {"timeout", "RESTACK_GEN_LLM_TIMEOUT", "--llm-timeout"},
      {"retries", "RESTACK_GEN_LLM_RETRIES", "--llm-retries"},
      {"backoff_initial", "RESTACK_GEN_LLM_BACKOFF_INITIAL", ""},
      {"backoff_max", "RESTACK_GEN_LLM_BACKOFF_MAX", ""},
      {"requests_per_minute", "RESTACK_GEN_LLM_RPM", "--llm-rpm"},
      {"tokens_per_minute", "RESTACK_GEN_LLM_TPM", "--llm-tpm"},
      {"jobs", "RESTACK_GEN_JOBS", "--jobs"},
      {"max_repairs", "RESTACK_GEN_LLM_MAX_REPAIRS", "--max-repairs"},
      {"stream", "RESTACK_GEN_LLM_STREAM", "--llm-stream"},
      {"cache", "RESTACK_GEN_CACHE", "--cache"},
      {"cache_dir", "RESTACK_GEN_CACHE_DIR", ""},
  };
  return table;
}

struct YamlValue {
  std::string text;
  SourceLocation where;
};

/// The `llm:` map of one config file, key -> scalar text with its position.
std::map<std::string, YamlValue> read_llm_section(const fs::path& path, DiagnosticSink& diagnostics) {
  std::map<std::string, YamlValue> out;
  std::error_code ec;
  if (path.empty() || !fs::is_regular_file(path, ec)) return out;
  auto file = read_text_file(path, 1u << 20);
  if (!file.ok) {
    diagnostics.error({path.string(), 0, 0}, "E-config-read", "cannot read config file: " + file.error);
    return out;
  }
  auto at = [&](const YAML::Mark& m) { return SourceLocation{path.string(), m.line + 1, m.column + 1}; };
  YAML::Node root;
  try {
    root = YAML::Load(file.content);
  } catch (const YAML::ParserException& e) {
    diagnostics.error(at(e.mark), "E-config-yaml", "invalid YAML in config file: " + e.msg);
    return out;
  }
  if (!root.IsMap()) return out;
  YAML::Node llm;
  for (auto it = root.begin(); it != root.end(); ++it)
    if (it->first.IsScalar() && it->first.Scalar() == "llm") llm = it->second;
  if (!llm) return out;
  if (!llm.IsMap()) {
    diagnostics.error(at(llm.Mark()), "E-config-llm", "`llm:` must be a map of settings (e.g. `model: gpt-oss-120b`)");
    return out;
  }
  std::vector<std::string> known;
  for (const auto& k : key_table()) known.push_back(k.key);
  for (auto it = llm.begin(); it != llm.end(); ++it) {
    std::string key = it->first.as<std::string>("");
    for (char& c : key)
      if (c == '-') c = '_';
    auto where = at(it->first.Mark());
    if (key == "api_key") {
      diagnostics.warning(where, "W-config-secret",
                          "API keys are not read from config files (they get committed); set "
                          "RESTACK_GEN_LLM_API_KEY or the provider's key variable in the environment or .env");
      continue;
    }
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      auto& d = diagnostics.warning(where, "W-config-key", "unknown llm setting '" + key + "' (ignored)");
      if (auto guess = closest_match(key, known)) d.notes.push_back({{}, "did you mean '" + *guess + "'?"});
      continue;
    }
    if (!it->second.IsScalar()) {
      diagnostics.error(at(it->second.Mark()), "E-config-value", "llm." + key + " must be a single value");
      continue;
    }
    out[key] = {it->second.Scalar(), at(it->second.Mark())};
  }
  return out;
}

class Layers {
 public:
  Layers(const SettingsInputs& in, DiagnosticSink& diagnostics) : in_(in) {
    fs::path dir = in.working_dir.empty() ? fs::current_path() : in.working_dir;
    dotenv_path_ = dir / ".env";
    std::error_code ec;
    if (fs::is_regular_file(dotenv_path_, ec)) {
      auto file = read_text_file(dotenv_path_, 1u << 20);
      if (file.ok) {
        auto parsed = parse_dotenv(file.content);
        dotenv_ = std::move(parsed.values);
        for (const auto& w : parsed.warnings) {
          auto colon = w.find(':');
          diagnostics.warning({dotenv_path_.string(), std::atoi(w.substr(0, colon).c_str()), 1}, "W-dotenv",
                              w.substr(colon + 2));
        }
      }
    }
    project_path_ = dir / "restack-gen.yaml";
    project_ = read_llm_section(project_path_, diagnostics);
    fs::path user = in.user_config;
    if (user.empty()) {
      if (auto xdg = env("XDG_CONFIG_HOME"); xdg && !xdg->empty()) user = fs::path(*xdg) / "restack-gen" / "config.yaml";
      else if (auto home = env("HOME"); home && !home->empty()) user = fs::path(*home) / ".config" / "restack-gen" / "config.yaml";
    }
    user_ = read_llm_section(user, diagnostics);
  }

  /// A variable from the real environment, else from .env (which never overrides it).
  std::optional<ResolvedValue> variable(const std::string& name) const {
    if (name.empty()) return std::nullopt;
    if (auto it = in_.environment.find(name); it != in_.environment.end() && !it->second.empty())
      return ResolvedValue{it->second, Source::kEnvironment, name};
    if (auto it = dotenv_.find(name); it != dotenv_.end() && !it->second.empty())
      return ResolvedValue{it->second, Source::kDotenv, dotenv_path_.string() + " (" + name + ")"};
    return std::nullopt;
  }

  std::optional<std::string> env(const std::string& name) const {
    auto it = in_.environment.find(name);
    if (it == in_.environment.end()) return std::nullopt;
    return it->second;
  }

  /// The highest layer that sets KEY, if any.
  std::optional<ResolvedValue> lookup(const KeyInfo& k) const {
    if (auto it = in_.flags.find(k.key); it != in_.flags.end()) return ResolvedValue{it->second, Source::kFlag, k.flag};
    if (auto v = variable(k.env)) return v;
    if (auto it = project_.find(k.key); it != project_.end())
      return ResolvedValue{it->second.text, Source::kProjectConfig, format_where(it->second.where)};
    if (auto it = user_.find(k.key); it != user_.end())
      return ResolvedValue{it->second.text, Source::kUserConfig, format_where(it->second.where)};
    return std::nullopt;
  }

  SourceLocation location_of(const ResolvedValue& v, const KeyInfo& k) const {
    if (v.source == Source::kProjectConfig) return project_.at(k.key).where;
    if (v.source == Source::kUserConfig) return user_.at(k.key).where;
    return {};
  }

 private:
  static std::string format_where(const SourceLocation& w) { return fmt::format("{}:{}:{}", w.file, w.line, w.column); }
  const SettingsInputs& in_;
  fs::path dotenv_path_, project_path_;
  std::map<std::string, std::string> dotenv_;
  std::map<std::string, YamlValue> project_, user_;
};

std::string describe(const ResolvedValue& v) {
  return v.origin.empty() ? std::string(source_name(v.source)) : std::string(source_name(v.source)) + " " + v.origin;
}

}  // namespace

const std::vector<std::string>& setting_keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> k;
    for (const auto& info : key_table()) k.push_back(info.key);
    return k;
  }();
  return keys;
}

SettingsInputs SettingsInputs::from_process(std::map<std::string, std::string> flags) {
  SettingsInputs in;
  in.flags = std::move(flags);
  for (char** e = environ; e && *e; ++e) {
    std::string entry(*e);
    auto eq = entry.find('=');
    if (eq != std::string::npos) in.environment[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  in.working_dir = fs::current_path();
  return in;
}

std::optional<std::string> Settings::usability_problem() const {
  if (!enabled()) return disabled_hint;
  const ProviderInfo* p = find_provider(provider);
  if (base_url.empty())
    return "provider '" + provider + "' needs a base URL: pass --llm-base-url URL or set RESTACK_GEN_LLM_BASE_URL";
  if (model.empty()) return "provider '" + provider + "' needs a model: pass --model NAME or set RESTACK_GEN_LLM_MODEL";
  if (p && !p->key_env.empty() && api_key.empty())
    return "provider '" + provider + "' needs an API key: set " + p->key_env + " (or RESTACK_GEN_LLM_API_KEY) in the environment or .env";
  return std::nullopt;
}

Settings resolve_settings(const SettingsInputs& inputs, DiagnosticSink& diagnostics) {
  Layers layers(inputs, diagnostics);
  Settings s;
  std::map<std::string, ResolvedValue> chosen;
  const auto& table = key_table();
  auto info = [&](const std::string& key) -> const KeyInfo& {
    for (const auto& k : table)
      if (key == k.key) return k;
    throw std::logic_error("unknown setting " + key);
  };
  for (const auto& k : table)
    if (auto v = layers.lookup(k)) chosen[k.key] = *v;

  auto bad_value = [&](const std::string& key, const std::string& why) {
    const auto& v = chosen[key];
    SourceLocation where = layers.location_of(v, info(key));
    if (!where.known()) where.file = v.origin.empty() ? "restack-gen" : v.origin;
    diagnostics.error(where, "E-config-value",
                      fmt::format("invalid value '{}' for {} ({}): {}", key == "api_key" ? redact_key(v.text) : v.text,
                                  key, describe(v), why));
    chosen.erase(key);
  };

  // Provider first: several defaults depend on it.
  if (chosen.count("provider")) {
    std::string name = chosen["provider"].text;
    if (name == "none" || name == "false") name = "off";
    if (name != "off" && !find_provider(name)) {
      std::vector<std::string> names;
      for (const auto& p : providers()) names.push_back(p.name);
      auto guess = closest_match(name, names);
      std::string list;
      for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
      bad_value("provider", "known providers: " + list + ", off" + (guess ? " (did you mean '" + *guess + "'?)" : ""));
    } else {
      chosen["provider"].text = name;
    }
  }
  if (!chosen.count("provider")) {
    if (auto key = layers.variable("CEREBRAS_API_KEY"))
      chosen["provider"] = {"cerebras", Source::kDefault, "(because CEREBRAS_API_KEY is set)"};
    else
      chosen["provider"] = {"off", Source::kDefault, ""};
  }
  s.provider = chosen["provider"].text;
  const ProviderInfo* provider = find_provider(s.provider);
  if (!s.enabled())
    s.disabled_hint =
        "LLM function bodies are off: set CEREBRAS_API_KEY (environment or .env) or pass --llm PROVIDER to turn them on";

  // The key: RESTACK_GEN_LLM_API_KEY, else the provider's own variable.
  if (!chosen.count("api_key") && provider && !provider->key_env.empty())
    if (auto v = layers.variable(provider->key_env)) chosen["api_key"] = *v;

  auto provider_default = [&](const std::string& key, const std::string& text) {
    if (!chosen.count(key) && !text.empty()) chosen[key] = {text, Source::kProviderDefault, provider ? provider->name : ""};
  };
  if (provider) {
    provider_default("base_url", provider->base_url);
    provider_default("model", provider->default_model);
    provider_default("requests_per_minute", std::to_string(provider->requests_per_minute));
    provider_default("tokens_per_minute", std::to_string(provider->tokens_per_minute));
  }

  auto parse_number = [&](const std::string& key, double lo, double hi, auto& out, bool integer) {
    if (!chosen.count(key)) return;
    const std::string& text = chosen[key].text;
    try {
      size_t used = 0;
      double v = std::stod(text, &used);
      if (used != text.size() || !std::isfinite(v)) throw std::invalid_argument("x");
      if (integer && v != std::floor(v)) return bad_value(key, "expected a whole number");
      if (v < lo || v > hi) return bad_value(key, fmt::format("expected a number from {} to {}", lo, hi));
      out = static_cast<std::remove_reference_t<decltype(out)>>(v);
    } catch (const std::exception&) {
      bad_value(key, integer ? "expected a whole number" : "expected a number");
    }
  };
  auto parse_seconds = [&](const std::string& key, double& out, double lo) {
    if (!chosen.count(key)) return;
    auto v = parse_duration_seconds(chosen[key].text);
    if (!v || *v < lo) return bad_value(key, "expected a duration such as 30, 30s, 500ms or 2m");
    out = *v;
  };
  parse_number("temperature", 0, 2, s.temperature, false);
  parse_number("max_tokens", 1, 1'000'000, s.max_tokens, true);
  parse_seconds("connect_timeout", s.connect_timeout_s, 0.001);
  parse_seconds("timeout", s.timeout_s, 0.001);
  parse_number("retries", 0, 100, s.retries, true);
  parse_seconds("backoff_initial", s.backoff_initial_s, 0);
  parse_seconds("backoff_max", s.backoff_max_s, 0);
  parse_number("requests_per_minute", 0, 1e9, s.requests_per_minute, true);
  parse_number("tokens_per_minute", 0, 1e12, s.tokens_per_minute, true);
  parse_number("jobs", 1, 256, s.jobs, true);
  parse_number("max_repairs", 0, 20, s.max_repairs, true);
  if (chosen.count("stream")) {
    const std::string& t = chosen["stream"].text;
    if (t == "1" || t == "true" || t == "yes" || t == "on") s.stream = true;
    else if (t == "0" || t == "false" || t == "no" || t == "off") s.stream = false;
    else bad_value("stream", "expected true or false");
  }
  if (chosen.count("model")) s.model = chosen["model"].text;
  if (chosen.count("api_key")) s.api_key = chosen["api_key"].text;
  if (chosen.count("base_url")) {
    std::string url = chosen["base_url"].text;
    while (!url.empty() && url.back() == '/') url.pop_back();
    if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
      bad_value("base_url", "expected an http:// or https:// URL such as https://api.cerebras.ai/v1");
    else
      s.base_url = url;
  }
  if (chosen.count("cache")) {
    const std::string& c = chosen["cache"].text;
    if (c == "sqlite" || c == "off" || c.rfind("sqlite:", 0) == 0 || c.rfind("redis://", 0) == 0) s.cache = c;
    else bad_value("cache", "expected sqlite, sqlite:PATH, redis://HOST:PORT/DB or off");
  }
  if (chosen.count("cache_dir")) {
    s.cache_dir = chosen["cache_dir"].text;
  } else {
    if (auto xdg = layers.env("XDG_CACHE_HOME"); xdg && !xdg->empty()) s.cache_dir = fs::path(*xdg) / "restack-gen";
    else if (auto home = layers.env("HOME"); home && !home->empty()) s.cache_dir = fs::path(*home) / ".cache" / "restack-gen";
    else s.cache_dir = fs::temp_directory_path() / "restack-gen-cache";
    chosen["cache_dir"] = {s.cache_dir.string(), Source::kDefault, ""};
  }

  // Record what was used, defaults included, for `config show`.
  auto text_of = [&](const std::string& key) -> std::string {
    if (key == "provider") return s.provider;
    if (key == "model") return s.model;
    if (key == "base_url") return s.base_url;
    if (key == "api_key") return redact_key(s.api_key);
    if (key == "temperature") return fmt::format("{}", s.temperature);
    if (key == "max_tokens") return std::to_string(s.max_tokens);
    if (key == "connect_timeout") return fmt::format("{}s", s.connect_timeout_s);
    if (key == "timeout") return fmt::format("{}s", s.timeout_s);
    if (key == "retries") return std::to_string(s.retries);
    if (key == "backoff_initial") return fmt::format("{}s", s.backoff_initial_s);
    if (key == "backoff_max") return fmt::format("{}s", s.backoff_max_s);
    if (key == "requests_per_minute") return s.requests_per_minute ? std::to_string(s.requests_per_minute) : "unlimited";
    if (key == "tokens_per_minute") return s.tokens_per_minute ? std::to_string(s.tokens_per_minute) : "unlimited";
    if (key == "jobs") return std::to_string(s.jobs);
    if (key == "max_repairs") return std::to_string(s.max_repairs);
    if (key == "stream") return s.stream ? "true" : "false";
    if (key == "cache") return s.cache;
    if (key == "cache_dir") return s.cache_dir.string();
    return "";
  };
  for (const auto& k : table) {
    ResolvedValue v = chosen.count(k.key) ? chosen[k.key] : ResolvedValue{};
    if (std::string(k.key) == "api_key" && v.origin.empty() && v.source == Source::kDefault) v.origin = "(not set)";
    v.text = text_of(k.key);
    s.resolved.emplace_back(k.key, std::move(v));
  }
  return s;
}

nlohmann::json settings_to_json(const Settings& settings) {
  nlohmann::json out = nlohmann::json::object();
  nlohmann::json list = nlohmann::json::array();
  for (const auto& [key, v] : settings.resolved)
    list.push_back({{"key", key}, {"value", v.text}, {"source", source_name(v.source)}, {"origin", v.origin}});
  out["settings"] = list;
  out["enabled"] = settings.enabled();
  if (auto problem = settings.usability_problem()) out["problem"] = *problem;
  return out;
}

std::string settings_to_text(const Settings& settings) {
  std::ostringstream out;
  size_t width = 0, value_width = 0;
  for (const auto& [key, v] : settings.resolved) {
    width = std::max(width, key.size());
    value_width = std::max(value_width, std::min<size_t>(v.text.size(), 40));
  }
  for (const auto& [key, v] : settings.resolved) {
    std::string value = v.text.empty() ? "-" : v.text;
    out << fmt::format("{:<{}}  {:<{}}  {}\n", key, width, value, value_width, describe(v));
  }
  if (auto problem = settings.usability_problem()) out << "note: " << *problem << "\n";
  return out.str();
}

}  // namespace restack::llm
