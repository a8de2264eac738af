#include "harness/client/aws_client.h"

#include <pugixml.hpp>

#include <cstdlib>
#include <map>

#include "emulator/common/http_client.h"
#include "emulator/common/strings.h"
#include "emulator/common/time_format.h"

namespace preflight::harness {

namespace {

constexpr auto kTimeout = std::chrono::seconds(120);

struct JsonProtocol {
  std::string_view target_prefix;
  std::string_view content_type;
};

const JsonProtocol* json_protocol(std::string_view service) {
  static const std::map<std::string_view, JsonProtocol> protocols = {
      {"dynamodb", {"DynamoDB_20120810", "application/x-amz-json-1.0"}},
      {"dynamodbstreams", {"DynamoDBStreams_20120810", "application/x-amz-json-1.0"}},
      {"sqs", {"AmazonSQS", "application/x-amz-json-1.0"}},
      {"cognito-idp", {"AWSCognitoIdentityProviderService", "application/x-amz-json-1.1"}},
      {"logs", {"Logs_20140328", "application/x-amz-json-1.1"}},
  };
  auto it = protocols.find(service);
  return it == protocols.end() ? nullptr : &it->second;
}

std::string env_or(const char* name, std::string fallback) {
  const char* value = std::getenv(name);
  return value && *value ? std::string(value) : std::move(fallback);
}

// "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException" and "Code:http://..." -> the code.
std::string bare_code(std::string_view type) {
  if (auto hash = type.rfind('#'); hash != std::string_view::npos) {
    type.remove_prefix(hash + 1);
  }
  return std::string(type.substr(0, type.find(':')));
}

[[noreturn]] void throw_error(std::string_view service, const std::string& body, int status,
                              const std::string& error_type) {
  std::string code = bare_code(error_type);
  std::string message;
  Json doc = Json::parse(body, nullptr, false);
  if (doc.is_object()) {
    if (code.empty()) {
      for (const char* key : {"__type", "code", "Code"}) {
        if (auto it = doc.find(key); it != doc.end() && it->is_string()) {
          code = bare_code(it->get<std::string>());
          break;
        }
      }
    }
    for (const char* key : {"message", "Message", "errorMessage"}) {
      if (auto it = doc.find(key); it != doc.end() && it->is_string()) {
        message = it->get<std::string>();
        break;
      }
    }
  } else if (!body.empty() && body.front() == '<') {
    pugi::xml_document xml;
    if (xml.load_string(body.c_str())) {
      auto error = xml.select_node("//Error").node();
      code = error.child_value("Code");
      message = error.child_value("Message");
    }
  }
  if (code.empty()) {
    code = "HttpStatus" + std::to_string(status);
  }
  throw AwsCallError(code, std::string(service) + ": " + (message.empty() ? body : message),
                     status);
}

}  // namespace

Target target_from_environment(std::string endpoint) {
  Target t;
  t.endpoint = endpoint.empty() ? env_or("AWS_ENDPOINT_URL", "") : std::move(endpoint);
  while (t.endpoint.ends_with('/')) {
    t.endpoint.pop_back();
  }
  t.region = env_or("AWS_REGION", env_or("AWS_DEFAULT_REGION", "us-east-1"));
  t.credentials.access_key_id = env_or("AWS_ACCESS_KEY_ID", "test");
  t.credentials.secret_access_key = env_or("AWS_SECRET_ACCESS_KEY", "test");
  t.credentials.session_token = env_or("AWS_SESSION_TOKEN", "");
  return t;
}

AwsCallError::AwsCallError(std::string code, const std::string& message, int status)
    : std::runtime_error(message), code_(std::move(code)), status_(status) {}

bool is_not_found(const AwsCallError& e) {
  const auto& c = e.code();
  return c == "ResourceNotFoundException" || c == "NotFoundException" ||
         c == "AWS.SimpleQueueService.NonExistentQueue" || c == "QueueDoesNotExist" ||
         c == "UserNotFoundException";
}

AwsClient::AwsClient(Target target) : target_(std::move(target)) {}

std::string AwsClient::endpoint_for(std::string_view service) const {
  if (!target_.endpoint.empty()) {
    return target_.endpoint;
  }
  return "https://" + std::string(service) + "." + target_.region + ".amazonaws.com";
}

std::string AwsClient::segment(std::string_view text) {
  return uri_encode(text);
}

AwsClient::Answer AwsClient::send(std::string_view service, std::string method,
                                  std::string path_and_query, std::string content_type,
                                  std::string target, std::string body) const {
  const std::string base = endpoint_for(service);
  auto url = parse_http_url(base + path_and_query);
  if (!url) {
    throw AwsCallError("InvalidEndpoint", "not an http(s) URL: " + base, 0);
  }
  HttpRequest request;
  request.method = std::move(method);
  request.set_target(url->target);
  const bool default_port = url->port == (url->tls ? "443" : "80");
  request.headers.add("Host", default_port ? url->host : url->host + ":" + url->port);
  if (!content_type.empty()) {
    request.headers.add("Content-Type", std::move(content_type));
  }
  if (!target.empty()) {
    request.headers.add("X-Amz-Target", std::move(target));
  }
  request.body = std::move(body);
  sigv4::sign(request, target_.credentials, target_.region, service, unix_now());
  HttpResponse response;
  try {
    response = http_call_blocking(*url, request, kTimeout);
  } catch (const std::exception& e) {
    throw AwsCallError("ConnectionError", std::string(service) + ": " + e.what(), 0);
  }
  return {response.status, std::move(response.body),
          std::string(response.headers.get_or("x-amzn-errortype"))};
}

Json AwsClient::call(std::string_view service, std::string_view operation,
                     const Json& input) const {
  const JsonProtocol* protocol = json_protocol(service);
  if (!protocol) {
    throw AwsCallError("UnknownService", "no JSON protocol for " + std::string(service), 0);
  }
  auto answer =
      send(service, "POST", "/", std::string(protocol->content_type),
           std::string(protocol->target_prefix) + "." + std::string(operation), input.dump());
  if (answer.status >= 300) {
    throw_error(service, answer.body, answer.status, answer.error_type);
  }
  if (answer.body.empty()) {
    return Json::object();
  }
  return Json::parse(answer.body);
}

Json AwsClient::rest(std::string_view service, std::string_view method, std::string_view path,
                     const Json& body, const Query& query) const {
  std::string target(path);
  char sep = '?';
  for (const auto& [name, value] : query) {
    target += sep + uri_encode(name) + "=" + uri_encode(value);
    sep = '&';
  }
  const bool has_body = !body.is_null();
  auto answer = send(service, std::string(method), std::move(target),
                     has_body ? "application/json" : "", "", has_body ? body.dump() : "");
  if (answer.status >= 300) {
    throw_error(service, answer.body, answer.status, answer.error_type);
  }
  if (answer.body.empty()) {
    return Json::object();
  }
  return Json::parse(answer.body);
}

const std::string& AwsClient::account_id() const {
  if (account_id_.empty()) {
    auto answer = send("sts", "POST", "/", "application/x-www-form-urlencoded; charset=utf-8", "",
                       "Action=GetCallerIdentity&Version=2011-06-15");
    if (answer.status >= 300) {
      throw_error("sts", answer.body, answer.status, answer.error_type);
    }
    pugi::xml_document xml;
    xml.load_string(answer.body.c_str());
    account_id_ = xml.select_node("//Account").node().child_value();
    if (account_id_.empty()) {
      throw AwsCallError("InvalidResponse", "sts: GetCallerIdentity gave no account",
                         answer.status);
    }
  }
  return account_id_;
}

}  // namespace preflight::harness
