#pragma once
// "Did you mean ...?" hints from edit distance (after ninja's SpellcheckString).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace restack {

/// Levenshtein distance, with an early exit once it exceeds MAX (returns MAX + 1 then).
size_t edit_distance(std::string_view a, std::string_view b, size_t max = 1000);

/// The candidate closest to WORD if it is close enough to be a plausible typo.
std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace restack
