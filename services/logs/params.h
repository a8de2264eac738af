#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/common/json.h"

// Input members as CloudWatch Logs reads and checks them: wrong JSON types are
// SerializationException, broken constraints InvalidParameterException.
namespace preflight::logs::params {

std::string required_string(const Json& input, std::string_view member);
// 1-512 characters of [.-_/#A-Za-z0-9].
void check_group_name(std::string_view name, std::string_view member = "logGroupName");
// 1-512 characters, no ':' or '*'.
void check_stream_name(std::string_view name, std::string_view member = "logStreamName");
std::string group_name(const Json& input);   // required logGroupName, checked
std::string stream_name(const Json& input);  // required logStreamName, checked
// An integer member within [min, max]; absent: nullopt.
std::optional<std::int64_t> integer(const Json& input, std::string_view member, std::int64_t min,
                                    std::int64_t max);
// A tags map (CreateLogGroup, TagLogGroup, TagResource): 1-50 entries, keys 1-128 characters of
// letters, digits, spaces and _.:/=+-@, values up to 256 characters.
std::map<std::string, std::string> tags(const Json& input, std::string_view member);

// Opaque list tokens (DescribeLogGroups, DescribeLogStreams): a start-after key, base64-encoded.
std::string page_token(std::string_view key);
// The key of the nextToken member; "" when absent. Throws InvalidParameterException when bad.
std::string page_key(const Json& input);

}  // namespace preflight::logs::params
