#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/common/json.h"

// A deployment's resources as a tree, matched the way API Gateway matches: per segment a literal
// child first, then the {param} child, then a greedy {name+} child (one or more segments);
// within the resource found, the exact method, else ANY.
namespace preflight::apigateway {

struct RouteMatch {
  const Json* resource = nullptr;  // the Resource document
  const Json* method = nullptr;    // its Method, or nullptr when the resource lacks it
  std::map<std::string, std::string> path_parameters;  // decoded
};

class RouteTable {
 public:
  // resources: Resource documents with path and resourceMethods (kept by reference: the table
  // must not outlive them).
  explicit RouteTable(const Json& resources);
  ~RouteTable();
  RouteTable(RouteTable&&) noexcept;

  // raw_path: percent-encoded, starting with '/'. nullopt when no resource matches; a match
  // without a method when the resource exists but has neither the method nor ANY.
  std::optional<RouteMatch> match(std::string_view http_method, std::string_view raw_path) const;

  struct Node;  // one path segment's choices

 private:
  std::unique_ptr<Node> root_;
};

}  // namespace preflight::apigateway
