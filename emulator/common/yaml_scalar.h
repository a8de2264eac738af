#pragma once

#include <string_view>

#include "emulator/common/json.h"

// YAML scalar typing shared by the reader (yaml.cpp) and the writer (yaml_emit.cpp), so the
// writer quotes exactly the strings the reader would otherwise type.
namespace preflight::yaml_scalar {

// The JSON value of an untagged plain scalar under the YAML 1.2 core schema, with the
// deliberate differences listed at parse_yaml (big or zero-padded integers, .inf/.nan stay text).
Json plain_value(std::string_view text);

}  // namespace preflight::yaml_scalar
