#include "services/lambda/service.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "emulator/common/crypto.h"
#include "emulator/common/strings.h"
#include "emulator/service/rest_operation.h"
#include "services/lambda/operations.h"

namespace preflight::lambda {
namespace {

using core::Binding;
using core::Location;
using core::ValueType;
using namespace core::rest;  // op, query, header, payload, with

// Requests carry a base64 zip of up to 50 MB (about 70 MB encoded), or a 6 MB payload.
constexpr std::size_t kCodeBodyLimit = 70 * 1024 * 1024;
constexpr std::size_t kInvokeBodyLimit = 8 * 1024 * 1024;
constexpr std::string_view kCodeRoute = "/_preflight/lambda/code/";

const std::vector<Binding> kQualifier = {query("Qualifier", "Qualifier")};
const std::vector<Binding> kPaging = {query("Marker", "Marker"),
                                      query("MaxItems", "MaxItems", ValueType::Integer)};

// Serves a stored zip by the hex of its SHA-256: GetFunction's Code.Location.
void add_code_route(core::Registry& registry, std::shared_ptr<Backend> b) {
  core::RawRoute route;
  route.name = "lambda";
  route.internal = true;
  route.matches = [](const HttpRequest& r) {
    return r.method == "GET" && r.path.starts_with(kCodeRoute);
  };
  route.handle = [b](HttpRequest& r, std::string_view) -> boost::asio::awaitable<HttpResponse> {
    HttpResponse res;
    const std::string hex = r.path.substr(kCodeRoute.size());
    std::optional<std::string> zip;
    if (hex.size() == 64) {
      std::string raw;
      for (std::size_t i = 0; i < 64; i += 2) {
        raw.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
      }
      zip = b->store().code(base64_encode(raw));
    }
    if (!zip) {
      res.status = 404;
      res.headers.add("Content-Type", "text/plain");
      res.body = "No such code.";
      co_return res;
    }
    res.headers.add("Content-Type", "application/zip");
    res.body = std::move(*zip);
    co_return res;
  };
  registry.add_raw_route(std::move(route));
}

// Warm instances idle for longer than lambda.idle-seconds (default 600) are stopped.
void start_idle_sweep(core::Environment& env, std::shared_ptr<Backend> b) {
  const auto idle =
      std::chrono::seconds(std::stoll(env.config.option("lambda.idle-seconds", "600")));
  boost::asio::co_spawn(
      env.executor,
      [b, idle]() -> boost::asio::awaitable<void> {
        boost::asio::steady_timer timer(b->env().executor);
        for (;;) {
          timer.expires_after(std::chrono::seconds(10));
          auto [ec] = co_await timer.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
          if (ec) {
            co_return;
          }
          b->pool().retire_idle(idle);
        }
      },
      boost::asio::detached);
}

}  // namespace

void register_service(core::Registry& registry, core::Environment& env) {
  auto b = std::make_shared<Backend>(env);
  using core::bind_state;
  const std::string fn = "/2015-03-31/functions/{FunctionName}";

  core::ServiceInfo lambda;
  lambda.name = "lambda";
  lambda.protocols = {core::Protocol::RestJson};
  lambda.body_limit = 6 * 1024 * 1024;
  lambda.on_reset = [b] { b->forget_all(); };
  lambda.health = [b] {
    return Json{{"instances", b->pool().instances()}, {"busy", b->pool().busy()}};
  };
  lambda.operations = {
      op("CreateFunction", bind_state(b, &create_function), "POST", "/2015-03-31/functions", 201),
      op("GetFunction", bind_state(b, &get_function), "GET", fn, 200, kQualifier),
      op("GetFunctionConfiguration", bind_state(b, &get_function_configuration), "GET",
         fn + "/configuration", 200, kQualifier),
      op("ListFunctions", bind_state(b, &list_functions), "GET", "/2015-03-31/functions", 200,
         with({query("FunctionVersion", "FunctionVersion"), query("MasterRegion", "MasterRegion")},
              kPaging)),
      op("DeleteFunction", bind_state(b, &delete_function), "DELETE", fn, 204, kQualifier),
      op("UpdateFunctionCode", bind_state(b, &update_function_code), "PUT", fn + "/code"),
      op("UpdateFunctionConfiguration", bind_state(b, &update_function_configuration), "PUT",
         fn + "/configuration"),
      op("PublishVersion", bind_state(b, &publish_version), "POST", fn + "/versions", 201),
      op("ListVersionsByFunction", bind_state(b, &list_versions_by_function), "GET",
         fn + "/versions", 200, kPaging),
      op("CreateAlias", bind_state(b, &create_alias), "POST", fn + "/aliases", 201),
      op("GetAlias", bind_state(b, &get_alias), "GET", fn + "/aliases/{Name}"),
      op("UpdateAlias", bind_state(b, &update_alias), "PUT", fn + "/aliases/{Name}"),
      op("DeleteAlias", bind_state(b, &delete_alias), "DELETE", fn + "/aliases/{Name}", 204),
      op("ListAliases", bind_state(b, &list_aliases), "GET", fn + "/aliases", 200,
         with({query("FunctionVersion", "FunctionVersion")}, kPaging)),
      op("AddPermission", bind_state(b, &add_permission), "POST", fn + "/policy", 201, kQualifier),
      op("RemovePermission", bind_state(b, &remove_permission), "DELETE",
         fn + "/policy/{StatementId}", 204,
         {query("Qualifier", "Qualifier"), query("RevisionId", "RevisionId")}),
      op("GetPolicy", bind_state(b, &get_policy), "GET", fn + "/policy", 200, kQualifier),
      op("PutFunctionConcurrency", bind_state(b, &put_function_concurrency), "PUT",
         "/2017-10-31/functions/{FunctionName}/concurrency"),
      op("GetFunctionConcurrency", bind_state(b, &get_function_concurrency), "GET",
         "/2019-09-30/functions/{FunctionName}/concurrency"),
      op("DeleteFunctionConcurrency", bind_state(b, &delete_function_concurrency), "DELETE",
         "/2017-10-31/functions/{FunctionName}/concurrency", 204),
      op("PutFunctionEventInvokeConfig", bind_state(b, &put_function_event_invoke_config), "PUT",
         "/2019-09-25/functions/{FunctionName}/event-invoke-config", 200, kQualifier),
      op("UpdateFunctionEventInvokeConfig", bind_state(b, &update_function_event_invoke_config),
         "POST", "/2019-09-25/functions/{FunctionName}/event-invoke-config", 200, kQualifier),
      op("GetFunctionEventInvokeConfig", bind_state(b, &get_function_event_invoke_config), "GET",
         "/2019-09-25/functions/{FunctionName}/event-invoke-config", 200, kQualifier),
      op("DeleteFunctionEventInvokeConfig", bind_state(b, &delete_function_event_invoke_config),
         "DELETE", "/2019-09-25/functions/{FunctionName}/event-invoke-config", 204, kQualifier),
      op("TagResource", bind_state(b, &tag_resource), "POST", "/2017-03-31/tags/{Resource}", 204),
      op("UntagResource", bind_state(b, &untag_resource), "DELETE", "/2017-03-31/tags/{Resource}",
         204, {query("TagKeys", "tagKeys", ValueType::StringList)}),
      op("ListTags", bind_state(b, &list_tags), "GET", "/2017-03-31/tags/{Resource}"),
      op("GetAccountSettings", bind_state(b, &get_account_settings), "GET",
         "/2016-08-19/account-settings"),
      op("CreateEventSourceMapping", bind_state(b, &create_event_source_mapping), "POST",
         "/2015-03-31/event-source-mappings", 202),
      op("GetEventSourceMapping", bind_state(b, &get_event_source_mapping), "GET",
         "/2015-03-31/event-source-mappings/{UUID}"),
      op("UpdateEventSourceMapping", bind_state(b, &update_event_source_mapping), "PUT",
         "/2015-03-31/event-source-mappings/{UUID}", 202),
      op("DeleteEventSourceMapping", bind_state(b, &delete_event_source_mapping), "DELETE",
         "/2015-03-31/event-source-mappings/{UUID}", 202),
      op("ListEventSourceMappings", bind_state(b, &list_event_source_mappings), "GET",
         "/2015-03-31/event-source-mappings", 200,
         with({query("EventSourceArn", "EventSourceArn"), query("FunctionName", "FunctionName")},
              kPaging)),
      op("Invoke", bind_state(b, &invoke), "POST", fn + "/invocations", 200,
         {header("InvocationType", "X-Amz-Invocation-Type"),
          header("LogType", "X-Amz-Log-Type"),
          header("ClientContext", "X-Amz-Client-Context"),
          query("Qualifier", "Qualifier"),
          {"Payload", Location::Payload, ""}},
         {{"StatusCode", Location::StatusCode, ""},
          header("FunctionError", "X-Amz-Function-Error"),
          header("LogResult", "X-Amz-Log-Result"),
          header("ExecutedVersion", "X-Amz-Executed-Version"),
          {"Payload", Location::Payload, ""}}),
  };
  for (auto& o : lambda.operations) {
    if (o.name == "CreateFunction" || o.name == "UpdateFunctionCode") {
      o.body_limit = kCodeBodyLimit;
    } else if (o.name == "Invoke") {
      o.body_limit = kInvokeBodyLimit;
    }
  }
  registry.add(std::move(lambda));
  add_code_route(registry, b);
  b->async().resume();
  b->sources().resume();
  start_idle_sweep(env, b);
  env.on_shutdown.push_back([b] {
    b->sources().shutdown();
    b->pool().retire_all();
  });
}

}  // namespace preflight::lambda
