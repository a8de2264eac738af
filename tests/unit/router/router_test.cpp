#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "emulator/common/strings.h"
#include "emulator/router/router.h"
#include "emulator/service/aws_error.h"
#include "emulator/service/registry.h"

namespace preflight::core {
namespace {

constexpr std::size_t kMiB = 1024 * 1024;

// Handlers are left empty: the router never calls them.
Operation op(std::string name, std::size_t body_limit = 0) {
  Operation o;
  o.name = std::move(name);
  o.body_limit = body_limit;
  return o;
}

Operation rest_op(std::string name, std::string method, std::string uri,
                  std::size_t body_limit = 0) {
  Operation o = op(std::move(name), body_limit);
  o.rest.method = std::move(method);
  o.rest.uri = std::move(uri);
  return o;
}

Registry make_registry() {
  Registry registry;

  ServiceInfo json;
  json.name = "fakejson";
  json.signing_name = "fake";
  json.protocols = {Protocol::Json};
  json.json_target_prefix = "Fake_20200101";
  json.body_limit = 2 * kMiB;
  json.operations = {op("Op"), op("BigOp", 50 * kMiB)};
  registry.add(std::move(json));

  ServiceInfo qa;
  qa.name = "qa";
  qa.protocols = {Protocol::Query};
  qa.query_version = "2011-06-15";
  qa.body_limit = 3 * kMiB;
  qa.operations = {op("Shared"), op("OnlyA")};
  registry.add(std::move(qa));

  ServiceInfo qb;
  qb.name = "qb";
  qb.protocols = {Protocol::Query};
  qb.query_version = "2012-11-05";
  qb.body_limit = 5 * kMiB;
  qb.operations = {op("Shared"), op("OnlyB")};
  registry.add(std::move(qb));

  ServiceInfo rest;
  rest.name = "restsvc";
  rest.protocols = {Protocol::RestJson};
  rest.body_limit = 6 * kMiB;
  rest.operations = {
      rest_op("ListThings", "GET", "/things"),
      rest_op("GetThing", "GET", "/things/{Id}"),
      rest_op("GetSpecialThing", "GET", "/things/special"),
      rest_op("ImportThings", "PUT", "/things?mode=import", 70 * kMiB),
      rest_op("PutThing", "PUT", "/things/{Id}"),
      rest_op("GetFile", "GET", "/files/{Path+}"),
      rest_op("NotRouted", "GET", ""),  // no URI: never routed by path
  };
  registry.add(std::move(rest));

  RawRoute raw;
  raw.name = "execute-api";
  raw.matches = [](const HttpRequest& r) {
    const auto host = r.headers.get_or("host");
    return host == "x.execute-api.localhost" || host.starts_with("x.execute-api.localhost:");
  };
  raw.body_limit = 10 * kMiB + 1;
  registry.add_raw_route(std::move(raw));

  RawRoute codes;
  codes.name = "codes";
  codes.internal = true;
  codes.matches = [](const HttpRequest& r) { return r.path.starts_with("/_preflight/svc/"); };
  registry.add_raw_route(std::move(codes));
  return registry;
}

class RouterTest : public ::testing::Test {
 protected:
  Registry registry_ = make_registry();
  Router router_{registry_};

