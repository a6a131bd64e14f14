#include "template/data.h"

#include <yaml-cpp/yaml.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <regex>

#include "template/errors.h"
#include "template/json_reader.h"

namespace restack::tmpl {

namespace {

template <typename Json>
Value json_to_value(const Json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::null: return Value::none();
    case nlohmann::json::value_t::boolean: return Value(j.template get<bool>());
    case nlohmann::json::value_t::number_integer: return Value(j.template get<int64_t>());
    case nlohmann::json::value_t::number_unsigned: {
      uint64_t u = j.template get<uint64_t>();
      if (u > uint64_t(INT64_MAX)) return Value(double(u));
      return Value(int64_t(u));
    }
    case nlohmann::json::value_t::number_float: return Value(j.template get<double>());
    case nlohmann::json::value_t::string: return Value(j.template get<std::string>());
    case nlohmann::json::value_t::array: {
      std::vector<Value> items;
      items.reserve(j.size());
      for (const auto& x : j) items.push_back(json_to_value(x));
      return Value::list(std::move(items));
    }
    case nlohmann::json::value_t::object: {
      Value d = Value::dict();
      for (auto it = j.begin(); it != j.end(); ++it) d.as_dict().set(Value(it.key()), json_to_value(it.value()));
      return d;
    }
    default: return Value::none();
  }
}

}  // namespace

/// Builds values from nlohmann's SAX events.
class ValueBuilder : public nlohmann::json_sax<nlohmann::json> {
 public:
  bool null() override { return add(Value::none()); }
  bool boolean(bool b) override { return add(Value(b)); }
  bool number_integer(number_integer_t i) override { return add(Value(int64_t(i))); }
  bool number_unsigned(number_unsigned_t u) override {
    return add(u > uint64_t(INT64_MAX) ? Value(double(u)) : Value(int64_t(u)));
  }
  bool number_float(number_float_t d, const string_t&) override { return add(Value(d)); }
  bool string(string_t& s) override { return add(Value(std::move(s))); }
  bool binary(binary_t&) override { return add(Value::none()); }
  bool start_object(std::size_t) override { return open(Value::dict()); }
  bool key(string_t& k) override {
    keys_.push_back(Value(std::move(k)));
    return true;
  }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(Value::list()); }
  bool end_array() override { return close(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) override { throw e; }
  Value result;

 private:
  bool add(Value v) {
    if (stack_.empty()) {
      result = std::move(v);
    } else if (stack_.back().is_dict()) {
      stack_.back().as_dict().set(keys_.back(), std::move(v));
      keys_.pop_back();
    } else {
      stack_.back().as_list().items.push_back(std::move(v));
    }
    return true;
  }
  bool open(Value container) {
    if (stack_.size() > 10000) throw std::runtime_error("JSON nested too deeply");
    stack_.push_back(std::move(container));
    return true;
  }
  bool close() {
    Value done = std::move(stack_.back());
    stack_.pop_back();
    return add(std::move(done));
  }
  std::vector<Value> stack_;
  std::vector<Value> keys_;
};

Value parse_json(const std::string& text, unsigned threads) {
  Value fast;
  JsonReadOptions options;
  options.threads = threads;
  if (read_json_fast(text, fast, options)) return fast;
  ValueBuilder builder;  // errors and edge cases: nlohmann's messages and positions
  nlohmann::json::sax_parse(text, &builder);
  return builder.result;
}

Value from_json(const nlohmann::json& j) { return json_to_value(j); }
Value from_json(const nlohmann::ordered_json& j) { return json_to_value(j); }

namespace {

/// YAML 1.1 scalar resolution as PyYAML's SafeLoader does it (the common cases).
Value yaml_scalar(const YAML::Node& node) {
  const std::string& s = node.Scalar();
  if (node.Tag() == "!" || node.Tag() == "tag:yaml.org,2002:str") return Value(s);  // quoted
  static const std::regex kNull("^(~|null|Null|NULL|)$");
  static const std::regex kBool("^(yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$");
  static const std::regex kInt("^[-+]?(0|[1-9][0-9_]*)$");
  static const std::regex kHex("^[-+]?0x[0-9a-fA-F_]+$");
  static const std::regex kOct("^[-+]?0[0-7_]+$");
  static const std::regex kFloat("^[-+]?([0-9][0-9_]*)?\\.[0-9_]*([eE][-+][0-9]+)?$");
  static const std::regex kFloatExp("^[-+]?[0-9][0-9_]*[eE][-+][0-9]+$");
  static const std::regex kInf("^[-+]?\\.(inf|Inf|INF)$");
  static const std::regex kNan("^\\.(nan|NaN|NAN)$");
  if (std::regex_match(s, kNull)) return Value::none();
  if (std::regex_match(s, kBool)) {
    char c = s[0] | 0x20;
    return Value(c == 'y' || c == 't' || (c == 'o' && (s[1] | 0x20) == 'n'));
  }
  auto clean = [](std::string t) {
    t.erase(std::remove(t.begin(), t.end(), '_'), t.end());
    return t;
  };
  try {
    if (std::regex_match(s, kInt)) return Value(int64_t(std::stoll(clean(s))));
    if (std::regex_match(s, kHex)) return Value(int64_t(std::stoll(clean(s), nullptr, 16)));
    if (std::regex_match(s, kOct)) return Value(int64_t(std::stoll(clean(s), nullptr, 8)));
  } catch (const std::exception&) {
    return Value(std::stod(clean(s)));
  }
  if (std::regex_match(s, kFloat) && s.find_first_of("0123456789") != std::string::npos) return Value(std::stod(clean(s)));
  if (std::regex_match(s, kFloatExp)) return Value(std::stod(clean(s)));
  if (std::regex_match(s, kInf)) return Value(s[0] == '-' ? -HUGE_VAL : HUGE_VAL);
  if (std::regex_match(s, kNan)) return Value(std::nan(""));
  return Value(s);
}

Value from_yaml_depth(const YAML::Node& node, int depth) {
  if (depth > 200) raise_error("YAML data nested too deeply");
  switch (node.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined: return Value::none();
    case YAML::NodeType::Scalar: return yaml_scalar(node);
    case YAML::NodeType::Sequence: {
      std::vector<Value> items;
      for (const auto& x : node) items.push_back(from_yaml_depth(x, depth + 1));
      return Value::list(std::move(items));
    }
    case YAML::NodeType::Map: {
      Value d = Value::dict();
      for (const auto& kv : node) d.as_dict().set(from_yaml_depth(kv.first, depth + 1), from_yaml_depth(kv.second, depth + 1));
      return d;
    }
  }
  return Value::none();
}

}  // namespace

Value from_yaml(const YAML::Node& node) { return from_yaml_depth(node, 0); }

nlohmann::json to_json(const Value& v) {
  switch (v.kind()) {
    case Kind::kNone: return nullptr;
    case Kind::kBool: return v.as_bool();
    case Kind::kInt: return v.as_int();
    case Kind::kFloat: return v.as_double();
    case Kind::kString: return v.as_string();
    case Kind::kList:
    case Kind::kTuple: {
      auto arr = nlohmann::json::array();
      for (const auto& x : v.as_list().items) arr.push_back(to_json(x));
      return arr;
    }
    case Kind::kDict: {
      auto obj = nlohmann::json::object();
      for (const auto& [k, x] : v.as_dict().entries) obj[to_str(k)] = to_json(x);
      return obj;
    }
    default: raise_error("Object of type " + type_name(v) + " is not JSON serializable");
  }
}

}  // namespace restack::tmpl
