#pragma once

#include <string>
#include <string_view>

#include "emulator/service/aws_error.h"

// DynamoDB's errors, phrased as DynamoDB phrases them. The JSON codec prefixes __type with
// "com.amazonaws.dynamodb.v20120810#".
namespace preflight::dynamodb::errors {

core::AwsError validation(std::string message);  // ValidationException, 400
core::AwsError resource_not_found(std::string message = "Requested resource not found");
core::AwsError table_not_found(
    std::string_view table);  // "Requested resource not found: Table: X not found"
core::AwsError resource_in_use(std::string message);
core::AwsError conditional_check_failed(std::string message = "The conditional request failed");
core::AwsError limit_exceeded(std::string message);
core::AwsError serialization(std::string message);

}  // namespace preflight::dynamodb::errors
