#pragma once
// Whole-model and whole-sink renderings for differential tests (serial against parallel load).
#include <string>

#include "common/diagnostic.h"
#include "spec/model.h"

namespace restack::spec::test {

/// Every field of P, positions included, one line per item.
std::string dump_project(const Project& p);
/// Every diagnostic of SINK in the order it was added (not sorted), notes and their positions included.
std::string dump_in_order(const DiagnosticSink& sink);

}  // namespace restack::spec::test
