#include <gtest/gtest.h>

#include "emulator/service/aws_error.h"
#include "services/apigateway/context_vars.h"
#include "services/apigateway/gateway_responses.h"
#include "services/apigateway/iam_policy.h"
#include "services/apigateway/invoke_target.h"
#include "services/apigateway/patch.h"
#include "services/apigateway/proxy_event.h"
#include "services/apigateway/usage.h"

namespace preflight::apigateway {
namespace {

HttpRequest request(std::string host, std::string target) {
  HttpRequest r;
  r.method = "GET";
  r.set_target(target);
  r.headers.add("Host", std::move(host));
  return r;
}

TEST(InvokeTarget, ThreeUrlForms) {
  auto t = parse_invoke_target(request("abc123.execute-api.localhost:4566", "/beta/books/1"));
  ASSERT_TRUE(t);
  EXPECT_EQ(t->api_id, "abc123");
  EXPECT_EQ(t->stage, "beta");
  EXPECT_EQ(t->path, "/books/1");
  t = parse_invoke_target(request("abc123.execute-api.localhost.localstack.cloud", "/prod"));
  ASSERT_TRUE(t);
  EXPECT_EQ(t->path, "/");
  t = parse_invoke_target(request("localhost:4566", "/_aws/execute-api/abc123/prod/x?y=1"));
  ASSERT_TRUE(t);
  EXPECT_EQ(t->stage, "prod");
  EXPECT_EQ(t->path, "/x");
  t = parse_invoke_target(request("localhost", "/restapis/abc123/prod/_user_request_/a/b"));
  ASSERT_TRUE(t);
  EXPECT_EQ(t->path, "/a/b");
  EXPECT_FALSE(parse_invoke_target(request("localhost", "/restapis/abc123/resources")));
  EXPECT_FALSE(parse_invoke_target(request("localhost", "/restapis/abc123")));
  EXPECT_FALSE(parse_invoke_target(request("localhost", "/")));
  EXPECT_FALSE(parse_invoke_target(request("bad_id!.execute-api.localhost", "/prod/x")));
}

TEST(IamPolicy, DenyWinsWildcardsMatch) {
  const std::string arn = "arn:aws:execute-api:us-east-1:000000000000:api/prod/GET/books/1";
  auto policy = [](std::string effect, Json resource) {
    return Json{{"Version", "2012-10-17"},
                {"Statement", Json::array({Json{{"Action", "execute-api:Invoke"},
                                                {"Effect", effect},
                                                {"Resource", resource}}})}};
  };
  EXPECT_EQ(evaluate_policy(policy("Allow", arn), arn), PolicyDecision::Allow);
  EXPECT_EQ(evaluate_policy(policy("Allow", "arn:aws:execute-api:*:*:api/*/GET/*"), arn),
            PolicyDecision::Allow);
  EXPECT_EQ(evaluate_policy(policy("Allow", "arn:aws:execute-api:*:*:api/*/POST/*"), arn),
            PolicyDecision::Deny);
  Json both = policy("Allow", "*");
  both["Statement"].push_back(Json{{"Action", Json::array({"execute-api:*"})},
                                   {"Effect", "Deny"},
                                   {"Resource", Json::array({arn})}});
  EXPECT_EQ(evaluate_policy(both, arn), PolicyDecision::Deny);
  EXPECT_EQ(evaluate_policy(Json("nonsense"), arn), PolicyDecision::Deny);
}

TEST(ProxyResponse, WellFormedAndMalformed) {
  auto ok = proxy_response(R"({"statusCode":201,"headers":{"A":"1"},
      "multiValueHeaders":{"B":["x","y"]},"body":"hi"})",
                           false);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 201);
  EXPECT_EQ(ok->body, "hi");
  EXPECT_EQ(ok->headers.get_or("A"), "1");
  EXPECT_FALSE(proxy_response("not json", false));
  EXPECT_FALSE(proxy_response(R"({"statusCode":"x"})", false));
  EXPECT_FALSE(proxy_response(R"({"statusCode":200,"body":{}})", false));
  EXPECT_FALSE(proxy_response(R"({"statusCode":200,"other":1})", false));
  EXPECT_FALSE(proxy_response(R"({"statusCode":200,"body":"%%","isBase64Encoded":true})", true));
  auto bin = proxy_response(R"({"statusCode":200,"body":"AAE=","isBase64Encoded":true})", true);
  ASSERT_TRUE(bin);
  EXPECT_EQ(bin->body, std::string("\x00\x01", 2));
  EXPECT_TRUE(is_binary_media_type("image/png; q=1", Json::array({"image/*"})));
  EXPECT_FALSE(is_binary_media_type("text/plain", Json::array({"image/*"})));
}

