#include "services/lambda/errors.h"

namespace preflight::lambda::errors {
namespace {

core::AwsError make(std::string code, std::string message, int status = 400, bool sender = true) {
  core::AwsError e(std::move(code), std::move(message), status, sender);
  e.details = Json{{"Type", sender ? "User" : "Service"}};
  return e;
}

}  // namespace

core::AwsError function_not_found(std::string_view arn) {
  return make("ResourceNotFoundException", "Function not found: " + std::string(arn), 404);
}

core::AwsError alias_not_found(std::string_view arn) {
  return make("ResourceNotFoundException", "Alias not found: " + std::string(arn), 404);
}

core::AwsError not_found(std::string message) {
  return make("ResourceNotFoundException", std::move(message), 404);
}

core::AwsError conflict(std::string message) {
  return make("ResourceConflictException", std::move(message), 409);
}

core::AwsError invalid_parameter(std::string message) {
  return make("InvalidParameterValueException", std::move(message));
}

core::AwsError precondition_failed() {
  return make("PreconditionFailedException",
              "The Revision Id provided does not match the latest Revision Id. Call the "
              "GetFunction/GetAlias API to retrieve the latest Revision Id",
              412);
}

core::AwsError too_many_requests(std::string_view reason) {
  auto e = make("TooManyRequestsException", "Rate Exceeded.", 429);
  e.details["Reason"] = std::string(reason);
  return e;
}

core::AwsError request_too_large(std::size_t limit, std::string_view operation) {
  return make("RequestTooLargeException",
              "Request must be smaller than " + std::to_string(limit) + " bytes for the " +
                  std::string(operation) + " operation",
              413);
}

core::AwsError invalid_request_content(std::string message) {
  return make("InvalidRequestContentException", std::move(message));
}

core::AwsError invalid_runtime(std::string message) {
  return make("InvalidRuntimeException", std::move(message), 502, false);
}

core::AwsError invalid_zip(std::string message) {
  return make("InvalidParameterValueException", std::move(message));
}

core::AwsError service_error(std::string message) {
  return make("ServiceException", std::move(message), 500, false);
}

}  // namespace preflight::lambda::errors
