// The reader's steps and values: step kinds and their keys, input/output value maps and
// references, durations, retry policies, schedules and task queues.
#include <fmt/format.h>

#include <cmath>

#include "common/spelling.h"
#include "spec/cron.h"
#include "spec/duration.h"
#include "spec/names.h"
#include "spec/reader_internal.h"

namespace restack::spec::detail {
namespace {

bool is_task_queue(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-')) return false;
  return true;
}

// `input`, `input.F`, `steps.S`, `steps.S.F` with identifier parts; anything else is a literal.
std::optional<Reference> parse_reference(std::string_view s) {
  // Cheap rejections first: most values are not references at all.
  if (s.empty() || (s[0] != 'i' && s[0] != 's')) return std::nullopt;
  std::string_view parts[3];
  size_t count = 0, start = 0;
  for (size_t i = 0; i <= s.size(); ++i)
    if (i == s.size() || s[i] == '.') {
      if (count == 3) return std::nullopt;  // no reference has four parts
      parts[count++] = s.substr(start, i - start);
      start = i + 1;
    }
  for (size_t i = 0; i < count; ++i)
    if (!is_python_identifier(parts[i])) return std::nullopt;
  Reference r;
  if (parts[0] == "input") {
    if (count == 1) return r;
    if (count != 2) return std::nullopt;
    r.kind = Reference::Kind::kInputField;
    r.field = parts[1];
    return r;
  }
  if (parts[0] == "steps" && (count == 2 || count == 3)) {
    r.kind = count == 2 ? Reference::Kind::kStep : Reference::Kind::kStepField;
    r.step = parts[1];
    if (count == 3) r.field = parts[2];
    return r;
  }
  return std::nullopt;
}

}  // namespace

// ---------------------------------------------------------------- values

Value Reader::read_value(const Node* n) {
  Value v;
  v.loc = loc(n);
  if (n->is_scalar() && !n->is_null()) {
    bool stringy = !n->plain || (!as_bool(*n) && !as_number(*n));
    if (stringy) {
      if (auto r = parse_reference(n->value)) {
        v.v = std::move(*r);
        return v;
      }
    }
  }
  if (n->is_mapping() && n->entries().size() == 1 && n->entries()[0].first->value == "literal") {
    v.v = n->entries()[0].second->to_json();
    v.loc = loc(n->entries()[0].second);
    return v;
  }
  v.v = n->to_json();
  return v;
}

std::optional<Mapping> Reader::read_value_map(const Node* key, const Node* value) {
  if (value->is_null()) return Mapping{};
  if (!value->is_mapping()) {
    wrong_kind(key, value, "a mapping of field names to references or values");
    return std::nullopt;
  }
  Mapping m;
  m.reserve(value->entries().size());
  for (const auto& [k, v] : value->entries()) {
    Value val = read_value(v);
    val.key_loc = loc(k);
    m.emplace_back(std::string(k->value), std::move(val));
  }
  return m;
}

std::optional<Duration> Reader::read_duration(const Node* key, const Node* value) {
  Duration d;
  d.loc = loc(value);
  if (!value->is_scalar() || value->is_null() || as_bool(*value)) {
    wrong_kind(key, value, "a duration (seconds, or a string like 30s or 1m30s)");
    return std::nullopt;
  }
  d.text = value->value;
  if (value->plain) {
    if (auto n = as_number(*value)) {
      if (!(*n > 0) || !std::isfinite(*n)) {
        report(sink_, Code::kBadDuration, d.loc, fmt::format("`{}`", d.text), "a duration must be greater than zero");
        return std::nullopt;
      }
      d.seconds = *n;
      return d;
    }
  }
  auto parsed = parse_duration_text(d.text);
  if (!parsed.seconds) {
    report(sink_, Code::kBadDuration, d.loc, fmt::format("`{}`", d.text), parsed.error);
    return std::nullopt;
  }
  d.seconds = *parsed.seconds;
  return d;
}

std::optional<std::string> Reader::read_task_queue(const Node* key, const Node* value) {
  auto s = read_string(key, value);
  if (s && !is_task_queue(*s)) {
    report(sink_, Code::kBadTaskQueue, loc(value), *s);
    return std::nullopt;
  }
  return s;
}

std::optional<RetryPolicy> Reader::read_retry_policy(const Node* key, const Node* value) {
  if (!expect_mapping(key, value)) return std::nullopt;
  check_keys(value, Place::kRetryPolicy);
  RetryPolicy p;
  p.loc = loc(value);
  bool ok = true;
  for (const auto& [k, v] : value->entries()) {
    std::string_view name = k->value;
    if (name == "initial_interval") {
      p.initial_interval = read_duration(k, v);
      ok = ok && p.initial_interval;
    } else if (name == "maximum_interval") {
      p.maximum_interval = read_duration(k, v);
      ok = ok && p.maximum_interval;
    } else if (name == "maximum_attempts") {
      auto n = as_int(*v);
      if (!n || *n < 0) {
        report(sink_, Code::kBadRetryPolicy, loc(v),
               fmt::format("`maximum_attempts` must be an integer >= 0 (0 means unlimited), not {}",
                           v->is_scalar() ? "`" + std::string(v->value) + "`" : std::string(v->kind_name())));
        ok = false;
      } else {
        p.maximum_attempts = *n;
      }
    } else if (name == "backoff_coefficient") {
      auto n = as_number(*v);
      if (!n || !(*n >= 1) || !std::isfinite(*n)) {
        report(sink_, Code::kBadRetryPolicy, loc(v),
               fmt::format("`backoff_coefficient` must be a number >= 1, not {}",
                           v->is_scalar() ? "`" + std::string(v->value) + "`" : std::string(v->kind_name())));
        ok = false;
      } else {
        p.backoff_coefficient = *n;
      }
    } else if (name == "non_retryable_error_types") {
      if (!v->is_sequence()) {
        wrong_kind(k, v, "a list of error type names");
        ok = false;
        continue;
      }
      std::vector<std::string> types;
      for (const Node* item : v->items())
        if (auto s = read_string(k, item)) types.push_back(*s);
      p.non_retryable_error_types = std::move(types);
    }
  }
  if (p.initial_interval && p.maximum_interval && p.maximum_interval->seconds < p.initial_interval->seconds) {
    report(sink_, Code::kBadRetryPolicy, p.maximum_interval->loc,
           fmt::format("`maximum_interval` ({}) is shorter than `initial_interval` ({})", p.maximum_interval->text,
                       p.initial_interval->text));
  }
  if (!ok) return std::nullopt;
  return p;
}

std::optional<Schedule> Reader::read_schedule(const Node* key, const Node* value) {
  if (!expect_mapping(key, value)) return std::nullopt;
  check_keys(value, Place::kSchedule);
  Schedule s;
  s.loc = loc(value);
  const Node* cron = value->get("cron");
  const Node* every = value->get("every");
  if ((cron != nullptr) == (every != nullptr)) {
    report(sink_, Code::kScheduleNeedsOne, s.loc);
    return std::nullopt;
  }
  if (cron) {
    for (const auto& [k, v] : value->entries())
      if (k->value == "cron") {
        auto text = read_string(k, v);
        if (!text) return std::nullopt;
        s.cron_loc = loc(v);
        if (auto why = check_cron(*text); !why.empty()) {
          report(sink_, Code::kBadCron, s.cron_loc, *text, why);
          return std::nullopt;
        }
        s.cron = *text;
      }
  } else {
    for (const auto& [k, v] : value->entries())
      if (k->value == "every") s.every = read_duration(k, v);
    if (!s.every) return std::nullopt;
  }
  return s;
}

// ---------------------------------------------------------------- steps

void Reader::check_step_keys(const Node* map, Place place, bool type_given, const KeySpec* (&known)[kKnownKeys]) {
  const auto& specs = keys_of(place);
  uint32_t seen = 0;  // bit i: specs[i] is in MAP (a step place has fewer than 32 keys)
  size_t index = 0;
  for (const auto& [k, v] : map->entries()) {
    const KeySpec* spec = find_key(place, k->value);
    if (index < kKnownKeys) known[index] = spec;
    ++index;
    if (spec) {
      seen |= 1u << (spec - specs.data());
      continue;
    }
    // A key of another step kind gets its own message: the fix is usually `type:`.
    const char* other_kind = nullptr;
    for (Place p : step_places())
      if (p != place && find_key(p, k->value)) {
        other_kind = step_kind_of(p);
        break;
      }
    if (other_kind) {
      auto& d = report(sink_, Code::kKeyOfOtherStepKind, loc(k), k->value, other_kind, step_kind_of(place));
      if (!type_given) add_note(d, fmt::format("a step without `type:` is a function step; add `type: {}`", other_kind));
      continue;
    }
    auto& d = report(sink_, Code::kUnknownKey, loc(k), k->value, place_description(place));
    std::vector<std::string> names;
    for (const auto& s : specs) names.emplace_back(s.name);
    if (auto m = suggest_key(k->value, names)) add_note(d, fmt::format("did you mean `{}`?", *m));
  }
  std::vector<std::string> missing;
  for (size_t i = 0; i < specs.size(); ++i)
    if (specs[i].required && !(seen & (1u << i))) missing.push_back(fmt::format("`{}`", specs[i].name));
  if (!missing.empty()) {
    std::string list;
    for (size_t i = 0; i < missing.size(); ++i) list += (i ? ", " : "") + missing[i];
    report(sink_, Code::kMissingKey, loc(map), place_description(place), missing.size() > 1 ? "s" : "", list);
  }
}

std::vector<Step> Reader::read_steps(const Node* key, const Node* value) {
  std::vector<Step> steps;
  if (!value->is_sequence()) {
    wrong_kind(key, value, "a list of steps");
    return steps;
  }
  if (value->items().empty()) report(sink_, Code::kEmptyList, loc(value), "steps");
  steps.reserve(value->items().size());
  for (const Node* item : value->items()) {
    if (!item->is_mapping()) {
      wrong_kind(key, item, "a list of step mappings");
      continue;
    }
    // Built in place: a Step is large, and moving one costs as much as reading it.
    if (!read_step(item, steps.emplace_back())) steps.pop_back();
  }
  return steps;
}

bool Reader::read_step(const Node* map, Step& s) {
  s.loc = loc(map);
  Place place = Place::kStepFunction;
  bool type_given = false;
  for (const auto& [k, v] : map->entries())
    if (k->value == "type") {
      type_given = true;
      auto kind = read_string(k, v);
      if (!kind) return false;
      if (*kind == "function") place = Place::kStepFunction, s.kind = StepKind::kFunction;
      else if (*kind == "workflow") place = Place::kStepWorkflow, s.kind = StepKind::kWorkflow;
      else if (*kind == "sleep") place = Place::kStepSleep, s.kind = StepKind::kSleep;
      else if (*kind == "parallel") place = Place::kStepParallel, s.kind = StepKind::kParallel;
      else {
        auto& d = report(sink_, Code::kUnknownStepKind, loc(v), *kind);
        if (auto m = closest_match(*kind, {"function", "workflow", "sleep", "parallel"}))
          add_note(d, fmt::format("did you mean `{}`?", *m));
        return false;
      }
    }
  const KeySpec* known[kKnownKeys];
  check_step_keys(map, place, type_given, known);
  for (size_t i = 0; i < map->entries().size(); ++i) {
    const auto& [k, v] = map->entries()[i];
    const KeySpec* spec = i < kKnownKeys ? known[i] : find_key(place, k->value);
    if (!spec) continue;
    // The key's shape tells it apart from the place's other keys (timeout and duration by name).
    switch (spec->shape) {
      case Shape::kStepName:
        if (read_string_into(k, v, s.name)) {
          s.name_loc = loc(v);
          check_name(v, s.name, Shape::kStepName);
        }
        break;
      case Shape::kString: s.description = read_string(k, v); break;
      case Shape::kFunctionName:
      case Shape::kWorkflowName:
        if (read_string_into(k, v, s.target)) {
          s.target_loc = loc(v);
          check_name(v, s.target, spec->shape);
        }
        break;
      case Shape::kValueMap: s.input = read_value_map(k, v); break;
      case Shape::kDuration:
        if (spec->name == "timeout") s.timeout = read_duration(k, v);
        else s.duration = read_duration(k, v);
        break;
      case Shape::kRetryPolicy: s.retry_policy = read_retry_policy(k, v); break;
      case Shape::kTaskQueue: s.task_queue = read_task_queue(k, v); break;
      case Shape::kSteps: s.steps = read_steps(k, v); break;
      default: break;  // type: read above
    }
  }
  return true;
}

}  // namespace restack::spec::detail