TEST(Patch, TypesListsMapsAndObjects) {
  Json doc = Json::object();
  const PatchRules rules = {{"name", FieldType::String},
                            {"types", FieldType::StringList},
                            {"variables", FieldType::StringMap},
                            {"enabled", FieldType::Boolean},
                            {"canarySettings", FieldType::Object}};
  apply_patch(doc, Json::parse(R"([{"op":"replace","path":"/name","value":"n"},
                {"op":"add","path":"/types/image~1png"},
                {"op":"replace","path":"/variables/fn","value":"books"},
                {"op":"replace","path":"/enabled","value":"true"},
                {"op":"replace","path":"/canarySettings/percentTraffic","value":"12.5"}])"),
              rules);
  EXPECT_EQ(doc["name"], "n");
  EXPECT_EQ(doc["types"], Json::array({"image/png"}));
  EXPECT_EQ(doc["variables"]["fn"], "books");
  EXPECT_EQ(doc["enabled"], true);
  EXPECT_EQ(doc["canarySettings"]["percentTraffic"], 12.5);
  EXPECT_THROW(
      apply_patch(doc, Json::parse(R"([{"op":"replace","path":"/x","value":"1"}])"), rules),
      core::AwsError);
  EXPECT_THROW(
      apply_patch(doc, Json::parse(R"([{"op":"replace","path":"/enabled","value":"y"}])"), rules),
      core::AwsError);
  EXPECT_THROW(apply_patch(doc, Json::parse(R"([{"op":"bogus","path":"/name"}])"), rules),
               core::AwsError);
  EXPECT_THROW(
      apply_patch(doc, Json::parse(R"([{"op":"move","from":"/nope","path":"/name"}])"), rules),
      core::AwsError);
}

TEST(ContextVars, SubstitutesAndMarksMissing) {
  const Json c =
      Json::parse(R"({"requestId":"r1","status":200,"identity":{"sourceIp":"1.2.3.4"}})");
  EXPECT_EQ(substitute_context("$context.requestId $context.status $context.identity.sourceIp "
                               "$context.nope.",
                               c),
            "r1 200 1.2.3.4 -.");
}

TEST(ContextVars, GatewayResponseRoots) {
  const Json roots = Json::parse(R"({"context":{"error":{"messageString":"\"No\""}},
      "stageVariables":{"env":"beta"}})");
  EXPECT_EQ(substitute_variables(R"({"m":$context.error.messageString,"e":"$stageVariables.env",)"
                                 R"("x":"$stageVariables.nope","c":"$5"})",
                                 roots, ""),
            R"({"m":"No","e":"beta","x":"","c":"$5"})");
}

TEST(GatewayResponses, OverridesAndFamilies) {
  Json overrides = Json::object();
  EXPECT_EQ(effective_gateway_response(overrides, "UNAUTHORIZED")["statusCode"], "401");
  overrides["DEFAULT_4XX"] = Json{{"responseParameters", Json::object()},
                                  {"responseTemplates", Json{{"application/json", "x"}}}};
  const Json r = effective_gateway_response(overrides, "UNAUTHORIZED");
  EXPECT_EQ(r["statusCode"], "401");
  EXPECT_EQ(r["responseTemplates"]["application/json"], "x");
  EXPECT_EQ(effective_gateway_response(
                overrides, "INTEGRATION_TIMEOUT")["responseTemplates"]["application/json"],
            "{\"message\":$context.error.messageString}");
}

TEST(Usage, BucketAndQuota) {
  UsageMeter meter;
  const Json throttle{{"burstLimit", 2}, {"rateLimit", 0.001}};
  EXPECT_EQ(meter.take("p/k", throttle, Json()), UsageMeter::Verdict::Ok);
  EXPECT_EQ(meter.take("p/k", throttle, Json()), UsageMeter::Verdict::Ok);
  EXPECT_EQ(meter.take("p/k", throttle, Json()), UsageMeter::Verdict::Throttled);
  const Json quota{{"limit", 1}, {"period", "MONTH"}};
  EXPECT_EQ(meter.take("p/q", Json(), quota), UsageMeter::Verdict::Ok);
  EXPECT_EQ(meter.take("p/q", Json(), quota), UsageMeter::Verdict::QuotaExceeded);
  meter.forget("p");
  EXPECT_EQ(meter.take("p/q", Json(), quota), UsageMeter::Verdict::Ok);
  EXPECT_EQ(quota_window("DAY", 86400 * 3 + 5), 3);
  EXPECT_EQ(quota_window("WEEK", 0), quota_window("WEEK", 86400 * 3));          // Thu..Sun
  EXPECT_NE(quota_window("WEEK", 86400 * 3), quota_window("WEEK", 86400 * 4));  // Monday
}

}  // namespace
}  // namespace preflight::apigateway
