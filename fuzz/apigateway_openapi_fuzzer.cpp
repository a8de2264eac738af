// libFuzzer target: API Gateway's OpenAPI / Swagger import (JSON or YAML). import_definition may
// refuse input only with an ImportError. What it accepts must export (both dialects, every
// extension set) and import again: a definition API Gateway took must survive its own export.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>

#include "services/apigateway/openapi/openapi.h"

namespace {

namespace openapi = preflight::apigateway::openapi;
using preflight::Json;

// The stored form the service would keep: ids for authorizers, names resolved to them.
openapi::ExportInput stored_form(const openapi::ImportedApi& imported) {
  openapi::ExportInput in;
  in.api = imported.api;
  in.stage_name = "fuzz";
  in.host = "fuzz.execute-api.us-east-1.amazonaws.com";
  in.gateway_responses = imported.gateway_responses;
  in.models = imported.models;
  for (const Json& a : imported.authorizers) {
    in.authorizers.push_back(a);
    in.authorizers.back()["id"] = a.value("name", "");
  }
  for (const auto& [name, v] : imported.request_validators.items()) {
    in.request_validators.push_back(v);
    in.request_validators.back()["id"] = name;
  }
  for (const auto& r : imported.resources) {
    Json methods = r.methods;
    for (auto& [verb, method] : methods.items()) {
      if (method.contains("authorizerName")) {
        method["authorizerId"] = method["authorizerName"];
      }
    }
    in.resources.push_back({{"path", r.path}, {"resourceMethods", methods}});
  }
  return in;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  openapi::ImportedApi imported;
  try {
    imported = openapi::import_definition(body);
  } catch (const openapi::ImportError&) {
    return 0;
  }
  const openapi::ExportInput stored = stored_form(imported);
  for (const auto format : {openapi::ExportFormat::OpenApi3, openapi::ExportFormat::Swagger2}) {
    for (const char* extensions : {"", "authorizers", "apigateway"}) {
      const Json doc = openapi::export_definition(stored, format, extensions);
      const std::string yaml = openapi::to_yaml(doc);
      if (std::string_view(extensions) == "apigateway") {
        try {
          const auto again = openapi::import_definition(yaml);
          if (again.resources.size() != imported.resources.size()) {
            std::abort();  // the export lost or invented resources
          }
        } catch (const openapi::ImportError&) {
          std::abort();  // an accepted definition's own export was refused
        }
      }
    }
  }
  return 0;
}
