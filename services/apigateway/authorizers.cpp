#include <regex>

#include "emulator/auth/authenticator.h"
#include "emulator/common/sigv4.h"
#include "emulator/common/strings.h"
#include "emulator/common/time_format.h"
#include "emulator/service/aws_error.h"
#include "emulator/service/environment.h"
#include "services/apigateway/authorizer_cache.h"
#include "services/apigateway/backend.h"
#include "services/apigateway/data_plane.h"
#include "services/apigateway/exchange.h"
#include "services/apigateway/iam_policy.h"
#include "services/apigateway/proxy_event.h"

// COGNITO_USER_POOLS, TOKEN and REQUEST authorizers, as API Gateway runs them before the
// integration: 401 without valid credentials, 403 when a Lambda authorizer's policy denies the
// method, 500 when an authorizer cannot answer.
namespace preflight::apigateway {
namespace {

using MaybeResponse = std::optional<HttpResponse>;

HttpResponse unauthorized(Exchange& x) {
  return gateway_response(x, "UNAUTHORIZED", "Unauthorized");
}

HttpResponse misconfigured(Exchange& x) {
  return gateway_response(x, "AUTHORIZER_CONFIGURATION_ERROR", Json());
}

// Claims as API Gateway hands them to a REST API's handler: every value a string.
Json stringified_claims(const Json& claims) {
  Json out = Json::object();
  for (const auto& [k, v] : claims.items()) {
    if (v.is_string()) {
      out[k] = v;
    } else if (v.is_array()) {
      std::string joined;
      for (const auto& e : v) {
        joined += (joined.empty() ? "" : ",") + (e.is_string() ? e.get<std::string>() : e.dump());
      }
      out[k] = joined;
    } else {
      out[k] = v.dump();
    }
  }
  return out;
}

MaybeResponse cognito(Exchange& x, const Json& authorizer) {
  const auto token =
      request_value(x, authorizer.value("identitySource", "method.request.header.Authorization"));
  if (!token || token->empty()) {
    return unauthorized(x);
  }
  auto& verify = x.backend.env().token_verifier;
  if (!verify) {
    return misconfigured(x);
  }
  core::TokenCheck check;
  for (const auto& arn : member(authorizer, "providerARNs")) {
    const std::string a = arn.is_string() ? arn.get<std::string>() : "";
    const auto slash = a.rfind("/");
    if (a.starts_with("arn:aws:cognito-idp:") && slash != std::string::npos) {
      check.pool_ids.push_back(a.substr(slash + 1));
    }
  }
  if (check.pool_ids.empty()) {
    return misconfigured(x);
  }
  // Without scopes on the method the token must be an ID token; with them, an access token
  // carrying one of them (API Gateway's rule).
  for (const auto& s : member(x.method(), "authorizationScopes")) {
    if (s.is_string()) {
      check.scopes.push_back(s.get<std::string>());
    }
  }
  check.token_use = check.scopes.empty() ? "id" : "access";
  const auto verified = verify(*token, check);
  if (!verified.ok) {
    return unauthorized(x);
  }
  x.authorizer_context = Json{{"claims", stringified_claims(verified.claims)}};
  x.context["authorizer"] = x.authorizer_context;
  return std::nullopt;
}

// AWS_IAM: the caller must have signed the request (header or presigned URL). Without
// --strict-auth any well-formed signature passes, as on the emulator's own APIs; with it, the
// signature is verified as theirs are. A refusal is API Gateway's: 403 with the SigV4 error's type
// and message.
MaybeResponse iam(Exchange& x) {
  const auto parsed = sigv4::parse(x.http);
  if (std::holds_alternative<sigv4::NotSigned>(parsed)) {
    return gateway_response(x, "MISSING_AUTHENTICATION_TOKEN", "Missing Authentication Token");
  }
  const auto& env = x.backend.env();
  if (!env.config.strict_auth && std::holds_alternative<sigv4::Authorization>(parsed)) {
    return std::nullopt;
  }
  try {
    core::Authenticator(env.config.credentials, &env.issued_credentials)
        .verify(x.http, parsed, core::Protocol::RestJson, unix_now());
    return std::nullopt;
  } catch (const core::AwsError& e) {
    const std::string_view type = e.code == "InvalidSignatureException" ? "INVALID_SIGNATURE"
                                  : e.code == "ExpiredTokenException"   ? "EXPIRED_TOKEN"
                                                                        : "DEFAULT_4XX";
    HttpResponse res = gateway_response(x, type, e.message, type == "DEFAULT_4XX" ? e.status : 0);
    res.headers.set("x-amzn-ErrorType", e.code);
    return res;
  }
}

// The Lambda authorizer's answer, checked: principalId and a policy document.
MaybeResponse apply_answer(Exchange& x, const Json& answer) {
  if (!answer.is_object() || !answer.contains("policyDocument") ||
      !answer["policyDocument"].is_object()) {
    return misconfigured(x);
  }
  Json context = Json::object();
  if (answer.contains("principalId")) {
    context["principalId"] = answer["principalId"];
  }
  for (const auto& [k, v] : member(answer, "context").items()) {
    if (!v.is_primitive()) {
      return misconfigured(x);  // AWS allows only strings, numbers and booleans
    }
    context[k] = v.is_string() ? v : Json(v.dump());  // handlers get them stringified
  }
  x.authorizer_context = context;
  x.context["authorizer"] = context;
  if (answer.contains("usageIdentifierKey") && answer["usageIdentifierKey"].is_string()) {
    x.usage_identifier_key = answer["usageIdentifierKey"].get<std::string>();
  }
  if (evaluate_policy(answer["policyDocument"], x.method_arn()) == PolicyDecision::Deny) {
    bool explicit_deny = answer["policyDocument"].dump().find("\"Deny\"") != std::string::npos;
    return gateway_response(x, "ACCESS_DENIED",
                            explicit_deny
                                ? "User is not authorized to access this resource with an "
                                  "explicit deny"
                                : "User is not authorized to access this resource");
  }
  return std::nullopt;
}

Json request_event(Exchange& x) {
  Json context = x.context;
  context.erase("isCanaryRequest");
  const std::string path = uri_decode(x.event_path).value_or(x.event_path);
  ProxyRequest r{x.http,
                 path,
                 (*x.route.resource).value("path", "/"),
                 x.route.path_parameters,
                 x.stage_variables,
                 context};
  Json event = proxy_event(r);
  event["type"] = "REQUEST";
  event["methodArn"] = x.method_arn();
  event.erase("body");
  event.erase("isBase64Encoded");
  return event;
}

boost::asio::awaitable<MaybeResponse> lambda_authorizer(Exchange& x, const Json& authorizer) {
  const std::string type = authorizer.value("type", "TOKEN");
  const long long ttl = authorizer.value("authorizerResultTtlInSeconds", 300LL);
  std::string identity;
  Json event;
  if (type == "TOKEN") {
    const auto token =
        request_value(x, authorizer.value("identitySource", "method.request.header.Authorization"));
    if (!token || token->empty()) {
      co_return unauthorized(x);
    }
    const std::string expression = authorizer.value("identityValidationExpression", "");
    if (!expression.empty()) {
      try {
        if (!std::regex_match(*token, std::regex(expression))) {
          co_return unauthorized(x);
        }
      } catch (const std::regex_error&) {
        co_return misconfigured(x);
      }
    }
    identity = *token;
    event = Json{{"type", "TOKEN"}, {"authorizationToken", *token}, {"methodArn", x.method_arn()}};
  } else {
    const std::string sources = authorizer.value("identitySource", "");
    for (const auto source : split(sources, ',')) {
      if (trim(source).empty()) {
        continue;
      }
      const auto v = request_value(x, source);
      if (!v && ttl > 0) {
        co_return unauthorized(x);
      }
      identity += v.value_or("") + "\n";
    }
    event = request_event(x);
  }
  const std::string cache_key = x.api_id + "/" + authorizer.value("id", "") + "/" + identity;
  auto& cache = x.backend.data_plane().authorizer_cache();
  if (ttl > 0) {
    if (auto cached = cache.get(cache_key)) {
      co_return apply_answer(x, *cached);
    }
  }
  const std::string uri =
      with_stage_variables(authorizer.value("authorizerUri", ""), x.stage_variables);
  std::string payload = event.dump();
  const std::chrono::milliseconds timeout(29000);
  const LambdaCall call =
      co_await call_lambda(x.backend, x.scope, uri, std::move(payload), timeout);
  if (call.outcome == LambdaCall::Outcome::FunctionError) {
    const Json error = Json::parse(call.payload, nullptr, false);
    if (error.is_object() && error.value("errorMessage", "") == "Unauthorized") {
      co_return unauthorized(x);
    }
    co_return misconfigured(x);
  }
  if (call.outcome != LambdaCall::Outcome::Ok) {
    co_return misconfigured(x);
  }
  Json answer = Json::parse(call.payload, nullptr, false);
  if (answer.is_discarded()) {
    co_return misconfigured(x);
  }
  if (answer.is_object() && answer.contains("policyDocument")) {
    cache.put(cache_key, answer, std::chrono::seconds(ttl));
  }
  co_return apply_answer(x, answer);
}

}  // namespace

boost::asio::awaitable<std::optional<HttpResponse>> authorize(Exchange& x) {
  const std::string type = x.method().value("authorizationType", "NONE");
  if (type == "NONE") {
    co_return std::nullopt;
  }
  if (type == "AWS_IAM") {
    co_return iam(x);
  }
  const auto it = x.deployment->authorizers.find(x.method().value("authorizerId", ""));
  if (it == x.deployment->authorizers.end()) {
    co_return misconfigured(x);
  }
  if (it->second.value("type", "") == "COGNITO_USER_POOLS") {
    co_return cognito(x, it->second);
  }
  co_return co_await lambda_authorizer(x, it->second);
}

}  // namespace preflight::apigateway
