#include "services/lambda/names.h"

#include <algorithm>

#include "emulator/common/strings.h"
#include "emulator/service/aws_error.h"
#include "emulator/service/request_context.h"
#include "services/lambda/errors.h"

namespace preflight::lambda {
namespace {

bool name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_';
}

bool valid_qualifier(std::string_view q) {
  return !q.empty() && q.size() <= 128 &&
         (q == kLatest || std::all_of(q.begin(), q.end(), name_char));
}

[[noreturn]] void bad_name(std::string_view text) {
  throw core::errors::validation(
      "1 validation error detected: Value '" + std::string(text) +
      "' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression "
      "pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?"
      "(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?");
}

}  // namespace

std::string FunctionRef::arn() const {
  return function_arn(region, account_id, name);
}

std::string FunctionRef::qualified_arn() const {
  return function_arn(region, account_id, name, qualifier);
}

std::string function_arn(std::string_view region, std::string_view account, std::string_view name,
                         std::string_view qualifier) {
  std::string arn = "arn:aws:lambda:" + std::string(region) + ":" + std::string(account) +
                    ":function:" + std::string(name);
  if (!qualifier.empty()) {
    arn += ":" + std::string(qualifier);
  }
  return arn;
}

bool is_version_number(std::string_view q) {
  return !q.empty() && q.size() < 12 && is_all_digits(q) && q != "0";
}

bool valid_function_name(std::string_view name) {
  return !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), name_char);
}

bool valid_alias_name(std::string_view name) {
  return !name.empty() && name.size() <= 128 && !is_all_digits(name) &&
         std::all_of(name.begin(), name.end(), name_char);
}

FunctionRef parse_function_ref(std::string_view account_id, std::string_view region,
                               std::string_view text) {
  FunctionRef ref{std::string(account_id), std::string(region), {}, {}};
  const auto parts = split(text, ':');
  std::size_t i = 0;
  if (parts.size() >= 7 && parts[0] == "arn" && parts[2] == "lambda" && parts[5] == "function") {
    ref.region = std::string(parts[3]);
    ref.account_id = std::string(parts[4]);
    i = 6;
  } else if (parts.size() >= 3 && parts[1] == "function" && parts[0].size() == 12 &&
             is_all_digits(parts[0])) {
    ref.account_id = std::string(parts[0]);
    i = 2;
  }
  const std::size_t rest = parts.size() - i;
  if (rest < 1 || rest > 2 || !valid_function_name(parts[i])) {
    bad_name(text);
  }
  ref.name = std::string(parts[i]);
  if (rest == 2) {
    if (!valid_qualifier(parts[i + 1])) {
      bad_name(text);
    }
    ref.qualifier = std::string(parts[i + 1]);
  }
  return ref;
}

FunctionRef parse_function_ref(const core::RequestContext& ctx, std::string_view text,
                               const std::optional<std::string>& qualifier) {
  FunctionRef ref = parse_function_ref(ctx.account_id, ctx.region, text);
  if (qualifier && !qualifier->empty()) {
    if (!valid_qualifier(*qualifier)) {
      throw core::errors::validation(
          "1 validation error detected: Value '" + *qualifier +
          "' at 'qualifier' failed to satisfy constraint: Member must satisfy regular expression "
          "pattern: (|[a-zA-Z0-9$_-]+)");
    }
    if (!ref.qualifier.empty() && ref.qualifier != *qualifier) {
      throw errors::invalid_parameter(
          "The derived qualifier from the function name does not match the specified "
          "qualifier.");
    }
    ref.qualifier = *qualifier;
  }
  return ref;
}

}  // namespace preflight::lambda
