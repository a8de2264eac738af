#include "services/apigateway/data_plane.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include <random>

#include "emulator/common/log.h"
#include "emulator/common/strings.h"
#include "emulator/common/time_format.h"
#include "emulator/service/aws_error.h"
#include "emulator/service/environment.h"
#include "emulator/service/request_context.h"
#include "emulator/service/service_call.h"
#include "services/apigateway/backend.h"
#include "services/apigateway/context_vars.h"
#include "services/apigateway/exchange.h"
#include "services/apigateway/gateway_responses.h"
#include "services/apigateway/invoke_target.h"
#include "services/apigateway/operations.h"

namespace preflight::apigateway {
namespace {

constexpr std::string_view kLocalhost = "localhost";

double random_percent() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 100.0)(rng);
}

// "09/Apr/2015:12:34:56 +0000", API Gateway's requestTime.
std::string clf_time(std::int64_t epoch) {
  std::time_t t = static_cast<std::time_t>(epoch);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%d/%b/%Y:%H:%M:%S +0000", &tm);
  return buf;
}

std::string source_ip(const HttpRequest& http) {
  const auto forwarded = http.headers.get_or("x-forwarded-for");
  if (!forwarded.empty()) {
    return std::string(trim(forwarded.substr(0, forwarded.find(','))));
  }
  return "127.0.0.1";
}

// x-amzn-ErrorType for API Gateway's own answers, as AWS sends it.
std::string_view error_type_header(std::string_view type) {
  if (type == "MISSING_AUTHENTICATION_TOKEN")
    return "MissingAuthenticationTokenException";
  if (type == "UNAUTHORIZED")
    return "UnauthorizedException";
  if (type == "ACCESS_DENIED")
    return "AccessDeniedException";
  if (type == "INVALID_API_KEY")
    return "ForbiddenException";
  if (type == "THROTTLED")
    return "TooManyRequestsException";
  if (type == "QUOTA_EXCEEDED")
    return "LimitExceededException";
  if (type == "RESOURCE_NOT_FOUND")
    return "NotFoundException";
  if (type == "INTEGRATION_TIMEOUT" || type == "INTEGRATION_FAILURE" || type == "DEFAULT_5XX" ||
      type == "API_CONFIGURATION_ERROR") {
    return "InternalServerErrorException";
  }
  return {};
}

HttpResponse forbidden() {
  HttpResponse res;
  res.status = 403;
  res.headers.add("Content-Type", "application/json");
  res.headers.add("x-amzn-ErrorType", "ForbiddenException");
  res.body = R"({"message":"Forbidden"})";
  return res;
}

}  // namespace

std::string Exchange::method_arn() const {
  return "arn:aws:execute-api:" + scope.region + ":" + scope.account + ":" + api_id + "/" +
         stage_name + "/" + http.method + path;
}

std::string with_stage_variables(std::string_view text, const Json& variables) {
  constexpr std::string_view open = "${stageVariables.";
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto at = text.find(open, i);
    const auto close = at == std::string_view::npos ? at : text.find('}', at);
    if (close == std::string_view::npos) {
      out.append(text.substr(i));
      break;
    }
    out.append(text.substr(i, at - i));
    const std::string name(text.substr(at + open.size(), close - at - open.size()));
    if (variables.is_object() && variables.contains(name) && variables[name].is_string()) {
      out.append(variables[name].get_ref<const std::string&>());
    }
    i = close + 1;
  }
  return out;
}

HttpResponse gateway_response(Exchange& x, std::string_view type, const Json& message,
                              int status_override) {
  static const Json kNone = Json::object();
  const Json& overrides =
      x.deployment ? x.deployment->snapshot.value("gatewayResponses", kNone) : kNone;
  const Json r = effective_gateway_response(overrides, type);
  HttpResponse res;
  const std::string status = r.value("statusCode", "");
  res.status = status_override != 0 ? status_override : status.empty() ? 500 : std::stoi(status);
  Json& error = x.context["error"];
  error["message"] = message;
  error["messageString"] = message.dump();
  error["responseType"] = type;
  for (const auto& [name, value] : member(r, "responseParameters").items()) {
    constexpr std::string_view prefix = "gatewayresponse.header.";
    if (!name.starts_with(prefix) || !value.is_string()) {
      continue;
    }
    const std::string resolved = request_value(x, value.get<std::string>()).value_or("");
    res.headers.add(name.substr(prefix.size()), resolved);
  }
  const Json templates = r.value("responseTemplates", Json::object());
  std::string body_template = "{\"message\":$context.error.messageString}";
  if (templates.is_object() && !templates.empty()) {
    body_template = templates.contains("application/json")
                        ? templates["application/json"].get<std::string>()
                        : templates.begin()->get<std::string>();
  }
  // Not Velocity: API Gateway substitutes $context and $stageVariables in these templates.
  Json roots = Json::object();
  roots["context"] = x.context;
  roots["stageVariables"] = x.stage_variables;
  res.body = substitute_variables(body_template, roots, "");
  if (!res.headers.contains("content-type")) {
    res.headers.add("Content-Type", "application/json");
  }
  if (const auto header = error_type_header(type); !header.empty()) {
    res.headers.add("x-amzn-ErrorType", std::string(header));
  }
  return res;
}

