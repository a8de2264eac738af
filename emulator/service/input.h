#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/common/json.h"

// Typed access to operation input members. A member of the wrong JSON type is the client's
// serialization error (SerializationException), as AWS's JSON protocols answer; absent is nullopt.
namespace preflight::core::input {

std::optional<std::string> string(const Json& input, std::string_view member);
std::optional<std::int64_t> integer(const Json& input, std::string_view member);
std::optional<bool> boolean(const Json& input, std::string_view member);
const Json* object(const Json& input, std::string_view member);
const Json* array(const Json& input, std::string_view member);

}  // namespace preflight::core::input
