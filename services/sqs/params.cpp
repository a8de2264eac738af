#include "services/sqs/params.h"

#include "emulator/common/crypto.h"
#include "emulator/service/aws_error.h"
#include "emulator/service/input.h"
#include "services/sqs/errors.h"

namespace preflight::sqs::params {

std::optional<std::int64_t> integer(const Json& input, std::string_view member, std::int64_t min,
                                    std::int64_t max, std::string_view reason) {
  const auto it = input.find(member);
  if (it == input.end() || it->is_null()) {
    return std::nullopt;
  }
  if (it->is_string()) {  // query protocol values that are not numbers
    throw errors::invalid_parameter("Value " + it->get<std::string>() + " for parameter " +
                                    std::string(member) +
                                    " is invalid. Reason: " + std::string(reason));
  }
  const auto value = core::input::integer(input, member);
  if (*value < min || *value > max) {
    throw errors::invalid_parameter("Value " + std::to_string(*value) + " for parameter " +
                                    std::string(member) +
                                    " is invalid. Reason: " + std::string(reason));
  }
  return value;
}

std::string required_string(const Json& input, std::string_view member) {
  auto value = core::input::string(input, member);
  if (!value || value->empty()) {
    throw errors::missing_parameter(member);
  }
  return std::move(*value);
}

std::vector<std::string> strings(const Json& input, std::string_view member) {
  std::vector<std::string> out;
  const Json* list = core::input::array(input, member);
  if (list == nullptr) {
    return out;
  }
  for (const auto& item : *list) {
    if (!item.is_string()) {
      throw core::errors::serialization("Expected a list of strings for " + std::string(member));
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

const Json* map(const Json& input, std::string_view member) {
  return core::input::object(input, member);
}

std::string next_token(std::string_view last) {
  return base64_encode(last);
}

std::string after_token(const Json& input) {
  const auto token = core::input::string(input, "NextToken");
  if (!token || token->empty()) {
    return {};
  }
  auto decoded = base64_decode(*token);
  if (!decoded) {
    throw errors::invalid_parameter("Invalid NextToken value.");
  }
  return std::move(*decoded);
}

}  // namespace preflight::sqs::params