DataPlane::DataPlane(Backend& b) : b_(b) {}
DataPlane::~DataPlane() = default;

void DataPlane::forget_all() {
  deployments_.clear();
  authorizer_cache_.clear();
  usage_.clear();
  domains_loaded_ = false;
}

void DataPlane::domains_changed() {
  domains_loaded_ = false;
}

bool DataPlane::matches(const HttpRequest& request) {
  if (parse_invoke_target(request)) {
    return true;
  }
  const std::string host = host_name(request);
  if (host.empty() || host == kLocalhost || host == "127.0.0.1" || host.front() == '[') {
    return false;
  }
  if (!domains_loaded_) {
    domains_.clear();
    for (auto& name : b_.store().all_domain_names()) {
      domains_.insert(to_lower(name));
    }
    domains_loaded_ = true;
  }
  return domains_.contains(host);
}

bool DataPlane::resolve(Exchange& x) {
  if (auto target = parse_invoke_target(x.http)) {
    auto scope = b_.store().locate_api(target->api_id);
    if (!scope) {
      return false;
    }
    x.scope = std::move(*scope);
    x.api_id = std::move(target->api_id);
    x.stage_name = std::move(target->stage);
    x.path = std::move(target->path);
    x.event_path = x.path;
    x.context_path = "/" + x.stage_name + (x.path == "/" ? "" : x.path);
  } else {
    // A custom domain: the base path mapping whose base path is the first segment, else the
    // "(none)" mapping; a mapping without a stage takes the stage from the next segment.
    auto domain = b_.store().locate_domain(host_name(x.http));
    if (!domain) {
      return false;
    }
    x.scope = domain->first;
    const std::string parent = "domain:" + domain->second["domainName"].get<std::string>();
    auto [first, rest] = first_segment(x.http.path);
    auto mapping =
        b_.store().get(x.scope, kind::base_path, parent, uri_decode(first).value_or(first));
    std::string path = rest;
    if (!mapping || first.empty()) {
      mapping = b_.store().get(x.scope, kind::base_path, parent, "(none)");
      path = x.http.path.empty() ? "/" : x.http.path;
    }
    if (!mapping) {
      return false;
    }
    x.api_id = mapping->value("restApiId", "");
    x.stage_name = mapping->value("stage", "");
    if (x.stage_name.empty()) {
      auto [stage, after] = first_segment(path);
      x.stage_name = std::move(stage);
      path = std::move(after);
    }
    x.path = std::move(path);
    x.event_path = x.http.path;
    x.context_path = x.http.path;
  }
  x.domain_name = std::string(x.http.headers.get_or("host"));
  auto stage = b_.store().get(x.scope, kind::stage, x.api_id, x.stage_name);
  if (!stage) {
    return false;
  }
  x.stage = std::move(*stage);
  x.stage_variables = x.stage.value("variables", Json::object());
  std::string deployment_id = x.stage.value("deploymentId", "");
  bool canary = false;
  if (x.stage.contains("canarySettings") && x.stage["canarySettings"].is_object()) {
    const Json& c = x.stage["canarySettings"];
    const double percent = c.value("percentTraffic", 0.0);
    if (percent > 0 && random_percent() < percent) {
      canary = true;
      deployment_id = c.value("deploymentId", deployment_id);
      for (const auto& [k, v] : member(c, "stageVariableOverrides").items()) {
        x.stage_variables[k] = v;
      }
    }
  }
  x.deployment = compiled(x, deployment_id);
  if (!x.deployment) {
    return false;
  }
  x.context["isCanaryRequest"] = canary;
  return true;
}

std::shared_ptr<const CompiledDeployment> DataPlane::compiled(Exchange& x, const std::string& id) {
  if (const auto it = deployments_.find(id); it != deployments_.end()) {
    return it->second;
  }
  auto doc = b_.store().get(x.scope, kind::deployment, x.api_id, id);
  if (!doc) {
    return nullptr;
  }
  auto d = std::make_shared<CompiledDeployment>();
  d->id = id;
  d->snapshot = std::move((*doc)["_snapshot"]);
  d->routes = std::make_unique<RouteTable>(d->snapshot["resources"]);
  for (const auto& a : member(d->snapshot, "authorizers")) {
    d->authorizers[a.value("id", "")] = a;
  }
  deployments_[id] = d;
  return d;
}

