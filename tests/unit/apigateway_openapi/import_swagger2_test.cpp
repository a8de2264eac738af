#include <gtest/gtest.h>

#include "tests/unit/apigateway_openapi/openapi_test_support.h"

namespace preflight::apigateway::openapi {
namespace {

using testing::authorizer_named;
using testing::paths_of;
using testing::read_test_file;
using testing::resource_at;

class BooksSwagger2 : public ::testing::Test {
 protected:
  ImportedApi api = import_definition(read_test_file("books_swagger2.yaml"));
};

TEST_F(BooksSwagger2, ResourcesAndApiFields) {
  EXPECT_EQ(paths_of(api), (std::vector<std::string>{"/", "/books", "/books/{id}", "/{proxy+}"}));
  EXPECT_EQ(api.api["name"], "Books API");
  EXPECT_EQ(api.api["version"], "1.0");
  EXPECT_EQ(api.api["binaryMediaTypes"], Json::parse(R"(["image/png"])"));
}

TEST_F(BooksSwagger2, InlineTypesAndBodyParameters) {
  const Json& get = resource_at(api, "/books").methods["GET"];
  EXPECT_EQ(get["requestParameters"],
            Json::parse(R"({"method.request.querystring.limit": false})"));
  const Json& post = resource_at(api, "/books").methods["POST"];
  EXPECT_EQ(post["requestModels"], Json::parse(R"({"application/json": "Book"})"));
  EXPECT_FALSE(post.contains("requestParameters"));  // the body is a model, not a parameter
}

TEST_F(BooksSwagger2, ResponseSchemasUseProduces) {
  const Json& get = resource_at(api, "/books").methods["GET"];
  EXPECT_EQ(get["methodResponses"]["200"], Json::parse(R"({
      "statusCode": "200",
      "responseParameters": {"method.response.header.Access-Control-Allow-Origin": false},
      "responseModels": {"application/json": "BookList"}})"));
  EXPECT_EQ(resource_at(api, "/books").methods["POST"]["methodResponses"]["201"]["statusCode"],
            "201");  // an unquoted YAML 201 key
}

TEST_F(BooksSwagger2, IntegrationsAndMock) {
  const Json& get = resource_at(api, "/books/{id}").methods["GET"];
  EXPECT_EQ(get["requestParameters"], Json::parse(R"({"method.request.path.id": true})"));
  EXPECT_EQ(get["methodIntegration"]["type"], "AWS_PROXY");
  const Json& del = resource_at(api, "/books/{id}").methods["DELETE"];
  EXPECT_EQ(del["methodIntegration"]["type"], "MOCK");
  EXPECT_EQ(del["methodIntegration"]["integrationResponses"]["204"]["statusCode"], "204");
  EXPECT_EQ(resource_at(api, "/{proxy+}").methods["ANY"]["methodIntegration"]["type"],
            "HTTP_PROXY");
}

TEST_F(BooksSwagger2, SecurityDefinitions) {
  const Json& get = resource_at(api, "/books").methods["GET"];
  EXPECT_EQ(get["authorizationType"], "COGNITO_USER_POOLS");
  EXPECT_EQ(get["authorizerName"], "BooksCognito");
  EXPECT_EQ(get["authorizationScopes"], Json::parse(R"(["books/read"])"));
  EXPECT_EQ(get["apiKeyRequired"], true);
  const Json* request = authorizer_named(api, "BooksAuthorizer");
  ASSERT_NE(request, nullptr);
  EXPECT_EQ((*request)["type"], "REQUEST");
  EXPECT_EQ((*request)["identitySource"],
            "method.request.header.Authorization, method.request.querystring.token");
  EXPECT_EQ((*request)["authorizerResultTtlInSeconds"], 0);
  EXPECT_EQ(resource_at(api, "/books/{id}").methods["DELETE"]["authorizationType"], "CUSTOM");
}

TEST_F(BooksSwagger2, GatewayResponsesAndModels) {
  EXPECT_EQ(api.gateway_responses["MISSING_AUTHENTICATION_TOKEN"], Json::parse(R"({
      "responseType": "MISSING_AUTHENTICATION_TOKEN", "statusCode": "404",
      "responseTemplates": {"application/json": "{\"message\": \"no route\"}"}})"));
  EXPECT_EQ(api.models.size(), 2U);
  const Json list = Json::parse(api.models["BookList"]["schema"].get<std::string>());
  EXPECT_EQ(list["items"]["$ref"], "#/definitions/Book");
}

TEST(ImportSwagger2, UnquotedVersionAndExplicitConsumes) {
  const ImportedApi api = import_definition(R"(
swagger: 2.0
info: {title: t, version: 1.0}
consumes: [application/xml]
paths:
  /up:
    post:
      parameters:
        - {in: body, name: b, schema: {$ref: '#/definitions/Doc'}}
        - {in: formData, name: f, type: string}
      responses: {200: {description: ok}}
definitions:
  Doc: {type: object}
)");
  EXPECT_EQ(api.api["version"], "1.0");
  const Json& post = resource_at(api, "/up").methods["POST"];
  EXPECT_EQ(post["requestModels"], Json::parse(R"({"application/xml": "Doc"})"));
  EXPECT_FALSE(api.warnings.empty());  // formData is not supported
}

}  // namespace
}  // namespace preflight::apigateway::openapi
