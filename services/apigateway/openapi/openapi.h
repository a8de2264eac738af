#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/common/json.h"
#include "emulator/common/yaml.h"

// OpenAPI 3.0 / Swagger 2.0 definitions <-> API Gateway's own shapes (RestApi, Resource, Method,
// Integration, Authorizer, GatewayResponse, Model, as botocore's apigateway model names them).
// Knows nothing of ids or storage: the service assigns ids and resolves names.
namespace preflight::apigateway::openapi {

struct ImportedResource {
  std::string path;  // "/", "/books", "/books/{id}", "/{proxy+}"
  // "GET" / "ANY" -> Method without ids: httpMethod, authorizationType, authorizerName (the
  // security scheme's name), apiKeyRequired, authorizationScopes, operationName,
  // requestValidatorName, requestParameters, requestModels, methodResponses, methodIntegration.
  Json methods = Json::object();
};

struct ImportedApi {
  // RestApi fields: name, description, version, binaryMediaTypes, apiKeySource,
  // minimumCompressionSize, endpointConfiguration, policy, disableExecuteApiEndpoint, tags.
  Json api = Json::object();
  // Every path and each of its prefixes, sorted, "/" first.
  std::vector<ImportedResource> resources;
  std::vector<Json> authorizers;             // Authorizer shapes without id
  Json gateway_responses = Json::object();   // responseType -> GatewayResponse
  Json models = Json::object();              // name -> Model (schema as JSON text)
  Json request_validators = Json::object();  // name -> {validateRequestBody, ...Parameters}
  std::vector<std::string> warnings;
};

// A definition API Gateway would refuse; the message is the BadRequestException's.
struct ImportError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// JSON or YAML; OpenAPI 3.0.x or Swagger 2.0. Throws ImportError and nothing else on bad input.
ImportedApi import_definition(std::string_view body);

struct ExportInput {
  Json api;                       // RestApi (id, name, description, version, createdDate, ...)
  std::vector<Json> resources;    // Resource: id, path, resourceMethods {METHOD: Method}
  std::vector<Json> authorizers;  // Authorizer with id and name
  Json gateway_responses = Json::object();
  Json models = Json::object();          // name -> Model
  std::vector<Json> request_validators;  // RequestValidator: id, name, validate...
  std::string stage_name;                // servers / basePath
  std::string host;                      // "{apiId}.execute-api.{region}.amazonaws.com"
};

enum class ExportFormat { OpenApi3, Swagger2 };

// extensions as GetExport's `extensions` parameter: "integrations", "authorizers",
// "apigateway" (both), "postman" (treated as none) or "" (plain OpenAPI); comma-separated lists
// are accepted.
Json export_definition(const ExportInput& in, ExportFormat format, std::string_view extensions);

// For Accept: application/yaml.
using ::preflight::to_yaml;

}  // namespace preflight::apigateway::openapi
