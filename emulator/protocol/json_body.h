#pragma once

#include <string>
#include <string_view>

#include "emulator/common/json.h"

namespace preflight::core {

inline constexpr int kMaxJsonDepth = 64;

// Parses a request body that must be a JSON object ("" is {}). Throws SerializationException for
// malformed JSON, a non-object, or nesting deeper than kMaxJsonDepth.
Json parse_json_object(std::string_view body);

// Serialises without ever throwing: invalid UTF-8 is replaced, not rejected.
std::string dump_json(const Json& value);

}  // namespace preflight::core
