#include "emulator/router/router.h"

#include <algorithm>

namespace preflight::core {
namespace {

constexpr std::size_t kInternalBodyLimit = 1024UL * 1024 * 1024;  // restore uploads a database
constexpr std::size_t kUnroutedBodyLimit = 1024 * 1024;

bool is_internal(const HttpRequest& request) {
  const std::string_view path = request.path;
  return path == kInternalPrefix ||
         (path.starts_with(kInternalPrefix) && path[kInternalPrefix.size()] == '/');
}

Route error_route(const ServiceInfo* service, Protocol protocol, AwsError error) {
  Route r;
  r.kind = Route::Kind::Error;
  r.call.service = service;
  r.call.protocol = protocol;
  r.error = std::move(error);
  return r;
}

Route aws_route(const ServiceInfo* service, Protocol protocol, std::string_view operation) {
  Route r;
  r.kind = Route::Kind::Aws;
  r.call.service = service;
  r.call.protocol = protocol;
  r.call.operation = service->find(operation);
  r.call.operation_name = std::string(operation);
  return r;
}

const std::string* find_param(const FormParams& params, std::string_view key) {
  for (const auto& [k, v] : params) {
    if (k == key) {
      return &v;
    }
  }
  return nullptr;
}

const ServiceInfo* by_signing_name(const Registry& registry, std::string_view name) {
  for (const auto& s : registry.services()) {
    if (s->signing_name == name) {
      return s.get();
    }
  }
  return nullptr;
}

}  // namespace

bool is_form_request(const HttpRequest& request) {
  if (starts_with_icase(request.content_type(), "application/x-www-form-urlencoded")) {
    return true;
  }
  return request.method == "GET" && request.body.empty() &&
         (request.query.starts_with("Action=") ||
          request.query.find("&Action=") != std::string::npos);
}

Router::Router(const Registry& registry) : registry_(registry) {
  for (const auto& service : registry.services()) {
    if (service->speaks(Protocol::Json) && !service->json_target_prefix.empty()) {
      by_target_.emplace(service->json_target_prefix, service.get());
    }
    if (service->speaks(Protocol::Query)) {
      query_services_.push_back(service.get());
    }
    if (service->speaks(Protocol::RestJson)) {
      for (const auto& op : service->operations) {
        if (!op.rest.uri.empty()) {
          rest_.push_back({service.get(), &op, UriTemplate(op.rest.uri)});
        }
      }
    }
  }
}

Route Router::route(const HttpRequest& request, std::string_view scope_service) const {
  // Internal endpoints answer on any host, before raw routes that match by host; a service's
  // own /_preflight/<service>/ endpoints (RawRoute::internal) come first of all.
  const bool internal = is_internal(request);
  for (const auto& raw : registry_.raw_routes()) {
    if (raw.internal == internal && raw.matches(request)) {
      Route r;
      r.kind = Route::Kind::Raw;
      r.raw = &raw;
      return r;
    }
  }
  if (internal) {
    Route r;
    r.kind = Route::Kind::Internal;
    return r;
  }
  if (auto target = request.headers.get("x-amz-target")) {
    return route_json(*target);
  }
  if (is_form_request(request)) {
    return route_query(request, scope_service);
  }
  return route_rest(request, scope_service);
}

std::size_t Router::body_limit(const HttpRequest& head, std::string_view scope_service) const {
  const bool internal = is_internal(head);
  for (const auto& raw : registry_.raw_routes()) {
    if (raw.internal == internal && raw.matches(head)) {
      return raw.body_limit;
    }
  }
  if (internal) {
    return kInternalBodyLimit;
  }
  if (!head.headers.contains("x-amz-target") && is_form_request(head)) {
    // The action is in the body: allow the largest query service's limit.
    std::size_t limit = kUnroutedBodyLimit;
    for (const auto* s : query_services_) {
      limit = std::max(limit, s->body_limit);
    }
    return limit;
  }
  const Route r = head.headers.contains("x-amz-target")
                      ? route_json(*head.headers.get("x-amz-target"))
                      : route_rest(head, scope_service);
  if (r.call.service == nullptr) {
    return kUnroutedBodyLimit;
  }
  return r.call.service->body_limit_for(r.call.operation);
}

Route Router::route_json(std::string_view target) const {
  const auto dot = target.rfind('.');
  const auto prefix = target.substr(0, dot == std::string_view::npos ? 0 : dot);
  const auto it = by_target_.find(std::string(prefix));
  if (it == by_target_.end()) {
    return error_route(nullptr, Protocol::Json,
                       errors::not_implemented_service(prefix.empty() ? target : prefix));
  }
  return aws_route(it->second, Protocol::Json, target.substr(dot + 1));
}

const ServiceInfo* Router::pick_query_service(const FormParams& params, std::string_view action,
                                              std::string_view scope_service) const {
  // A signed request names its service; never hand it to a different one.
  if (!scope_service.empty()) {
    for (const auto* s : query_services_) {
      if (s->signing_name == scope_service) {
        return s;
      }
    }
    return nullptr;
  }
  if (const auto* version = find_param(params, "Version")) {
    for (const auto* s : query_services_) {
      if (s->query_version == *version) {
        return s;
      }
    }
  }
  const ServiceInfo* only = nullptr;
  for (const auto* s : query_services_) {
    if (s->find(action) != nullptr) {
      if (only != nullptr) {
        return nullptr;  // ambiguous without a scope or Version
      }
      only = s;
    }
  }
  return only;
}

Route Router::route_query(const HttpRequest& request, std::string_view scope_service) const {
  auto params = parse_form(request.query);
  if (params && starts_with_icase(request.content_type(), "application/x-www-form-urlencoded")) {
    auto body = parse_form(request.body);
    if (!body) {
      params.reset();
    } else {
      params->insert(params->end(), std::make_move_iterator(body->begin()),
                     std::make_move_iterator(body->end()));
    }
  }
  if (!params) {
    return error_route(by_signing_name(registry_, scope_service), Protocol::Query,
                       errors::malformed_query_string("The request body is not a valid "
                                                      "application/x-www-form-urlencoded form."));
  }
  const auto* action = find_param(*params, "Action");
  const auto* service = pick_query_service(*params, action ? *action : "", scope_service);
  if (service == nullptr) {
    if (!scope_service.empty() && by_signing_name(registry_, scope_service) == nullptr) {
      return error_route(nullptr, Protocol::Query, errors::not_implemented_service(scope_service));
    }
    if (action == nullptr) {
      return error_route(nullptr, Protocol::Query, errors::missing_action());
    }
    return error_route(nullptr, Protocol::Query, errors::invalid_action(*action));
  }
  if (action == nullptr) {
    return error_route(service, Protocol::Query, errors::missing_action());
  }
  Route r = aws_route(service, Protocol::Query, *action);
  r.call.params = std::move(*params);
  return r;
}

Route Router::route_rest(const HttpRequest& request, std::string_view scope_service) const {
  const bool scoped = std::any_of(rest_.begin(), rest_.end(), [&](const RestEntry& e) {
    return e.service->signing_name == scope_service;
  });
  FormParams query = parse_form(request.query).value_or(FormParams{});
  const RestEntry* best = nullptr;
  std::optional<UriTemplate::Match> best_match;
  for (const auto& entry : rest_) {
    if ((scoped && entry.service->signing_name != scope_service) ||
        entry.operation->rest.method != request.method) {
      continue;
    }
    auto m = entry.uri.match(request.path, query);
    if (m && (!best_match || m->score > best_match->score)) {
      best = &entry;
      best_match = std::move(m);
    }
  }
  if (best != nullptr) {
    Route r = aws_route(best->service, Protocol::RestJson, best->operation->name);
    r.call.labels = std::move(best_match->labels);
    r.call.params = std::move(query);
    return r;
  }
  const auto what = request.method + " " + request.path;
  if (!scope_service.empty()) {
    if (const auto* s = by_signing_name(registry_, scope_service)) {
      return error_route(s, s->protocols.front(),
                         AwsError("UnknownOperationException", "Unknown operation " + what, 404));
    }
    return error_route(nullptr, Protocol::Json, errors::not_implemented_service(scope_service));
  }
  return error_route(nullptr, Protocol::Json,
                     AwsError("UnknownOperationException",
                              "No AWS operation or Preflight endpoint matches " + what, 404));
}

}  // namespace preflight::core
