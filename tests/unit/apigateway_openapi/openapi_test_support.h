#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "services/apigateway/openapi/openapi.h"

namespace preflight::apigateway::openapi::testing {

inline std::string read_test_file(const std::string& name) {
  std::ifstream file(std::string(PREFLIGHT_TEST_DATA) + "/apigateway_openapi/" + name);
  std::stringstream buffer;
  buffer << file.rdbuf();
  return buffer.str();
}

// The resource at path, or a failed expectation and an empty one.
inline const ImportedResource& resource_at(const ImportedApi& api, const std::string& path) {
  static const ImportedResource kMissing;
  for (const auto& r : api.resources) {
    if (r.path == path) {
      return r;
    }
  }
  ADD_FAILURE() << "no resource at " << path;
  return kMissing;
}

inline std::vector<std::string> paths_of(const ImportedApi& api) {
  std::vector<std::string> paths;
  for (const auto& r : api.resources) {
    paths.push_back(r.path);
  }
  return paths;
}

inline const Json* authorizer_named(const ImportedApi& api, const std::string& name) {
  for (const auto& a : api.authorizers) {
    if (a.value("name", "") == name) {
      return &a;
    }
  }
  return nullptr;
}

// The message of the ImportError that importing body throws ("" if it does not throw).
inline std::string import_error(std::string_view body) {
  try {
    import_definition(body);
  } catch (const ImportError& e) {
    return e.what();
  }
  return "";
}

}  // namespace preflight::apigateway::openapi::testing
