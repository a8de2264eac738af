#pragma once

#include <string>

#include "emulator/service/aws_error.h"

// API Gateway's control-plane errors: x-amzn-ErrorType names the exception and the body is
// {"message": ...}, as the service sends them.
namespace preflight::apigateway::errors {

core::AwsError not_found(std::string message);       // 404 NotFoundException
core::AwsError bad_request(std::string message);     // 400 BadRequestException
core::AwsError conflict(std::string message);        // 409 ConflictException
core::AwsError limit_exceeded(std::string message);  // 429 LimitExceededException

}  // namespace preflight::apigateway::errors
