#include "services/logs/errors.h"

namespace preflight::logs::errors {

core::AwsError invalid_parameter(std::string message) {
  return {"InvalidParameterException", std::move(message)};
}

core::AwsError constraint(std::string_view member, std::string_view value,
                          std::string_view constraint) {
  return invalid_parameter("1 validation error detected: Value '" + std::string(value) + "' at '" +
                           std::string(member) +
                           "' failed to satisfy constraint: " + std::string(constraint));
}

core::AwsError missing(std::string_view member) {
  return invalid_parameter("1 validation error detected: Value null at '" + std::string(member) +
                           "' failed to satisfy constraint: Member must not be null");
}

core::AwsError group_not_found() {
  return resource_not_found("The specified log group does not exist.");
}

core::AwsError stream_not_found() {
  return resource_not_found("The specified log stream does not exist.");
}

core::AwsError group_exists() {
  return {"ResourceAlreadyExistsException", "The specified log group already exists"};
}

core::AwsError stream_exists() {
  return {"ResourceAlreadyExistsException", "The specified log stream already exists"};
}

core::AwsError resource_not_found(std::string message) {
  return {"ResourceNotFoundException", std::move(message)};
}

core::AwsError too_many_tags(std::string_view arn) {
  core::AwsError e{"TooManyTagsException",
                   "A resource can have no more than 50 tags: " + std::string(arn)};
  e.details["resourceName"] = std::string(arn);
  return e;
}

core::AwsError invalid_token() {
  return invalid_parameter("The specified nextToken is invalid.");
}

}  // namespace preflight::logs::errors
