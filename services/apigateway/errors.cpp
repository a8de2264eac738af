#include "services/apigateway/errors.h"

namespace preflight::apigateway::errors {

core::AwsError not_found(std::string message) {
  return {"NotFoundException", std::move(message), 404};
}

core::AwsError bad_request(std::string message) {
  return {"BadRequestException", std::move(message), 400};
}

core::AwsError conflict(std::string message) {
  return {"ConflictException", std::move(message), 409};
}

core::AwsError limit_exceeded(std::string message) {
  return {"LimitExceededException", std::move(message), 429};
}

}  // namespace preflight::apigateway::errors
