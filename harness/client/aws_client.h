#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "emulator/common/json.h"
#include "emulator/common/sigv4.h"

namespace preflight::harness {

// Where, and as whom, the harness speaks AWS: an emulator ("http://127.0.0.1:4566") or, with an
// empty endpoint, the real AWS endpoints of the region (https://{service}.{region}.amazonaws.com).
struct Target {
  std::string endpoint;
  std::string region = "us-east-1";
  sigv4::Credentials credentials{"test", "test", ""};
};

// The target from the environment as the AWS SDKs read it (AWS_ENDPOINT_URL, AWS_REGION or
// AWS_DEFAULT_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), with
// `endpoint` (when not empty) taking precedence.
Target target_from_environment(std::string endpoint);

// An AWS error answer (code as AWS names it, e.g. "ResourceNotFoundException"), or a failure to
// reach the endpoint (code "ConnectionError", status 0).
class AwsCallError : public std::runtime_error {
 public:
  AwsCallError(std::string code, const std::string& message, int status);
  const std::string& code() const { return code_; }
  int status() const { return status_; }

 private:
  std::string code_;
  int status_;
};

// A small synchronous AWS client over the public APIs: SigV4-signed HTTP, as any SDK would.
class AwsClient {
 public:
  using Query = std::vector<std::pair<std::string, std::string>>;

  explicit AwsClient(Target target);

  // A JSON-protocol operation (dynamodb, dynamodbstreams, sqs, cognito-idp, logs).
  Json call(std::string_view service, std::string_view operation,
            const Json& input = Json::object()) const;
  // A rest-json operation (lambda, apigateway): `path` is already percent-encoded (see
  // segment()); a null body sends none. An empty answer is an empty object.
  Json rest(std::string_view service, std::string_view method, std::string_view path,
            const Json& body = nullptr, const Query& query = {}) const;
  // The caller's account id (STS GetCallerIdentity, asked once).
  const std::string& account_id() const;

  const Target& target() const { return target_; }
  // Base URL requests for `service` go to.
  std::string endpoint_for(std::string_view service) const;

  // One percent-encoded path segment ("fn:live" -> "fn%3Alive").
  static std::string segment(std::string_view text);

 private:
  struct Answer {
    int status;
    std::string body;
    std::string error_type;  // X-Amzn-ErrorType, when sent
  };
  Answer send(std::string_view service, std::string method, std::string path_and_query,
              std::string content_type, std::string target, std::string body) const;

  Target target_;
  mutable std::string account_id_;
};

// True when `e` says the thing asked for does not exist (any service's not-found code).
bool is_not_found(const AwsCallError& e);

}  // namespace preflight::harness
