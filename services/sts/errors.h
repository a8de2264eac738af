#pragma once

#include <string>
#include <string_view>

#include "emulator/service/aws_error.h"

// STS answers validation failures with the query protocol's "ValidationError" code and AWS's
// "1 validation error detected: ..." wording, naming the member in lowerCamelCase.
namespace preflight::sts::errors {

core::AwsError validation(std::string_view member, std::string_view value,
                          std::string_view constraint);
core::AwsError missing(std::string_view member);
core::AwsError invalid_arn(std::string_view arn);
core::AwsError session_credentials_not_allowed();

}  // namespace preflight::sts::errors
