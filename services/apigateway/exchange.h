#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/common/http_message.h"
#include "emulator/common/json.h"
#include "services/apigateway/route_table.h"
#include "services/apigateway/store.h"

// What the data plane's parts share while serving one execute-api request.
namespace preflight::apigateway {

class Backend;

// A deployment's snapshot, parsed and indexed once: deployments never change, so this is cached
// by id for as long as the deployment exists.
struct CompiledDeployment {
  std::string id;
  Json snapshot;                       // resources, authorizers, gatewayResponses, api
  std::unique_ptr<RouteTable> routes;  // points into snapshot["resources"]
  std::map<std::string, Json, std::less<>> authorizers;  // by id
};

struct Exchange {
  Backend& backend;
  HttpRequest& http;
  std::string request_id;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  Scope scope;
  std::string api_id;
  std::string stage_name;
  std::string path;         // the API path, percent-encoded ("/books/1")
  std::string domain_name;  // the Host the client used
  // What the handler sees as event.path and requestContext.path: on a custom domain both are
  // the path as requested (base path included); otherwise path and "/{stage}{path}".
  std::string event_path;
  std::string context_path;
  Json stage;                             // the Stage document
  Json stage_variables = Json::object();  // after canary overrides
  std::shared_ptr<const CompiledDeployment> deployment;
  RouteMatch route;
  Json context = Json::object();     // $context
  Json authorizer_context;           // requestContext.authorizer, once authorized
  std::string usage_identifier_key;  // an authorizer's usageIdentifierKey (apiKeySource AUTHORIZER)

  const Json& method() const { return *route.method; }
  const Json& integration() const { return (*route.method)["methodIntegration"]; }
  std::string method_arn() const;
};

// The answer API Gateway itself gives (a gateway response): the deployment's customisation of
// `type`, or AWS's default. status_override: statuses no type has (502 for a broken proxy answer).
HttpResponse gateway_response(Exchange& x, std::string_view type, const Json& message,
                              int status_override = 0);

// Authorizers (authorizers.cpp): nullopt when the request may go on, else the answer.
boost::asio::awaitable<std::optional<HttpResponse>> authorize(Exchange& x);

// API keys and usage plans (usage.cpp): nullopt when the request may go on.
std::optional<HttpResponse> check_api_key(Exchange& x);

// Integrations (integrations.cpp).
boost::asio::awaitable<HttpResponse> integrate(Exchange& x);

// The value a parameter expression names ('static', method.request.{header,querystring,path}.X,
// stageVariables.X, context.X), or nullopt when absent: authorizer identity sources,
// integration request/response parameters and gateway-response parameters all use them.
std::optional<std::string> request_value(const Exchange& x, std::string_view expression);

// ${stageVariables.NAME} in an integration URI or authorizer URI, replaced per request.
std::string with_stage_variables(std::string_view text, const Json& variables);

// A Lambda call with API Gateway's integration timeout: the function keeps running after a
// timeout, as on AWS, but the caller stops waiting.
struct LambdaCall {
  enum class Outcome { Ok, FunctionError, Failed, TimedOut } outcome = Outcome::Ok;
  std::string payload;
  std::string error;  // why Failed (not found, throttled, ...)
};
// uri: an integration URI (arn:aws:apigateway:R:lambda:path/2015-03-31/functions/FN/invocations)
// or a function ARN; scope: the API's, for a function named without an ARN.
boost::asio::awaitable<LambdaCall> call_lambda(Backend& b, const Scope& scope, std::string_view uri,
                                               std::string payload,
                                               std::chrono::milliseconds timeout);

}  // namespace preflight::apigateway
