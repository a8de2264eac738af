// import_definition: read the document, decide its version, run the import steps, and turn the
// problems they record into one ImportError worded like API Gateway's.
#include <exception>
#include <string>

#include "emulator/common/yaml.h"
#include "services/apigateway/openapi/import_context.h"
#include "services/apigateway/openapi/openapi.h"

namespace preflight::apigateway::openapi {
namespace {

// Definitions are at most a few MB; these bounds keep a hostile one small in memory too.
YamlLimits import_limits() {
  YamlLimits limits;
  limits.max_depth = 64;
  limits.max_nodes = 500'000;
  limits.max_scalar_bytes = 32 << 20;
  return limits;
}

Json parse_body(std::string_view body) {
  try {
    return parse_json_or_yaml(body, import_limits());
  } catch (const YamlError& e) {
    throw ImportError(std::string("Invalid OpenAPI input. ") + e.what());
  }
}

// true for Swagger 2.0, false for OpenAPI 3.0.x; anything else is refused.
bool detect_swagger2(const Json& doc) {
  const Json* swagger = detail::member(doc, "swagger");
  const Json* openapi = detail::member(doc, "openapi");
  if (swagger != nullptr && (*swagger == "2.0" || *swagger == 2.0)) {
    return true;
  }
  if (openapi != nullptr && openapi->is_string() &&
      openapi->get_ref<const std::string&>().starts_with("3.0")) {
    return false;
  }
  if (openapi != nullptr && openapi->is_string()) {
    throw ImportError("Invalid OpenAPI input. Unsupported OpenAPI version " +
                      openapi->get<std::string>() + "; API Gateway REST APIs import 3.0.x");
  }
  throw ImportError(
      "Invalid OpenAPI input. The document declares neither 'openapi: 3.0.x' nor "
      "'swagger: \"2.0\"'");
}

ImportedApi run_import(const Json& doc) {
  ImportedApi out;
  detail::ImportContext ctx{.doc = doc, .swagger2 = detect_swagger2(doc), .out = out};
  detail::import_api_fields(ctx);
  detail::import_models(ctx);
  detail::import_gateway_responses(ctx);
  detail::import_request_validators(ctx);
  detail::import_security_schemes(ctx);
  detail::import_paths(ctx);
  if (!ctx.errors.empty()) {
    std::string message = "Errors found during import:";
    for (const auto& e : ctx.errors) {
      message += "\n\t" + e;
    }
    throw ImportError(message);
  }
  return out;
}

}  // namespace

ImportedApi import_definition(std::string_view body) {
  const Json doc = parse_body(body);
  if (!doc.is_object()) {
    throw ImportError("Invalid OpenAPI input. The document must be a JSON or YAML object");
  }
  try {
    return run_import(doc);
  } catch (const ImportError&) {
    throw;
  } catch (const std::exception& e) {
    // The readers check types first; this is the backstop that keeps the promise anyway.
    throw ImportError(std::string("Invalid OpenAPI input. ") + e.what());
  }
}

}  // namespace preflight::apigateway::openapi
