#include <gtest/gtest.h>

#include "tests/unit/apigateway_openapi/openapi_test_support.h"

namespace preflight::apigateway::openapi {
namespace {

using testing::import_error;
using testing::read_test_file;
using testing::resource_at;

TEST(ImportExtensions, BooksApiWideExtensions) {
  const ImportedApi api = import_definition(read_test_file("books_oas3.yaml"));
  EXPECT_EQ(api.api["binaryMediaTypes"],
            Json::parse(R"(["image/png", "application/octet-stream"])"));
  EXPECT_EQ(api.api["apiKeySource"], "HEADER");
  EXPECT_EQ(api.api["minimumCompressionSize"], 1024);
  EXPECT_EQ(api.api["tags"], Json::parse(R"({"team": "shelf"})"));
  EXPECT_EQ(api.gateway_responses["DEFAULT_4XX"], Json::parse(R"({
      "responseType": "DEFAULT_4XX",
      "responseParameters": {"gatewayresponse.header.Access-Control-Allow-Origin": "'*'"},
      "responseTemplates": {"application/json": "{\"message\": $context.error.messageString}"}})"));
  EXPECT_EQ(api.gateway_responses["UNAUTHORIZED"]["statusCode"], "401");
  EXPECT_EQ(api.request_validators["params-only"], Json::parse(R"({"name": "params-only",
      "validateRequestBody": false, "validateRequestParameters": true})"));
  EXPECT_EQ(resource_at(api, "/books/{id}").methods["GET"]["requestValidatorName"], "params-only");
  EXPECT_EQ(resource_at(api, "/books/{id}").methods["PUT"]["requestValidatorName"], "all");
  EXPECT_FALSE(resource_at(api, "/books").methods["GET"].contains("requestValidatorName"));
  EXPECT_TRUE(api.warnings.empty()) << api.warnings.front();
}

TEST(ImportExtensions, PolicyEndpointConfigurationAndDefaultValidator) {
  const ImportedApi api = import_definition(R"({
    "openapi": "3.0.1", "info": {"title": "t"},
    "x-amazon-apigateway-policy": {"Version": "2012-10-17", "Statement": []},
    "x-amazon-apigateway-endpoint-configuration": {"vpcEndpointIds": ["vpce-1"],
                                                   "disableExecuteApiEndpoint": true},
    "x-amazon-apigateway-request-validators": {"basic": {"validateRequestBody": true}},
    "x-amazon-apigateway-request-validator": "basic",
    "x-amazon-apigateway-documentation": {"documentationParts": []},
    "paths": {"/a": {"get": {"responses": {}}}}})");
  EXPECT_EQ(Json::parse(api.api["policy"].get<std::string>())["Version"], "2012-10-17");
  EXPECT_EQ(api.api["endpointConfiguration"], Json::parse(R"({"vpcEndpointIds": ["vpce-1"]})"));
  EXPECT_EQ(api.api["disableExecuteApiEndpoint"], true);
  EXPECT_EQ(resource_at(api, "/a").methods["GET"]["requestValidatorName"], "basic");
  ASSERT_EQ(api.warnings.size(), 1U);  // the documentation extension
  EXPECT_NE(api.warnings[0].find("x-amazon-apigateway-documentation"), std::string::npos);
}

TEST(ImportExtensions, BadValuesAreErrors) {
  const std::string base = R"("openapi": "3.0.1", "info": {"title": "t"})";
  EXPECT_NE(import_error("{" + base + R"(, "x-amazon-apigateway-api-key-source": "QUERY"})"), "");
  EXPECT_NE(import_error("{" + base + R"(, "x-amazon-apigateway-minimum-compression-size": -1})"),
            "");
  EXPECT_NE(import_error("{" + base + R"(, "x-amazon-apigateway-binary-media-types": "a/b"})"), "");
  EXPECT_NE(
      import_error("{" + base + R"(, "x-amazon-apigateway-gateway-responses": {"NOPE": {}}})"), "");
  EXPECT_NE(import_error("{" + base + R"(, "x-amazon-apigateway-request-validator": "x"})"), "");
}

TEST(ImportExtensions, NonAlphanumericModelNamesAreSkipped) {
  const ImportedApi api = import_definition(R"({"openapi": "3.0.1", "info": {"title": "t"},
      "components": {"schemas": {"Good1": {"type": "object"}, "bad_name": {"type": "object"}}}})");
  EXPECT_TRUE(api.models.contains("Good1"));
  EXPECT_FALSE(api.models.contains("bad_name"));
  EXPECT_EQ(api.warnings.size(), 1U);
}

TEST(ImportExtensions, IntegrationValidation) {
  const auto with_integration = [](const std::string& integration) {
    return import_error(R"({"openapi": "3.0.1", "info": {"title": "t"}, "paths": {"/a": {"get":
        {"responses": {}, "x-amazon-apigateway-integration": )" +
                        integration + "}}}}");
  };
  EXPECT_EQ(with_integration(R"({"type": "mock"})"), "");
  EXPECT_NE(with_integration(R"({"type": "lambda"})").find("Invalid integration type"),
            std::string::npos);
  EXPECT_NE(with_integration(R"({"type": "http", "httpMethod": "GET"})").find("URI"),
            std::string::npos);
  EXPECT_NE(with_integration(R"({"type": "aws_proxy", "uri": "arn:x"})"), "");  // no httpMethod
  EXPECT_NE(with_integration(R"({"type": "mock", "passthroughBehavior": "sometimes"})"), "");
  EXPECT_NE(with_integration(R"({"type": "mock", "timeoutInMillis": 10})"), "");
  EXPECT_NE(with_integration(R"({"type": "mock", "responses": {"default": {}}})"), "");
  EXPECT_NE(with_integration(R"({"type": "mock", "requestTemplates": {"a/b": 5}})"), "");
}

TEST(ImportExtensions, TwoPatternsForOneStatusKeepTheLastWithAWarning) {
  const ImportedApi api = import_definition(R"({"openapi": "3.0.1", "info": {"title": "t"},
      "paths": {"/a": {"get": {"responses": {}, "x-amazon-apigateway-integration": {
        "type": "mock", "responses": {"default": {"statusCode": "200"},
                                      "ok.*": {"statusCode": "200"}}}}}}})");
  const Json& responses =
      resource_at(api, "/a").methods["GET"]["methodIntegration"]["integrationResponses"];
  EXPECT_EQ(responses.size(), 1U);
  EXPECT_EQ(api.warnings.size(), 1U);
}

}  // namespace
}  // namespace preflight::apigateway::openapi
