#include "services/dynamodb/model/errors.h"

namespace preflight::dynamodb::errors {

core::AwsError validation(std::string message) {
  return {"ValidationException", std::move(message)};
}

core::AwsError resource_not_found(std::string message) {
  return {"ResourceNotFoundException", std::move(message)};
}

core::AwsError table_not_found(std::string_view table) {
  return resource_not_found("Requested resource not found: Table: " + std::string(table) +
                            " not found");
}

core::AwsError resource_in_use(std::string message) {
  return {"ResourceInUseException", std::move(message)};
}

core::AwsError conditional_check_failed(std::string message) {
  return {"ConditionalCheckFailedException", std::move(message)};
}

core::AwsError limit_exceeded(std::string message) {
  return {"LimitExceededException", std::move(message)};
}

core::AwsError serialization(std::string message) {
  return {"SerializationException", std::move(message)};
}

}  // namespace preflight::dynamodb::errors
