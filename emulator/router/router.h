#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "emulator/common/http_message.h"
#include "emulator/common/strings.h"
#include "emulator/router/uri_template.h"
#include "emulator/service/aws_error.h"
#include "emulator/service/registry.h"

namespace preflight::core {

// An AWS API call the router recognised. operation is null when the service is known but the
// operation is not: the dispatcher answers with that protocol's unknown-operation error.
struct AwsCall {
  const ServiceInfo* service = nullptr;
  Protocol protocol = Protocol::Json;
  const Operation* operation = nullptr;
  std::string operation_name;  // as the request named it
  PathLabels labels;           // rest-json path labels
  FormParams params;           // query protocol: URL + form parameters; rest-json: URL query
};

struct Route {
  enum class Kind { Internal, Raw, Aws, Error };
  Kind kind = Kind::Error;
  const RawRoute* raw = nullptr;
  AwsCall call;  // Kind::Aws; for Kind::Error, service/protocol say how to write the error
  std::optional<AwsError> error;
};

inline constexpr std::string_view kInternalPrefix = "/_preflight";

// Decides what a request is, in the order ARCHITECTURE.md gives: internal endpoints, raw routes,
// then AWS API calls by X-Amz-Target, query-protocol form, or rest-json URI template (narrowed by
// the SigV4 credential scope's service when the request is signed).
class Router {
 public:
  explicit Router(const Registry& registry);

  Route route(const HttpRequest& request, std::string_view scope_service) const;
  // Decided from the request line and headers alone, before the body is read.
  std::size_t body_limit(const HttpRequest& head, std::string_view scope_service) const;

 private:
  struct RestEntry {
    const ServiceInfo* service;
    const Operation* operation;
    UriTemplate uri;
  };

  Route route_json(std::string_view target) const;
  Route route_query(const HttpRequest& request, std::string_view scope_service) const;
  Route route_rest(const HttpRequest& request, std::string_view scope_service) const;
  const ServiceInfo* pick_query_service(const FormParams& params, std::string_view action,
                                        std::string_view scope_service) const;

  const Registry& registry_;
  std::unordered_map<std::string, const ServiceInfo*> by_target_;
  std::vector<const ServiceInfo*> query_services_;
  std::vector<RestEntry> rest_;
};

bool is_form_request(const HttpRequest& request);

}  // namespace preflight::core
