#pragma once

#include <string>
#include <string_view>

#include "emulator/common/json.h"

namespace preflight::core {

// Deep enough for every valid request: DynamoDB allows 31 nested M/L levels in an attribute
// value, two JSON levels each, and BatchWriteItem or TransactWriteItems put the item 6 levels
// down, so its deepest valid item nests about 70 deep (past that, DynamoDB's own nesting check
// answers ValidationException). The bound keeps hostile nesting from reaching the parser and
// the handlers' recursive walks.
inline constexpr int kMaxJsonDepth = 256;

// Parses a request body that must be a JSON object ("" is {}). Throws SerializationException for
// malformed JSON, a non-object, or nesting deeper than kMaxJsonDepth.
Json parse_json_object(std::string_view body);

// Serialises without ever throwing: invalid UTF-8 is replaced, not rejected.
std::string dump_json(const Json& value);

}  // namespace preflight::core
