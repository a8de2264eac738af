#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "emulator/common/http_client.h"
#include "emulator/common/strings.h"
#include "emulator/service/aws_error.h"
#include "emulator/service/environment.h"
#include "emulator/service/service_call.h"
#include "services/apigateway/backend.h"
#include "services/apigateway/exchange.h"
#include "services/apigateway/proxy_event.h"

// Proxy integrations: AWS_PROXY hands the whole request to a Lambda function and its answer
// back; HTTP_PROXY forwards it to a URL. Mapped ones (AWS, HTTP, MOCK) are in
// mapped_integration.cpp.
namespace preflight::apigateway {

boost::asio::awaitable<HttpResponse> integrate_mapped(Exchange& x);

namespace {

using std::chrono::milliseconds;

milliseconds timeout_of(const Json& integration) {
  return milliseconds(integration.value("timeoutInMillis", 29000LL));
}

// What reaches the handler as requestContext: $context without the gateway's own bookkeeping.
Json request_context(const Exchange& x) {
  Json c = x.context;
  c.erase("isCanaryRequest");
  c.erase("error");
  return c;
}

void record_latency(Exchange& x, std::chrono::steady_clock::time_point since, int status) {
  x.context["integrationLatency"] =
      std::chrono::duration_cast<milliseconds>(std::chrono::steady_clock::now() - since).count();
  x.context["integrationStatus"] = status;
}

boost::asio::awaitable<HttpResponse> lambda_proxy(Exchange& x) {
  const Json& api = x.deployment->snapshot["api"];
  const Json binary_types = api.value("binaryMediaTypes", Json::array());
  const std::string path = uri_decode(x.event_path).value_or(x.event_path);
  const Json context = request_context(x);
  ProxyRequest r{x.http,
                 path,
                 (*x.route.resource).value("path", "/"),
                 x.route.path_parameters,
                 x.stage_variables,
                 context,
                 is_binary_media_type(x.http.content_type(), binary_types)};
  std::string payload = proxy_event(r).dump();
  const std::string uri = with_stage_variables(x.integration().value("uri", ""), x.stage_variables);
  const milliseconds timeout = timeout_of(x.integration());
  const auto since = std::chrono::steady_clock::now();
  const LambdaCall call =
      co_await call_lambda(x.backend, x.scope, uri, std::move(payload), timeout);
  switch (call.outcome) {
    case LambdaCall::Outcome::TimedOut:
      record_latency(x, since, 504);
      co_return gateway_response(x, "INTEGRATION_TIMEOUT", "Endpoint request timed out");
    case LambdaCall::Outcome::Failed:
      record_latency(x, since, 500);
      co_return gateway_response(x, "API_CONFIGURATION_ERROR", "Internal server error");
    case LambdaCall::Outcome::FunctionError:
      record_latency(x, since, 200);
      co_return gateway_response(x, "DEFAULT_5XX", "Internal server error", 502);
    case LambdaCall::Outcome::Ok:
      break;
  }
  record_latency(x, since, 200);
  const bool decode = is_binary_media_type(x.http.headers.get_or("accept"), binary_types);
  auto res = proxy_response(call.payload, decode);
  if (!res) {
    co_return gateway_response(x, "DEFAULT_5XX", "Internal server error", 502);
  }
  co_return std::move(*res);
}

// {name} in an HTTP integration URL: the request's path parameter of that name.
std::string with_path_parameters(std::string url,
                                 const std::map<std::string, std::string>& params) {
  for (const auto& [name, value] : params) {
    const std::string label = "{" + name + "}";
    const std::string greedy = "{" + name + "+}";
    for (const auto& l : {greedy, label}) {
      for (auto at = url.find(l); at != std::string::npos; at = url.find(l, at)) {
        const std::string encoded = uri_encode(value, true);
        url.replace(at, l.size(), encoded);
        at += encoded.size();
      }
    }
  }
  return url;
}

boost::asio::awaitable<HttpResponse> http_proxy(Exchange& x) {
  const Json& integration = x.integration();
  std::string url =
      with_path_parameters(with_stage_variables(integration.value("uri", ""), x.stage_variables),
                           x.route.path_parameters);
  if (!x.http.query.empty()) {
    url += (url.find('?') == std::string::npos ? "?" : "&") + x.http.query;
  }
  const auto target = parse_http_url(url);
  if (!target) {
    co_return gateway_response(x, "API_CONFIGURATION_ERROR", "Internal server error");
  }
  HttpRequest forward;
  const std::string method = integration.value("httpMethod", "ANY");
  forward.method = method == "ANY" ? x.http.method : method;
  for (const auto& f : x.http.headers) {
    if (!iequals(f.name, "host") && !iequals(f.name, "connection") &&
        !iequals(f.name, "content-length") && !iequals(f.name, "transfer-encoding")) {
      forward.headers.add(f.name, f.value);
    }
  }
  forward.headers.add("X-Forwarded-For", x.context["identity"].value("sourceIp", ""));
  forward.body = x.http.body;
  const auto since = std::chrono::steady_clock::now();
  try {
    HttpResponse res =
        co_await http_call(x.backend.env().executor, *target, forward, timeout_of(integration));
    record_latency(x, since, res.status);
    res.headers.remove("connection");
    res.headers.remove("transfer-encoding");
    res.headers.remove("content-length");
    co_return res;
  } catch (const HttpClientError& e) {
    record_latency(x, since, 0);
    if (e.timed_out) {
      co_return gateway_response(x, "INTEGRATION_TIMEOUT", "Endpoint request timed out");
    }
    co_return gateway_response(x, "INTEGRATION_FAILURE", "Internal server error", 500);
  }
}

}  // namespace

boost::asio::awaitable<LambdaCall> call_lambda(Backend& b, const Scope& scope, std::string_view uri,
                                               std::string payload, milliseconds timeout) {
  std::string function(uri);
  const auto functions = uri.find("/functions/");
  if (functions != std::string_view::npos) {
    const auto end = uri.find("/invocations", functions);
    function = std::string(uri.substr(functions + 11, end == std::string_view::npos
                                                          ? std::string_view::npos
                                                          : end - functions - 11));
  }
  core::CallerScope caller{scope.account, scope.region};
  const auto parts = split(function, ':');
  if (function.starts_with("arn:aws:lambda:") && parts.size() >= 7) {
    caller = {std::string(parts[4]), std::string(parts[3])};
  }
  struct Pending {
    explicit Pending(const boost::asio::any_io_executor& ex) : timer(ex) {}
    boost::asio::steady_timer timer;
    bool done = false;
    LambdaCall result;
  };
  core::Environment& env = b.env();
  auto pending = std::make_shared<Pending>(env.executor);
  Json input = Json::object();
  input["FunctionName"] = function;
  input["Payload"] = std::move(payload);
  boost::asio::co_spawn(
      env.executor,
      [&env, pending, input = std::move(input), caller]() -> boost::asio::awaitable<void> {
        LambdaCall& r = pending->result;
        try {
          const Json out = co_await core::call_service(env, "lambda", "Invoke", input, caller);
          r.payload = out.value("Payload", "");
          if (out.contains("FunctionError")) {
            r.outcome = LambdaCall::Outcome::FunctionError;
          }
        } catch (const core::AwsError& e) {
          r.outcome = LambdaCall::Outcome::Failed;
          r.error = e.code + ": " + e.message;
        } catch (const std::exception& e) {
          r.outcome = LambdaCall::Outcome::Failed;
          r.error = e.what();
        }
        pending->done = true;
        pending->timer.cancel();
      },
      boost::asio::detached);
  pending->timer.expires_after(timeout);
  if (!pending->done) {
    co_await pending->timer.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
  }
  if (!pending->done) {
    LambdaCall timed_out;
    timed_out.outcome = LambdaCall::Outcome::TimedOut;
    co_return timed_out;
  }
  co_return pending->result;
}

boost::asio::awaitable<HttpResponse> integrate(Exchange& x) {
  const std::string type = x.integration().value("type", "");
  if (type == "AWS_PROXY") {
    co_return co_await lambda_proxy(x);
  }
  if (type == "HTTP_PROXY") {
    co_return co_await http_proxy(x);
  }
  co_return co_await integrate_mapped(x);
}

}  // namespace preflight::apigateway
