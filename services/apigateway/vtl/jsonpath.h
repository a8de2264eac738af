#pragma once

// The JSONPath that $input.path and $input.json take (Jayway JsonPath in API Gateway), the part
// mapping templates use: $, .name, ['name'], [n] (negative from the end), [a,b], [from:to], *,
// ..name (recursive descent) and a trailing .length(). Filters ([?(...)]) are not supported.

#include <optional>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace preflight::apigateway::vtl {

struct PathMatch {
  // A definite path (no *, .., slices or unions) names one value; the others yield a list.
  bool definite = true;
  std::vector<const nlohmann::ordered_json*> values;
  // Set by .length(): the size of each match instead of the match.
  std::optional<std::vector<std::int64_t>> lengths;
};

// nullopt when the path does not parse.
std::optional<PathMatch> select_json(const nlohmann::ordered_json& root, std::string_view path);

}  // namespace preflight::apigateway::vtl
