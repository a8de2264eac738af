#include <gtest/gtest.h>

#include "tests/unit/apigateway_openapi/openapi_test_support.h"

namespace preflight::apigateway::openapi {
namespace {

using testing::authorizer_named;
using testing::import_error;
using testing::read_test_file;
using testing::resource_at;

TEST(ImportSecurity, BooksAuthorizersBecomeAuthorizerShapes) {
  const ImportedApi api = import_definition(read_test_file("books_oas3.yaml"));
  ASSERT_EQ(api.authorizers.size(), 2U);  // api_key and sigv4 are not authorizers
  const Json* cognito = authorizer_named(api, "BooksCognito");
  ASSERT_NE(cognito, nullptr);
  EXPECT_EQ(*cognito, Json::parse(R"({
      "name": "BooksCognito", "type": "COGNITO_USER_POOLS", "authType": "cognito_user_pools",
      "providerARNs": ["arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_abc123"],
      "identitySource": "method.request.header.Authorization",
      "authorizerResultTtlInSeconds": 300})"));
  const Json* token = authorizer_named(api, "BooksAuthorizer");
  ASSERT_NE(token, nullptr);
  EXPECT_EQ((*token)["type"], "TOKEN");
  EXPECT_EQ((*token)["authType"], "custom");
  EXPECT_EQ((*token)["identitySource"], "method.request.header.Authorization");
  EXPECT_EQ((*token)["identityValidationExpression"], "^Bearer [-0-9a-zA-Z\\._]*$");
  EXPECT_EQ((*token)["authorizerResultTtlInSeconds"], 60);
  EXPECT_EQ((*token)["authorizerCredentials"], "arn:aws:iam::000000000000:role/authorizer-invoke");
}

TEST(ImportSecurity, RequirementsSetTheMethodsAuthorization) {
  const ImportedApi api = import_definition(read_test_file("books_oas3.yaml"));
  const Json& list = resource_at(api, "/books").methods["GET"];
  EXPECT_EQ(list["authorizationType"], "COGNITO_USER_POOLS");
  EXPECT_EQ(list["authorizerName"], "BooksCognito");
  EXPECT_EQ(list["authorizationScopes"], Json::parse(R"(["books/read"])"));
  EXPECT_EQ(list["apiKeyRequired"], true);
  const Json& book = resource_at(api, "/books/{id}").methods;
  // No security of its own: the root's api_key applies.
  EXPECT_EQ(book["GET"]["authorizationType"], "NONE");
  EXPECT_EQ(book["GET"]["apiKeyRequired"], true);
  EXPECT_FALSE(book["GET"].contains("authorizerName"));
  // Its own security replaces the root's, api key included.
  EXPECT_EQ(book["PUT"]["authorizationType"], "CUSTOM");
  EXPECT_EQ(book["PUT"]["authorizerName"], "BooksAuthorizer");
  EXPECT_EQ(book["PUT"]["apiKeyRequired"], false);
  EXPECT_EQ(book["DELETE"]["authorizationType"], "AWS_IAM");
  EXPECT_FALSE(book["DELETE"].contains("authorizerName"));
  EXPECT_EQ(resource_at(api, "/{proxy+}").methods["ANY"]["apiKeyRequired"], false);
}

constexpr const char* kBase = R"(
openapi: 3.0.1
info: {title: t}
components:
  securitySchemes:
    tok:
      type: apiKey
      name: X-Token
      in: header
      x-amazon-apigateway-authorizer:
        type: TOKEN
        authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/f/invocations
    req:
      type: apiKey
      name: Unused
      in: header
      x-amazon-apigateway-authorizer:
        type: request
        authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/g/invocations
        identitySource: method.request.querystring.t
    oauth:
      type: oauth2
      flows: {}
paths:
  /a:
    get:
)";

ImportedApi import_with_security(const std::string& security) {
  return import_definition(std::string(kBase) + "      security: " + security +
                           "\n      responses: {}\n");
}

TEST(ImportSecurity, TokenIdentitySourceComesFromTheSchemeHeader) {
  const ImportedApi api = import_with_security("[{tok: []}]");
  EXPECT_EQ((*authorizer_named(api, "tok"))["identitySource"], "method.request.header.X-Token");
  EXPECT_EQ((*authorizer_named(api, "req"))["identitySource"], "method.request.querystring.t");
  EXPECT_FALSE(authorizer_named(api, "tok")->contains("authType"));
  EXPECT_EQ(resource_at(api, "/a").methods["GET"]["authorizationType"], "CUSTOM");
}

TEST(ImportSecurity, ScopesOnlyForCognitoAndOneAuthorizerPerMethod) {
  const ImportedApi api = import_with_security("[{tok: [a]}, {req: []}]");
  const Json& get = resource_at(api, "/a").methods["GET"];
  EXPECT_EQ(get["authorizerName"], "tok");
  EXPECT_FALSE(get.contains("authorizationScopes"));
  EXPECT_GE(api.warnings.size(), 2U);
}

TEST(ImportSecurity, UnsupportedSchemesAreWarnedAndIgnored) {
  const ImportedApi api = import_with_security("[{oauth: [read]}]");
  EXPECT_EQ(resource_at(api, "/a").methods["GET"]["authorizationType"], "NONE");
  EXPECT_FALSE(api.warnings.empty());
}

TEST(ImportSecurity, UndefinedSchemeIsAnError) {
  const std::string message = [] {
    try {
      import_with_security("[{nope: []}]");
    } catch (const ImportError& e) {
      return std::string(e.what());
    }
    return std::string();
  }();
  EXPECT_NE(message.find("Errors found during import:"), std::string::npos) << message;
  EXPECT_NE(message.find("'nope'"), std::string::npos) << message;
}

TEST(ImportSecurity, AuthorizerNeedsAValidTypeAndItsTarget) {
  EXPECT_NE(import_error(R"({"openapi": "3.0.1", "info": {"title": "t"},
      "components": {"securitySchemes": {"x": {"type": "apiKey", "name": "A", "in": "header",
        "x-amazon-apigateway-authorizer": {"type": "jwt"}}}}})"),
            "");
  EXPECT_NE(import_error(R"({"openapi": "3.0.1", "info": {"title": "t"},
      "components": {"securitySchemes": {"x": {"type": "apiKey", "name": "A", "in": "header",
        "x-amazon-apigateway-authorizer": {"type": "token"}}}}})"),
            "");  // no authorizerUri
  EXPECT_NE(import_error(R"({"openapi": "3.0.1", "info": {"title": "t"},
      "components": {"securitySchemes": {"x": {"type": "apiKey", "name": "A", "in": "header",
        "x-amazon-apigateway-authorizer": {"type": "cognito_user_pools"}}}}})"),
            "");  // no providerARNs
}

TEST(ImportSecurity, IamByOperationExtension) {
  const ImportedApi api = import_definition(R"(
openapi: 3.0.1
info: {title: t}
paths:
  /a:
    get:
      x-amazon-apigateway-auth: {type: AWS_IAM}
      responses: {}
)");
  EXPECT_EQ(resource_at(api, "/a").methods["GET"]["authorizationType"], "AWS_IAM");
}

}  // namespace
}  // namespace preflight::apigateway::openapi