boost::asio::awaitable<HttpResponse> DataPlane::handle(HttpRequest& request,
                                                       std::string_view request_id) {
  Exchange x{b_, request, std::string(request_id)};
  if (!resolve(x)) {
    co_return forbidden();
  }
  const auto now_ms = unix_now_ms();
  Json& c = x.context;
  c["accountId"] = x.scope.account;
  c["apiId"] = x.api_id;
  c["stage"] = x.stage_name;
  c["deploymentId"] = x.deployment->id;
  c["requestId"] = x.request_id;
  c["extendedRequestId"] = x.request_id;
  c["requestTime"] = clf_time(now_ms / 1000);
  c["requestTimeEpoch"] = now_ms;
  c["protocol"] = "HTTP/1.1";
  c["httpMethod"] = request.method;
  c["domainName"] = x.domain_name;
  c["domainPrefix"] = x.domain_name.substr(0, x.domain_name.find('.'));
  c["path"] = x.context_path;
  c["identity"] = Json{{"cognitoIdentityPoolId", nullptr},
                       {"accountId", nullptr},
                       {"cognitoIdentityId", nullptr},
                       {"caller", nullptr},
                       {"sourceIp", source_ip(request)},
                       {"principalOrgId", nullptr},
                       {"accessKey", nullptr},
                       {"cognitoAuthenticationType", nullptr},
                       {"cognitoAuthenticationProvider", nullptr},
                       {"userArn", nullptr},
                       {"userAgent", std::string(request.headers.get_or("user-agent"))},
                       {"user", nullptr}};
  auto match = x.deployment->routes->match(request.method, x.path);
  HttpResponse res;
  if (!match || match->method == nullptr) {
    res = gateway_response(x, "MISSING_AUTHENTICATION_TOKEN", "Missing Authentication Token");
  } else {
    x.route = std::move(*match);
    c["resourceId"] = (*x.route.resource).value("id", "");
    c["resourcePath"] = (*x.route.resource).value("path", "/");
    if (auto denied = co_await authorize(x)) {
      res = std::move(*denied);
    } else if (auto refused = check_api_key(x)) {
      res = std::move(*refused);
    } else {
      res = co_await integrate(x);
    }
  }
  res.headers.set("x-amzn-RequestId", x.request_id);
  res.headers.set("x-amz-apigw-id", x.request_id.substr(0, 16));
  write_access_log(x, res);
  co_return res;
}

void DataPlane::write_access_log(Exchange& x, const HttpResponse& res) {
  const Json settings = x.stage.value("accessLogSettings", Json::object());
  const std::string arn = settings.value("destinationArn", "");
  const std::string format = settings.value("format", "");
  // arn:aws:logs:REGION:ACCOUNT:log-group:NAME[:*]
  const auto at = arn.find(":log-group:");
  if (format.empty() || !arn.starts_with("arn:aws:logs:") || at == std::string::npos) {
    return;
  }
  std::string group = arn.substr(at + 11);
  if (group.ends_with(":*")) {
    group.resize(group.size() - 2);
  }
  const auto parts = split(arn, ':');
  core::CallerScope scope{parts.size() > 4 ? std::string(parts[4]) : x.scope.account,
                          parts.size() > 3 ? std::string(parts[3]) : x.scope.region};
  Json& c = x.context;
  c["status"] = res.status;
  c["responseLength"] = res.body.size();
  c["responseLatency"] = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::steady_clock::now() - x.started)
                             .count();
  std::string line = substitute_context(format, c);
  // One stream per stage, as API Gateway keeps its own streams in the group.
  std::string stream = x.api_id + "_" + x.stage_name;
  core::Environment& env = b_.env();
  boost::asio::co_spawn(
      env.executor,
      [&env, scope, group, stream, line]() -> boost::asio::awaitable<void> {
        Json event = Json::object();
        event["timestamp"] = unix_now_ms();
        event["message"] = line;
        Json put = Json::object();
        put["logGroupName"] = group;
        put["logStreamName"] = stream;
        put["logEvents"] = Json::array({event});
        for (int attempt = 0; attempt < 2; ++attempt) {
          try {
            co_await core::call_service(env, "logs", "PutLogEvents", put, scope);
            co_return;
          } catch (const core::AwsError& e) {
            if (attempt > 0 || e.message.find("stream") == std::string::npos) {
              log::warn("apigateway: access log to " + group + " failed: " + e.message);
              co_return;
            }
          }
          Json create = Json::object();
          create["logGroupName"] = group;
          create["logStreamName"] = stream;
          try {
            co_await core::call_service(env, "logs", "CreateLogStream", create, scope);
          } catch (const core::AwsError&) {
          }
        }
      },
      boost::asio::detached);
}

void add_execute_api_routes(core::Registry& registry, std::shared_ptr<Backend> b) {
  core::RawRoute route;
  route.name = "execute-api";
  route.body_limit = 10 * 1024 * 1024;
  route.matches = [b](const HttpRequest& r) { return b->data_plane().matches(r); };
  route.handle = [b](HttpRequest& r,
                     std::string_view request_id) -> boost::asio::awaitable<HttpResponse> {
    return b->data_plane().handle(r, request_id);
  };
  registry.add_raw_route(std::move(route));
}

}  // namespace preflight::apigateway
