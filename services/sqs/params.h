#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/common/json.h"

// Input members as SQS reads and checks them, with its InvalidParameterValue messages.
namespace preflight::sqs::params {

// An integer member within [min, max]; `reason` completes "Value N for parameter X is invalid.
// Reason: ...".
std::optional<std::int64_t> integer(const Json& input, std::string_view member, std::int64_t min,
                                    std::int64_t max, std::string_view reason);
std::string required_string(const Json& input, std::string_view member);
// A list of strings (absent: empty).
std::vector<std::string> strings(const Json& input, std::string_view member);
const Json* map(const Json& input, std::string_view member);

// Opaque pagination tokens: the last name returned, base64-encoded.
std::string next_token(std::string_view last);
std::string after_token(const Json& input);

}  // namespace preflight::sqs::params
