#include "services/sts/errors.h"

#include <cctype>

namespace preflight::sts::errors {
namespace {

std::string lower_camel(std::string_view member) {
  std::string out(member);
  if (!out.empty()) {
    out[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(out[0])));
  }
  return out;
}

}  // namespace

core::AwsError validation(std::string_view member, std::string_view value,
                          std::string_view constraint) {
  return {"ValidationError", "1 validation error detected: Value '" + std::string(value) +
                                 "' at '" + lower_camel(member) +
                                 "' failed to satisfy constraint: " + std::string(constraint)};
}

core::AwsError missing(std::string_view member) {
  return {"ValidationError", "1 validation error detected: Value null at '" + lower_camel(member) +
                                 "' failed to satisfy constraint: Member must not be null"};
}

core::AwsError invalid_arn(std::string_view arn) {
  return {"ValidationError", std::string(arn) + " is invalid"};
}

core::AwsError session_credentials_not_allowed() {
  return {"AccessDenied", "Cannot call GetSessionToken with session credentials", 403};
}

}  // namespace preflight::sts::errors
