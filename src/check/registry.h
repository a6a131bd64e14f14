#pragma once
// The code -> rule table (ruff's codes.rs): every rule, in code order.
#include <string_view>
#include <vector>

#include "check/rule.h"

namespace restack::check {

const std::vector<const Rule*>& all_rules();
const Rule* find_rule(std::string_view code);

}  // namespace restack::check
