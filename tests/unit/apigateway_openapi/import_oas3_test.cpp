#include <gtest/gtest.h>

#include "tests/unit/apigateway_openapi/openapi_test_support.h"

namespace preflight::apigateway::openapi {
namespace {

using testing::paths_of;
using testing::read_test_file;
using testing::resource_at;

class BooksOas3 : public ::testing::Test {
 protected:
  ImportedApi api = import_definition(read_test_file("books_oas3.yaml"));
};

TEST_F(BooksOas3, ReadsTheApiFields) {
  EXPECT_EQ(api.api["name"], "Books API");
  EXPECT_EQ(api.api["description"], "A small library behind API Gateway");
  EXPECT_EQ(api.api["version"], "2024-05-01");
}

TEST_F(BooksOas3, EveryPathPrefixIsAResourceSortedRootFirst) {
  EXPECT_EQ(paths_of(api), (std::vector<std::string>{"/", "/books", "/books/{id}", "/{proxy+}"}));
  EXPECT_TRUE(resource_at(api, "/").methods.empty());
}

TEST_F(BooksOas3, ListBooksIsALambdaProxyWithStageVariablesKept) {
  const Json& get = resource_at(api, "/books").methods["GET"];
  EXPECT_EQ(get["httpMethod"], "GET");
  EXPECT_EQ(get["operationName"], "listBooks");
  const Json& integration = get["methodIntegration"];
  EXPECT_EQ(integration["type"], "AWS_PROXY");
  EXPECT_EQ(integration["httpMethod"], "POST");
  EXPECT_EQ(integration["uri"],
            "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-"
            "1:000000000000:function:${stageVariables.fn}/invocations");
  EXPECT_EQ(integration["passthroughBehavior"], "WHEN_NO_MATCH");
  EXPECT_EQ(integration["timeoutInMillis"], 10000);
  EXPECT_FALSE(integration.contains("integrationResponses"));
}

TEST_F(BooksOas3, ParametersBecomeRequestParametersWithRequiredness) {
  const Json& get = resource_at(api, "/books").methods["GET"];
  EXPECT_EQ(get["requestParameters"], Json::parse(R"({
      "method.request.querystring.limit": false,
      "method.request.header.X-Trace-Id": true})"));
  // Path-level parameters apply to every operation of the path.
  const Json& methods = resource_at(api, "/books/{id}").methods;
  for (const char* m : {"GET", "PUT", "DELETE"}) {
    EXPECT_EQ(methods[m]["requestParameters"]["method.request.path.id"], true) << m;
  }
  EXPECT_EQ(resource_at(api, "/{proxy+}").methods["ANY"]["requestParameters"],
            Json::parse(R"({"method.request.path.proxy": true})"));
}

TEST_F(BooksOas3, ResponsesBecomeMethodResponsesWithHeadersAndModels) {
  const Json& get = resource_at(api, "/books").methods["GET"];
  EXPECT_EQ(get["methodResponses"], Json::parse(R"({"200": {
      "statusCode": "200",
      "responseParameters": {"method.response.header.Access-Control-Allow-Origin": false},
      "responseModels": {"application/json": "BookList"}}})"));
  const Json& get_one = resource_at(api, "/books/{id}").methods["GET"];
  EXPECT_EQ(get_one["methodResponses"]["404"]["responseModels"]["application/json"], "Error");
  EXPECT_EQ(resource_at(api, "/books/{id}").methods["PUT"]["requestModels"],
            Json::parse(R"({"application/json": "Book"})"));
}

TEST_F(BooksOas3, CorsOptionsIsAMockWithIntegrationResponses) {
  const Json& options = resource_at(api, "/books").methods["OPTIONS"];
  EXPECT_EQ(options["authorizationType"], "NONE");
  EXPECT_EQ(options["apiKeyRequired"], false);  // security: [] overrides the root api_key
  const Json& integration = options["methodIntegration"];
  EXPECT_EQ(integration["type"], "MOCK");
  EXPECT_FALSE(integration.contains("uri"));
  EXPECT_EQ(integration["requestTemplates"]["application/json"], R"({"statusCode": 200})");
  const Json& response = integration["integrationResponses"]["200"];
  EXPECT_EQ(response["statusCode"], "200");
  EXPECT_FALSE(response.contains("selectionPattern"));
  EXPECT_EQ(response["responseParameters"]["method.response.header.Access-Control-Allow-Methods"],
            "'GET,OPTIONS'");
  EXPECT_EQ(response["responseTemplates"]["application/json"], "");
}

TEST_F(BooksOas3, AwsIntegrationWithSelectionPatterns) {
  const Json& integration = resource_at(api, "/books/{id}").methods["GET"]["methodIntegration"];
  EXPECT_EQ(integration["type"], "AWS");
  EXPECT_EQ(integration["credentials"], "arn:aws:iam::000000000000:role/books-ddb");
  EXPECT_EQ(integration["passthroughBehavior"], "NEVER");
  EXPECT_EQ(integration["cacheKeyParameters"], Json::parse(R"(["method.request.path.id"])"));
  EXPECT_EQ(integration["requestParameters"]["integration.request.header.X-Book-Id"],
            "method.request.path.id");
  EXPECT_EQ(integration["requestTemplates"]["application/json"],
            R"j({"TableName": "books", "Key": {"id": {"S": "$input.params('id')"}}})j");
  EXPECT_EQ(integration["integrationResponses"]["404"]["selectionPattern"], ".*NotFound.*");
  EXPECT_FALSE(integration["integrationResponses"]["200"].contains("selectionPattern"));
  EXPECT_EQ(integration["timeoutInMillis"], 29000);  // the default
}

TEST_F(BooksOas3, HttpIntegrationNumbersAsStatusCodes) {
  const Json& integration = resource_at(api, "/books/{id}").methods["PUT"]["methodIntegration"];
  EXPECT_EQ(integration["type"], "HTTP");
  EXPECT_EQ(integration["httpMethod"], "PUT");
  EXPECT_EQ(integration["contentHandling"], "CONVERT_TO_TEXT");
  EXPECT_EQ(integration["integrationResponses"]["200"]["selectionPattern"], "2\\d{2}");
  EXPECT_EQ(integration["integrationResponses"]["500"]["statusCode"], "500");
}

TEST_F(BooksOas3, AnyMethodOnAGreedyPathIsAnHttpProxy) {
  const Json& any = resource_at(api, "/{proxy+}").methods["ANY"];
  EXPECT_EQ(any["httpMethod"], "ANY");
  EXPECT_EQ(any["methodIntegration"]["type"], "HTTP_PROXY");
  EXPECT_EQ(any["methodIntegration"]["httpMethod"], "ANY");
  EXPECT_EQ(any["methodIntegration"]["uri"], "https://legacy.example.com/{proxy}");
  EXPECT_EQ(any["methodIntegration"]["connectionType"], "INTERNET");
  EXPECT_FALSE(any.contains("methodResponses"));
}

TEST_F(BooksOas3, ModelsKeepTheirSchemasAsJsonText) {
  ASSERT_TRUE(api.models.contains("Book"));
  EXPECT_EQ(api.models["Book"]["contentType"], "application/json");
  const Json schema = Json::parse(api.models["Book"]["schema"].get<std::string>());
  EXPECT_EQ(schema["required"], Json::parse(R"(["id", "title"])"));
  const Json list = Json::parse(api.models["BookList"]["schema"].get<std::string>());
  EXPECT_EQ(list["items"]["$ref"], "#/components/schemas/Book");
}

TEST_F(BooksOas3, JsonBodiesImportTheSame) {
  const Json doc = parse_yaml(read_test_file("books_oas3.yaml"));
  const ImportedApi from_json = import_definition(doc.dump());
  ASSERT_EQ(from_json.resources.size(), api.resources.size());
  for (std::size_t i = 0; i < api.resources.size(); ++i) {
    EXPECT_EQ(from_json.resources[i].path, api.resources[i].path);
    EXPECT_EQ(from_json.resources[i].methods, api.resources[i].methods);
  }
}

TEST(ImportOas3, MinimalDocumentHasOnlyTheRoot) {
  const ImportedApi api = import_definition(R"({"openapi": "3.0.0", "info": {"title": "x"}})");
  EXPECT_EQ(paths_of(api), std::vector<std::string>{"/"});
  EXPECT_EQ(api.api["name"], "x");
}

TEST(ImportOas3, TrailingSlashIsDroppedWithAWarning) {
  const ImportedApi api = import_definition(
      "openapi: 3.0.1\ninfo: {title: t}\npaths:\n  /a/b/:\n    get:\n      responses: {}\n");
  EXPECT_EQ(paths_of(api), (std::vector<std::string>{"/", "/a", "/a/b"}));
  EXPECT_TRUE(resource_at(api, "/a/b").methods.contains("GET"));
  EXPECT_FALSE(api.warnings.empty());
}

TEST(ImportOas3, UnsupportedOperationsAndDefaultResponsesAreWarnings) {
  const ImportedApi api = import_definition(R"(
openapi: 3.0.1
info: {title: t}
paths:
  /a:
    trace:
      responses: {}
    get:
      responses:
        default: {description: anything}
        "200": {description: ok}
      x-amazon-apigateway-integration: {type: mock}
)");
  const Json& a = resource_at(api, "/a").methods;
  EXPECT_FALSE(a.contains("TRACE"));
  EXPECT_EQ(a["GET"]["methodResponses"].size(), 1U);
  EXPECT_GE(api.warnings.size(), 2U);
}

}  // namespace
}  // namespace preflight::apigateway::openapi
