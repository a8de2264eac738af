#pragma once

#include <map>
#include <string>

#include "emulator/common/json.h"

namespace preflight::sqs {

inline constexpr std::size_t kMaxTags = 50;

// Checks a tag map (CreateQueue's tags, TagQueue's Tags): keys 1-128 characters, values up to
// 256, at most 50.
std::map<std::string, std::string> checked_tags(const Json* tags);

}  // namespace preflight::sqs
