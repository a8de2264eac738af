#include "services/logs/params.h"

#include <algorithm>
#include <cctype>

#include "emulator/common/crypto.h"
#include "emulator/service/input.h"
#include "services/logs/errors.h"

namespace preflight::logs::params {
namespace {

constexpr std::size_t kMaxNameLength = 512;
constexpr std::size_t kMaxTags = 50;

bool group_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '-' || c == '_' ||
         c == '/' || c == '#';
}

bool tag_key_char(char c) {
  // Letters, digits and spaces of any script (UTF-8 bytes pass), and _.:/=+-@.
  return static_cast<unsigned char>(c) >= 0x80 || std::isalnum(static_cast<unsigned char>(c)) ||
         std::string_view(" _.:/=+-@").find(c) != std::string_view::npos;
}

void check_length(std::string_view value, std::string_view member) {
  if (value.empty()) {
    throw errors::constraint(member, value, "Member must have length greater than or equal to 1");
  }
  if (value.size() > kMaxNameLength) {
    throw errors::constraint(member, value, "Member must have length less than or equal to 512");
  }
}

}  // namespace

std::string required_string(const Json& input, std::string_view member) {
  auto value = core::input::string(input, member);
  if (!value) {
    throw errors::missing(member);
  }
  return std::move(*value);
}

void check_group_name(std::string_view name, std::string_view member) {
  check_length(name, member);
  for (char c : name) {
    if (!group_name_char(c)) {
      throw errors::constraint(
          member, name, "Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+");
    }
  }
}

void check_stream_name(std::string_view name, std::string_view member) {
  check_length(name, member);
  if (name.find_first_of(":*") != std::string_view::npos) {
    throw errors::constraint(member, name,
                             "Member must satisfy regular expression pattern: [^:*]*");
  }
}

std::string group_name(const Json& input) {
  auto name = required_string(input, "logGroupName");
  check_group_name(name);
  return name;
}

std::string stream_name(const Json& input) {
  auto name = required_string(input, "logStreamName");
  check_stream_name(name);
  return name;
}

std::optional<std::int64_t> integer(const Json& input, std::string_view member, std::int64_t min,
                                    std::int64_t max) {
  const auto value = core::input::integer(input, member);
  if (value && *value < min) {
    throw errors::constraint(
        member, std::to_string(*value),
        "Member must have value greater than or equal to " + std::to_string(min));
  }
  if (value && *value > max) {
    throw errors::constraint(member, std::to_string(*value),
                             "Member must have value less than or equal to " + std::to_string(max));
  }
  return value;
}

std::map<std::string, std::string> tags(const Json& input, std::string_view member) {
  const Json* given = core::input::object(input, member);
  std::map<std::string, std::string> out;
  if (given == nullptr) {
    return out;
  }
  if (given->empty() || given->size() > kMaxTags) {
    throw errors::constraint(member, given->dump(),
                             "Member must have length less than or equal to 50 and greater "
                             "than or equal to 1");
  }
  for (const auto& [key, value] : given->items()) {
    if (!value.is_string()) {
      throw core::errors::serialization("Expected a string for the value of tag " + key);
    }
    const auto& text = value.get_ref<const std::string&>();
    if (key.empty() || key.size() > 128 || !std::all_of(key.begin(), key.end(), tag_key_char)) {
      throw errors::invalid_parameter("Invalid tag key: " + key);
    }
    if (text.size() > 256) {
      throw errors::invalid_parameter("Invalid tag value for key " + key +
                                      ": at most 256 characters");
    }
    out[key] = text;
  }
  return out;
}

std::string page_token(std::string_view key) {
  return base64_encode(key);
}

std::string page_key(const Json& input) {
  const auto token = core::input::string(input, "nextToken");
  if (!token) {
    return "";
  }
  auto key = base64_decode(*token);
  if (!key || key->empty()) {
    throw errors::invalid_token();
  }
  return std::move(*key);
}

}  // namespace preflight::logs::params
