#include <regex>

#include "emulator/common/http_client.h"
#include "emulator/common/strings.h"
#include "emulator/service/aws_error.h"
#include "emulator/service/environment.h"
#include "emulator/service/service_call.h"
#include "services/apigateway/backend.h"
#include "services/apigateway/exchange.h"
#include "services/apigateway/vtl/template.h"

// Non-proxy integrations: the request goes through a mapping template (Velocity) to MOCK, to a
// Lambda function or another AWS service (AWS), or to a URL (HTTP); the answer is matched to an
// integration response by its selectionPattern and mapped back through that response's template
// and parameters.
namespace preflight::apigateway {
namespace {

using std::chrono::milliseconds;

// What the backend answered, before integration-response mapping.
struct BackendAnswer {
  int status = 200;
  std::string body;
  Headers headers;
  std::string selector;  // what selectionPattern is matched against
};

vtl::Input mapping_input(const Exchange& x, std::string body) {
  vtl::Input in;
  in.body = std::move(body);
  in.path = Json(x.route.path_parameters);
  for (const auto& [k, v] : parse_form(x.http.query).value_or(FormParams{})) {
    in.querystring[k] = v;
  }
  for (const auto& f : x.http.headers) {
    in.header[f.name] = f.value;
  }
  in.context = x.context;
  in.stage_variables = x.stage_variables;
  return in;
}

std::string media_type(std::string_view content_type) {
  const std::string t = to_lower(trim(content_type.substr(0, content_type.find(';'))));
  return t.empty() ? "application/json" : t;
}

// The request template for the request's Content-Type, with passthroughBehavior deciding what a
// request without one gets. nullopt: 415.
std::optional<std::string> request_body(const Exchange& x) {
  const Json& integration = x.integration();
  const Json templates = integration.value("requestTemplates", Json::object());
  const std::string type = media_type(x.http.content_type());
  if (templates.is_object() && templates.contains(type) && templates[type].is_string()) {
    return vtl::render(templates[type].get<std::string>(), mapping_input(x, x.http.body));
  }
  const std::string behavior = integration.value("passthroughBehavior", "WHEN_NO_MATCH");
  const bool none = !templates.is_object() || templates.empty();
  if (behavior == "NEVER" || (behavior == "WHEN_NO_TEMPLATES" && !none)) {
    return std::nullopt;
  }
  return x.http.body;
}

// A requestParameters/responseParameters expression: the request's values, or
// integration.response.header.X from the backend's answer.
std::string parameter_value(const Exchange& x, const BackendAnswer* answer,
                            const std::string& expression) {
  constexpr std::string_view kResponseHeader = "integration.response.header.";
  if (answer != nullptr && expression.starts_with(kResponseHeader)) {
    return std::string(answer->headers.get_or(expression.substr(kResponseHeader.size())));
  }
  return request_value(x, expression).value_or("");
}

boost::asio::awaitable<BackendAnswer> call_aws(Exchange& x, const std::string& uri,
                                               std::string body, milliseconds timeout) {
  BackendAnswer a;
  if (uri.find(":lambda:path/") != std::string::npos) {
    const LambdaCall call = co_await call_lambda(x.backend, x.scope, uri, std::move(body), timeout);
    switch (call.outcome) {
      case LambdaCall::Outcome::Ok:
        a.body = call.payload;
        break;
      case LambdaCall::Outcome::FunctionError: {
        a.body = call.payload;
        const Json error = Json::parse(call.payload, nullptr, false);
        a.selector = error.is_object() ? error.value("errorMessage", "") : "";
        break;
      }
      case LambdaCall::Outcome::TimedOut:
        a.status = 504;
        break;
      case LambdaCall::Outcome::Failed:
        a.status = 500;
        break;
    }
    co_return a;
  }
  // arn:aws:apigateway:REGION:SERVICE:action/ACTION -> the service's operation, in-process.
  const auto parts = split(uri, ':');
  const auto action = uri.find(":action/");
  if (parts.size() < 6 || action == std::string::npos) {
    a.status = 500;
    co_return a;
  }
  const std::string service(parts[4]);
  const std::string operation = uri.substr(action + 8);
  Json input = body.empty() ? Json::object() : Json::parse(body, nullptr, false);
  if (input.is_discarded() || !input.is_object()) {
    a.status = 400;
    a.body = R"({"message":"The request body is not a JSON object"})";
    a.selector = "400";
    co_return a;
  }
  const core::CallerScope scope{x.scope.account, x.scope.region};
  try {
    const Json out = co_await core::call_service(x.backend.env(), service, operation, input, scope);
    a.body = out.dump();
  } catch (const core::AwsError& e) {
    a.status = e.status;
    Json err = Json::object();
    err["__type"] = e.code;
    err["message"] = e.message;
    a.body = err.dump();
  }
  a.selector = std::to_string(a.status);
  co_return a;
}

boost::asio::awaitable<BackendAnswer> call_http(Exchange& x, const std::string& uri,
                                                std::string body, milliseconds timeout) {
  BackendAnswer a;
  const auto url = parse_http_url(uri);
  if (!url) {
    a.status = 500;
    co_return a;
  }
  HttpRequest req;
  const std::string method = x.integration().value("httpMethod", "GET");
  req.method = method == "ANY" ? x.http.method : method;
  req.body = std::move(body);
  req.headers.add("Content-Type", "application/json");
  for (const auto& [name, expr] : member(x.integration(), "requestParameters").items()) {
    constexpr std::string_view prefix = "integration.request.header.";
    if (name.starts_with(prefix) && expr.is_string()) {
      req.headers.set(name.substr(prefix.size()), parameter_value(x, nullptr, expr));
    }
  }
  try {
    HttpResponse res = co_await http_call(x.backend.env().executor, *url, req, timeout);
    a.status = res.status;
    a.body = std::move(res.body);
    a.headers = std::move(res.headers);
  } catch (const HttpClientError& e) {
    a.status = e.timed_out ? 504 : 500;
  }
  a.selector = std::to_string(a.status);
  co_return a;
}

// The integration response whose selectionPattern matches (a full regex match), else the one
// without a pattern (the default).
const Json* select_response(const Json& responses, const std::string& selector) {
  const Json* fallback = nullptr;
  if (!responses.is_object()) {
    return nullptr;
  }
  for (const auto& [code, r] : responses.items()) {
    const std::string pattern = r.value("selectionPattern", "");
    if (pattern.empty()) {
      fallback = fallback ? fallback : &r;
      continue;
    }
    try {
      if (!selector.empty() && std::regex_match(selector, std::regex(pattern))) {
        return &r;
      }
    } catch (const std::regex_error&) {
    }
  }
  return fallback;
}

}  // namespace

boost::asio::awaitable<HttpResponse> integrate_mapped(Exchange& x) {
  const Json& integration = x.integration();
  const std::string type = integration.value("type", "");
  std::optional<std::string> body;
  try {
    body = request_body(x);
  } catch (const vtl::Error&) {
    co_return gateway_response(x, "API_CONFIGURATION_ERROR", "Internal server error");
  }
  if (!body) {
    co_return gateway_response(x, "UNSUPPORTED_MEDIA_TYPE", "Unsupported Media Type");
  }
  const milliseconds timeout(integration.value("timeoutInMillis", 29000LL));
  const std::string uri = with_stage_variables(integration.value("uri", ""), x.stage_variables);
  BackendAnswer answer;
  if (type == "MOCK") {
    // The request template's statusCode chooses the integration response.
    const Json doc = Json::parse(*body, nullptr, false);
    const int status =
        doc.is_object() && doc.contains("statusCode") && doc["statusCode"].is_number_integer()
            ? doc["statusCode"].get<int>()
            : 200;
    answer.status = status;
    answer.selector = std::to_string(status);
  } else if (type == "AWS") {
    answer = co_await call_aws(x, uri, std::move(*body), timeout);
  } else {
    answer = co_await call_http(x, uri, std::move(*body), timeout);
  }
  x.context["integrationStatus"] = answer.status;
  if (type != "MOCK" && (answer.status == 504 || (answer.status == 500 && answer.body.empty()))) {
    co_return answer.status == 504
        ? gateway_response(x, "INTEGRATION_TIMEOUT", "Endpoint request timed out")
        : gateway_response(x, "API_CONFIGURATION_ERROR", "Internal server error");
  }
  if (answer.selector.empty() && type != "AWS") {
    answer.selector = std::to_string(answer.status);
  }
  const Json* chosen =
      select_response(member(integration, "integrationResponses"), answer.selector);
  if (chosen == nullptr) {
    co_return gateway_response(x, "API_CONFIGURATION_ERROR", "Internal server error", 500);
  }
  HttpResponse res;
  const std::string code = chosen->value("statusCode", "200");
  res.status = is_all_digits(code) && !code.empty() ? std::stoi(code) : 200;
  for (const auto& [name, expr] : member(*chosen, "responseParameters").items()) {
    constexpr std::string_view prefix = "method.response.header.";
    if (name.starts_with(prefix) && expr.is_string()) {
      res.headers.add(name.substr(prefix.size()), parameter_value(x, &answer, expr));
    }
  }
  const Json templates = chosen->value("responseTemplates", Json::object());
  std::string content_type = "application/json";
  const std::string accept = media_type(x.http.headers.get_or("accept"));
  const Json* tmpl = nullptr;
  if (templates.is_object() && !templates.empty()) {
    if (templates.contains(accept)) {
      tmpl = &templates[accept];
      content_type = accept;
    } else if (templates.contains("application/json")) {
      tmpl = &templates["application/json"];
    } else {
      tmpl = &*templates.begin();
      content_type = templates.begin().key();
    }
  }
  if (tmpl != nullptr && tmpl->is_string() && !tmpl->get_ref<const std::string&>().empty()) {
    try {
      res.body = vtl::render(tmpl->get<std::string>(), mapping_input(x, answer.body));
    } catch (const vtl::Error&) {
      co_return gateway_response(x, "API_CONFIGURATION_ERROR", "Internal server error");
    }
  } else {
    res.body = std::move(answer.body);
  }
  if (!res.headers.contains("content-type")) {
    res.headers.add("Content-Type", content_type);
  }
  co_return res;
}

}  // namespace preflight::apigateway