  Route route(const HttpRequest& r, std::string_view scope = "") const {
    return router_.route(r, scope);
  }
};

HttpRequest request(std::string method, std::string target, std::string body = "") {
  HttpRequest r;
  r.method = std::move(method);
  r.set_target(target);
  r.headers.add("Host", "localhost:4566");
  r.body = std::move(body);
  return r;
}

HttpRequest json_request(std::string target, std::string body = "{}") {
  HttpRequest r = request("POST", "/", std::move(body));
  r.headers.add("Content-Type", "application/x-amz-json-1.0");
  r.headers.add("X-Amz-Target", std::move(target));
  return r;
}

HttpRequest form_request(std::string body, std::string target = "/") {
  HttpRequest r = request("POST", std::move(target), std::move(body));
  r.headers.add("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
  return r;
}

// ---------------------------------------------------------------- internal and raw

TEST_F(RouterTest, InternalEndpoints) {
  for (const std::string target : {"/_preflight/health", "/_preflight", "/_preflight/reset?x=1"}) {
    SCOPED_TRACE(target);
    EXPECT_EQ(route(request("GET", target)).kind, Route::Kind::Internal);
  }
  // Internal endpoints come before raw routes and AWS calls.
  auto r = request("GET", "/_preflight/health");
  r.headers.set("Host", "x.execute-api.localhost");
  r.headers.add("X-Amz-Target", "Fake_20200101.Op");
  EXPECT_EQ(route(r).kind, Route::Kind::Internal);

  EXPECT_NE(route(request("GET", "/_preflightx")).kind, Route::Kind::Internal);
  // A service's own internal route claims its path, on any host; other raw routes see none.
  for (const std::string host : {"localhost", "x.execute-api.localhost"}) {
    auto own = request("GET", "/_preflight/svc/codes");
    own.headers.set("Host", host);
    const Route routed = route(own);
    ASSERT_EQ(routed.kind, Route::Kind::Raw);
    EXPECT_EQ(routed.raw->name, "codes");
  }
  auto health = request("GET", "/_preflight/health");
  EXPECT_EQ(route(health).kind, Route::Kind::Internal);
  EXPECT_NE(route(request("GET", "/svc/codes")).kind, Route::Kind::Raw);
  EXPECT_NE(route(request("GET", "/api/_preflight/health")).kind, Route::Kind::Internal);
}

TEST_F(RouterTest, RawRouteBeforeAwsCalls) {
  for (auto r : {request("GET", "/things"), json_request("Fake_20200101.Op"),
                 form_request("Action=OnlyA")}) {
    r.headers.set("Host", "x.execute-api.localhost:4566");
    const Route routed = route(r, "qa");
    ASSERT_EQ(routed.kind, Route::Kind::Raw);
    ASSERT_NE(routed.raw, nullptr);
    EXPECT_EQ(routed.raw->name, "execute-api");
  }
}

// ---------------------------------------------------------------- json

TEST_F(RouterTest, JsonTarget) {
  const Route r = route(json_request("Fake_20200101.Op"));
  ASSERT_EQ(r.kind, Route::Kind::Aws);
  EXPECT_EQ(r.call.protocol, Protocol::Json);
  ASSERT_NE(r.call.service, nullptr);
  EXPECT_EQ(r.call.service->name, "fakejson");
  ASSERT_NE(r.call.operation, nullptr);
  EXPECT_EQ(r.call.operation->name, "Op");
  EXPECT_EQ(r.call.operation_name, "Op");
  EXPECT_FALSE(r.error.has_value());
}

TEST_F(RouterTest, JsonTargetWinsOverSigningScope) {
  const Route r = route(json_request("Fake_20200101.Op"), "restsvc");
  ASSERT_EQ(r.kind, Route::Kind::Aws);
  EXPECT_EQ(r.call.service->name, "fakejson");
}

TEST_F(RouterTest, JsonUnknownOperation) {
  const Route r = route(json_request("Fake_20200101.Nope"));
  ASSERT_EQ(r.kind, Route::Kind::Aws);
  EXPECT_EQ(r.call.protocol, Protocol::Json);
  ASSERT_NE(r.call.service, nullptr);
  EXPECT_EQ(r.call.service->name, "fakejson");
  EXPECT_EQ(r.call.operation, nullptr);
  EXPECT_EQ(r.call.operation_name, "Nope");
}

TEST_F(RouterTest, JsonUnknownPrefix) {
  for (const std::string target : {"DynamoDB_20120810.GetItem", "NoDotAtAll", "Fake_20200101"}) {
    SCOPED_TRACE(target);
    const Route r = route(json_request(target));
    ASSERT_EQ(r.kind, Route::Kind::Error);
    ASSERT_TRUE(r.error.has_value());
    EXPECT_EQ(r.error->code, "NotImplemented");
    EXPECT_EQ(r.error->status, 501);
    EXPECT_EQ(r.call.protocol, Protocol::Json);
    EXPECT_EQ(r.call.service, nullptr);
  }
}

// ---------------------------------------------------------------- query

TEST_F(RouterTest, QueryServiceChoice) {
  struct Case {
    std::string body;
    std::string scope;
    std::string service;
  };
  const std::vector<Case> cases = {
      // SigV4 scope first, even against Version.
      {"Action=Shared", "qa", "qa"},
      {"Action=Shared", "qb", "qb"},
      {"Action=Shared&Version=2012-11-05", "qa", "qa"},
      // Then Version.
      {"Action=Shared&Version=2011-06-15", "", "qa"},
      {"Action=Shared&Version=2012-11-05", "", "qb"},
      // Then the only service having the action.
      {"Action=OnlyA", "", "qa"},
      {"Action=OnlyB", "", "qb"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.body + " scope=" + c.scope);
    const Route r = route(form_request(c.body), c.scope);
    ASSERT_EQ(r.kind, Route::Kind::Aws);
    EXPECT_EQ(r.call.protocol, Protocol::Query);
    ASSERT_NE(r.call.service, nullptr);
    EXPECT_EQ(r.call.service->name, c.service);
    ASSERT_NE(r.call.operation, nullptr);
    EXPECT_EQ(r.call.operation->name, r.call.operation_name);
  }
}

TEST_F(RouterTest, QueryUnknownActionInAChosenService) {
  const Route r = route(form_request("Action=OnlyB&Version=2011-06-15"));
  ASSERT_EQ(r.kind, Route::Kind::Aws);
  EXPECT_EQ(r.call.service->name, "qa");
  EXPECT_EQ(r.call.operation, nullptr);
  EXPECT_EQ(r.call.operation_name, "OnlyB");
}

TEST_F(RouterTest, QueryAmbiguousOrUnknownActionIsAnError) {
  for (const std::string body : {"Action=Shared", "Action=Nowhere"}) {
    SCOPED_TRACE(body);
    const Route r = route(form_request(body));
    ASSERT_EQ(r.kind, Route::Kind::Error);
    ASSERT_TRUE(r.error.has_value());
    EXPECT_EQ(r.error->code, "InvalidAction");
    EXPECT_EQ(r.error->status, 400);
    EXPECT_EQ(r.call.protocol, Protocol::Query);
  }
}

TEST_F(RouterTest, QueryParamsCarryTheWholeForm) {
  const Route r =
      route(form_request("Action=OnlyA&Version=2011-06-15&QueueName=a+b&Attribute.1.Name=x%3Dy",
                         "/123456789012/q?Extra=1"));
  ASSERT_EQ(r.kind, Route::Kind::Aws);
  const FormParams expected = {{"Extra", "1"},
                               {"Action", "OnlyA"},
                               {"Version", "2011-06-15"},
                               {"QueueName", "a b"},
                               {"Attribute.1.Name", "x=y"}};
  EXPECT_EQ(r.call.params, expected);
}

TEST_F(RouterTest, QueryByGet) {
  const Route r = route(request("GET", "/?Version=2012-11-05&Action=Shared&Name=n"));
  ASSERT_EQ(r.kind, Route::Kind::Aws);
  EXPECT_EQ(r.call.protocol, Protocol::Query);
  EXPECT_EQ(r.call.service->name, "qb");
  EXPECT_EQ(r.call.operation_name, "Shared");
  const FormParams expected = {{"Version", "2012-11-05"}, {"Action", "Shared"}, {"Name", "n"}};
  EXPECT_EQ(r.call.params, expected);

  const Route first = route(request("GET", "/?Action=OnlyA"));
  ASSERT_EQ(first.kind, Route::Kind::Aws);
  EXPECT_EQ(first.call.service->name, "qa");
}

TEST_F(RouterTest, FormContentTypeIsCaseInsensitive) {
  auto r = request("POST", "/", "Action=OnlyA");
  r.headers.add("content-type", "Application/X-WWW-Form-Urlencoded");
  EXPECT_TRUE(is_form_request(r));
  const Route routed = route(r);
  ASSERT_EQ(routed.kind, Route::Kind::Aws);
  EXPECT_EQ(routed.call.protocol, Protocol::Query);
}

TEST_F(RouterTest, QueryBadPercentEscape) {
  for (const auto& [body, target] : std::vector<std::pair<std::string, std::string>>{
           {"Action=OnlyA&QueueName=%zz", "/"},
           {"Action=OnlyA&QueueName=%4", "/"},
           {"Action=OnlyA", "/?Bad=%g1"},
       }) {
    SCOPED_TRACE(body + " " + target);
    const Route r = route(form_request(body, target), "qa");
    ASSERT_EQ(r.kind, Route::Kind::Error);
    ASSERT_TRUE(r.error.has_value());
    EXPECT_EQ(r.error->code, "MalformedQueryString");
    EXPECT_EQ(r.error->status, 400);
    EXPECT_EQ(r.call.protocol, Protocol::Query);
    ASSERT_NE(r.call.service, nullptr);  // the scope's service writes the error
    EXPECT_EQ(r.call.service->name, "qa");
  }
  const Route unsigned_ = route(form_request("Action=OnlyA&X=%zz"));
  ASSERT_EQ(unsigned_.kind, Route::Kind::Error);
  EXPECT_EQ(unsigned_.error->code, "MalformedQueryString");
  EXPECT_EQ(unsigned_.call.protocol, Protocol::Query);
}

TEST_F(RouterTest, QueryMissingAction) {
  struct Case {
    std::string body;
    std::string scope;
    const char* service;  // who writes the error, or nullptr
  };
  const std::vector<Case> cases = {
      {"QueueName=q", "", nullptr},
      {"", "", nullptr},
      {"QueueName=q", "qa", "qa"},
      {"QueueName=q&Version=2012-11-05", "", "qb"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.body + " scope=" + c.scope);
    const Route r = route(form_request(c.body), c.scope);
    ASSERT_EQ(r.kind, Route::Kind::Error);
    ASSERT_TRUE(r.error.has_value());
    EXPECT_EQ(r.error->code, "MissingAction");
    EXPECT_EQ(r.error->status, 400);
    EXPECT_EQ(r.call.protocol, Protocol::Query);
    if (c.service == nullptr) {
      EXPECT_EQ(r.call.service, nullptr);
    } else {
      ASSERT_NE(r.call.service, nullptr);
      EXPECT_EQ(r.call.service->name, c.service);
    }
  }
}

TEST_F(RouterTest, QueryWithUnknownScopeIsNotImplemented) {
  const Route r = route(form_request("Action=Nowhere"), "sns");
  ASSERT_EQ(r.kind, Route::Kind::Error);
  EXPECT_EQ(r.error->code, "NotImplemented");
  EXPECT_EQ(r.error->status, 501);
}

// ---------------------------------------------------------------- rest-json

TEST_F(RouterTest, RestJsonByTemplate) {
  struct Case {
    std::string method;
    std::string target;
    std::string operation;
    PathLabels labels = {};
  };
  const std::vector<Case> cases = {
      {"GET", "/things", "ListThings"},
      {"GET", "/things/", "ListThings"},  // a trailing slash the template lacks is ignored
      {"GET", "/things/abc", "GetThing", {{"Id", "abc"}}},
      {"GET", "/things/a%3Ab", "GetThing", {{"Id", "a:b"}}},
      {"GET", "/things/special", "GetSpecialThing"},  // a literal beats a label
      {"PUT", "/things?mode=import", "ImportThings"},
      {"PUT", "/things?failonwarnings=true&mode=import", "ImportThings"},
      {"PUT", "/things/t1", "PutThing", {{"Id", "t1"}}},
      {"GET", "/files/a", "GetFile", {{"Path", "a"}}},
      {"GET", "/files/dir/sub/file.txt", "GetFile", {{"Path", "dir/sub/file.txt"}}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.method + " " + c.target);
    for (const std::string scope : {"", "restsvc"}) {
      const Route r = route(request(c.method, c.target), scope);
      ASSERT_EQ(r.kind, Route::Kind::Aws);
      EXPECT_EQ(r.call.protocol, Protocol::RestJson);
      ASSERT_NE(r.call.service, nullptr);
      EXPECT_EQ(r.call.service->name, "restsvc");
      ASSERT_NE(r.call.operation, nullptr);
      EXPECT_EQ(r.call.operation->name, c.operation);
      EXPECT_EQ(r.call.operation_name, c.operation);
      EXPECT_EQ(r.call.labels, c.labels);
    }
  }
}

TEST_F(RouterTest, RestJsonParamsCarryTheUrlQuery) {
  const Route r = route(request("GET", "/things?maxItems=10&marker=a%20b&name=x&name=y"));
  ASSERT_EQ(r.kind, Route::Kind::Aws);
  EXPECT_EQ(r.call.operation_name, "ListThings");
  const FormParams expected = {{"maxItems", "10"}, {"marker", "a b"}, {"name", "x"}, {"name", "y"}};
  EXPECT_EQ(r.call.params, expected);
}

TEST_F(RouterTest, RestJsonUnmatchedInTheScopesService) {
  for (const auto& [method, target] : std::vector<std::pair<std::string, std::string>>{
           {"GET", "/nowhere"},
           {"PUT", "/things"},  // the query literal is missing
           {"DELETE", "/things/1"},
           {"GET", "/files/"},
           {"GET", "/things//"},
       }) {
    SCOPED_TRACE(method + " " + target);
    const Route r = route(request(method, target), "restsvc");
    ASSERT_EQ(r.kind, Route::Kind::Error);
    ASSERT_TRUE(r.error.has_value());
    EXPECT_EQ(r.error->code, "UnknownOperationException");
    EXPECT_EQ(r.error->status, 404);
    ASSERT_NE(r.call.service, nullptr);
    EXPECT_EQ(r.call.service->name, "restsvc");
    EXPECT_EQ(r.call.protocol, Protocol::RestJson);
  }
}

TEST_F(RouterTest, UnmatchedWithAnUnknownScopeIsNotImplemented) {
  const Route r = route(request("GET", "/bucket/key"), "s3");
  ASSERT_EQ(r.kind, Route::Kind::Error);
  ASSERT_TRUE(r.error.has_value());
  EXPECT_EQ(r.error->code, "NotImplemented");
  EXPECT_EQ(r.error->status, 501);
  EXPECT_EQ(r.call.service, nullptr);
}

TEST_F(RouterTest, UnmatchedWithAKnownNonRestScopeUsesThatServicesProtocol) {
  const Route r = route(request("GET", "/nowhere"), "fake");
  ASSERT_EQ(r.kind, Route::Kind::Error);
  EXPECT_EQ(r.error->code, "UnknownOperationException");
  EXPECT_EQ(r.error->status, 404);
  ASSERT_NE(r.call.service, nullptr);
  EXPECT_EQ(r.call.service->name, "fakejson");
  EXPECT_EQ(r.call.protocol, Protocol::Json);
}

TEST_F(RouterTest, UnmatchedUnsignedIs404) {
  for (const std::string target : {"/nowhere", "/", "/favicon.ico"}) {
    SCOPED_TRACE(target);
    const Route r = route(request("GET", target));
    ASSERT_EQ(r.kind, Route::Kind::Error);
    ASSERT_TRUE(r.error.has_value());
    EXPECT_EQ(r.error->code, "UnknownOperationException");
    EXPECT_EQ(r.error->status, 404);
    EXPECT_EQ(r.call.service, nullptr);
  }
}

// ---------------------------------------------------------------- body limits

TEST_F(RouterTest, BodyLimits) {
  struct Case {
    std::string name;
    HttpRequest head;
    std::string scope;
    std::size_t limit;
  };
  auto raw = request("POST", "/things");
  raw.headers.set("Host", "x.execute-api.localhost");
  const std::vector<Case> cases = {
      {"internal", request("POST", "/_preflight/snapshot"), "", 1024 * kMiB},
      {"raw route", raw, "", 10 * kMiB + 1},
      {"json service limit", json_request("Fake_20200101.Op", ""), "", 2 * kMiB},
      {"json operation limit", json_request("Fake_20200101.BigOp", ""), "", 50 * kMiB},
      {"json unknown operation", json_request("Fake_20200101.Nope", ""), "", 2 * kMiB},
      {"json unknown prefix", json_request("Other.Op", ""), "", 1 * kMiB},
      {"form: the largest query service", form_request(""), "", 5 * kMiB},
      {"rest service limit", request("PUT", "/things/1"), "", 6 * kMiB},
      {"rest operation limit", request("PUT", "/things?mode=import"), "restsvc", 70 * kMiB},
      {"unrouted", request("PUT", "/nowhere"), "", 1 * kMiB},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(router_.body_limit(c.head, c.scope), c.limit);
  }
}

}  // namespace
}  // namespace preflight::core
