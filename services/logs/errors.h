#pragma once

#include <string>
#include <string_view>

#include "emulator/service/aws_error.h"

// CloudWatch Logs errors. __type is the bare exception name, as the service sends it (and as
// botocore reports it in Error.Code); input that breaks the model's constraints is
// InvalidParameterException with AWS's "1 validation error detected: ..." message.
namespace preflight::logs::errors {

core::AwsError invalid_parameter(std::string message);
// "1 validation error detected: Value 'V' at 'member' failed to satisfy constraint: C"
core::AwsError constraint(std::string_view member, std::string_view value,
                          std::string_view constraint);
core::AwsError missing(std::string_view member);  // "Value null at 'member' ..."
core::AwsError group_not_found();
core::AwsError stream_not_found();
core::AwsError group_exists();
core::AwsError stream_exists();
core::AwsError resource_not_found(std::string message);
core::AwsError too_many_tags(std::string_view arn);
core::AwsError invalid_token();

}  // namespace preflight::logs::errors
