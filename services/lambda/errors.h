#pragma once

#include <string>
#include <string_view>

#include "emulator/service/aws_error.h"

// Lambda's errors, with its status codes and messages. Bodies carry "Type": "User" or "Service"
// as Lambda's do.
namespace preflight::lambda::errors {

core::AwsError function_not_found(std::string_view arn);
core::AwsError alias_not_found(std::string_view arn);
core::AwsError not_found(std::string message);  // ResourceNotFoundException, any resource
core::AwsError conflict(std::string message);   // ResourceConflictException
core::AwsError invalid_parameter(std::string message);
core::AwsError precondition_failed();  // a RevisionId that is not the current one
core::AwsError too_many_requests(std::string_view reason);
core::AwsError request_too_large(std::size_t limit, std::string_view operation);
core::AwsError invalid_request_content(std::string message);
core::AwsError invalid_runtime(std::string message);
core::AwsError invalid_zip(std::string message);  // InvalidParameterValueException too
core::AwsError service_error(std::string message);

}  // namespace preflight::lambda::errors
