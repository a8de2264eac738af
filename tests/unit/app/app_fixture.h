#pragma once

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <stdexcept>

#include "emulator/app/application.h"
#include "emulator/common/sigv4.h"
#include "emulator/common/time_format.h"
#include "emulator/service/request_context.h"
#include "emulator/storage/database.h"

namespace preflight::core::testing {

// An Application over fake services, driven without sockets: requests go straight to handle().
class AppFixture {
 public:
  AppFixture() : db(":memory:"), env{Config{}, db, io.get_executor()} {
    db.migrate("fake", {"CREATE TABLE fake_items (name TEXT PRIMARY KEY)"});
    registry.add(json_service());
    registry.add(query_service());
  }

  Application& app() {
    if (!app_) {
      app_ = std::make_unique<Application>(env, registry);
    }
    return *app_;
  }

  HttpResponse send(HttpRequest request) {
    auto future =
        boost::asio::co_spawn(io, app().handle(std::move(request)), boost::asio::use_future);
    io.restart();
    io.run();
    return future.get();
  }

  static HttpRequest json_call(std::string_view operation, std::string body = "{}") {
    HttpRequest r;
    r.method = "POST";
    r.path = "/";
    r.headers.add("Host", "localhost:4566");
    r.headers.add("Content-Type", "application/x-amz-json-1.0");
    r.headers.add("X-Amz-Target", "Fake_20200101." + std::string(operation));
    r.body = std::move(body);
    return r;
  }

  static HttpRequest internal(std::string method, std::string path, std::string body = "") {
    HttpRequest r;
    r.method = std::move(method);
    r.set_target(path);
    r.headers.add("Host", "localhost:4566");
    r.body = std::move(body);
    return r;
  }

  static void sign(HttpRequest& r, const std::string& key, const std::string& secret,
                   std::int64_t when = unix_now(), const std::string& token = "") {
    sigv4::sign(r, {key, secret, token}, "eu-west-1", "fake", when);
  }

  boost::asio::io_context io{1};
  Database db;
  Environment env;
  Registry registry;
  int resets = 0;

 private:
  ServiceInfo json_service() {
    ServiceInfo s;
    s.name = "fake";
    s.protocols = {Protocol::Json};
    s.json_target_prefix = "Fake_20200101";
    s.json_error_namespace = "com.fake#";
    s.on_reset = [this] { ++resets; };
    s.operations = {
        {"Echo",
         [](RequestContext& ctx, const Json& in) -> boost::asio::awaitable<Json> {
           co_return Json{{"input", in},
                          {"account", ctx.account_id},
                          {"region", ctx.region},
                          {"requestId", ctx.request_id},
                          {"endpoint", ctx.endpoint_url()}};
         }},
        {"Fail",
         [](RequestContext&, const Json&) -> boost::asio::awaitable<Json> {
           throw AwsError("ThingNotFound", "no such thing", 404);
           co_return Json{};
         }},
        {"Crash",
         [](RequestContext&, const Json&) -> boost::asio::awaitable<Json> {
           throw std::runtime_error("secret internal detail");
           co_return Json{};
         }},
        {"Put",
         [](RequestContext& ctx, const Json& in) -> boost::asio::awaitable<Json> {
           ctx.env.db.query("INSERT INTO fake_items (name) VALUES (?)")
               .bind(1, in.at("Name").get<std::string>())
               .exec();
           co_return Json::object();
         }},
        {"Tiny", nullptr, {}, 16},
    };
    return s;
  }

  static ServiceInfo query_service() {
    ServiceInfo s;
    s.name = "fakeq";
    s.protocols = {Protocol::Query};
    s.query_version = "2020-01-01";
    s.xml_namespace = "https://fakeq.example/doc/2020-01-01/";
    s.operations = {{"Hello", [](RequestContext&, const Json& in) -> boost::asio::awaitable<Json> {
                       co_return Json{{"Greeting", "hello " + in.value("Name", "")}};
                     }}};
    return s;
  }

  std::unique_ptr<Application> app_;
};

inline Json body_json(const HttpResponse& r) {
  return Json::parse(r.body);
}

}  // namespace preflight::core::testing
