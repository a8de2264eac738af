#include "emulator/service/aws_error.h"

namespace preflight::core::errors {

AwsError serialization(std::string message) {
  return {"SerializationException", std::move(message)};
}

AwsError malformed_query_string(std::string message) {
  return {"MalformedQueryString", std::move(message)};
}

AwsError missing_action() {
  return {"MissingAction", "Missing Action"};
}

AwsError invalid_action(std::string_view action) {
  return {"InvalidAction",
          "The action " + std::string(action) + " is not valid for this web service."};
}

AwsError unknown_operation(std::string_view what) {
  return {"UnknownOperationException", "Unknown operation " + std::string(what)};
}

AwsError not_implemented_service(std::string_view service) {
  return {"NotImplemented", "Preflight does not emulate the service '" + std::string(service) + "'",
          501, false};
}

AwsError request_entity_too_large(std::size_t limit) {
  return {"RequestEntityTooLarge",
          "Request body exceeds the limit of " + std::to_string(limit) + " bytes", 413};
}

AwsError internal_failure() {
  return {"InternalFailure", "The request processing has failed because of an unknown error.", 500,
          false};
}

AwsError missing_parameter(std::string_view member) {
  return {"MissingParameter",
          "The request must contain the parameter " + std::string(member) + "."};
}

AwsError validation(std::string message) {
  return {"ValidationException", std::move(message)};
}

}  // namespace preflight::core::errors
