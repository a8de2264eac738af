#include <gtest/gtest.h>

#include "tests/unit/app/app_fixture.h"

namespace preflight::core {
namespace {

using testing::AppFixture;
using testing::body_json;

TEST(Application, AnswersAJsonCallWithARequestId) {
  AppFixture f;
  const auto res = f.send(AppFixture::json_call("Echo", R"({"Name":"x"})"));
  ASSERT_EQ(res.status, 200);
  EXPECT_EQ(res.headers.get_or("content-type"), "application/x-amz-json-1.0");
  const auto body = body_json(res);
  EXPECT_EQ(body["input"]["Name"], "x");
  EXPECT_EQ(body["requestId"], res.headers.get_or("x-amzn-RequestId"));
  EXPECT_EQ(body["requestId"].get<std::string>().size(), 36u);
  EXPECT_EQ(body["endpoint"], "http://localhost:4566");
}

TEST(Application, UnsignedCallsUseTheDefaultAccountAndRegion) {
  AppFixture f;
  f.env.config.region = "ap-south-1";
  const auto body = body_json(f.send(AppFixture::json_call("Echo")));
  EXPECT_EQ(body["account"], "000000000000");
  EXPECT_EQ(body["region"], "ap-south-1");
}

TEST(Application, SignedCallsTakeAccountFromA12DigitKeyAndRegionFromTheScope) {
  AppFixture f;
  auto req = AppFixture::json_call("Echo");
  AppFixture::sign(req, "123456789012", "whatever");
  const auto body = body_json(f.send(std::move(req)));
  EXPECT_EQ(body["account"], "123456789012");
  EXPECT_EQ(body["region"], "eu-west-1");
}

TEST(Application, HandlerErrorsBecomeAwsErrors) {
  AppFixture f;
  const auto res = f.send(AppFixture::json_call("Fail"));
  EXPECT_EQ(res.status, 404);
  EXPECT_EQ(body_json(res)["__type"], "com.fake#ThingNotFound");
  EXPECT_EQ(body_json(res)["message"], "no such thing");
  EXPECT_TRUE(res.headers.contains("x-amzn-RequestId"));
}

TEST(Application, UnexpectedExceptionsBecomeInternalFailureWithoutDetails) {
  AppFixture f;
  const auto res = f.send(AppFixture::json_call("Crash"));
  EXPECT_EQ(res.status, 500);
  EXPECT_EQ(body_json(res)["__type"], "com.fake#InternalFailure");
  EXPECT_EQ(res.body.find("secret internal detail"), std::string::npos);
  // The process keeps serving.
  EXPECT_EQ(f.send(AppFixture::json_call("Echo")).status, 200);
}

TEST(Application, UnknownOperationAndMalformedJson) {
  AppFixture f;
  auto res = f.send(AppFixture::json_call("NoSuchThing"));
  EXPECT_EQ(res.status, 400);
  EXPECT_EQ(body_json(res)["__type"], "com.fake#UnknownOperationException");
  res = f.send(AppFixture::json_call("Echo", "{\"unterminated"));
  EXPECT_EQ(res.status, 400);
  EXPECT_EQ(body_json(res)["__type"], "com.fake#SerializationException");
  res = f.send(AppFixture::json_call("Echo", std::string("\x00\xff\xfe garbage", 12)));
  EXPECT_EQ(res.status, 400);
}

TEST(Application, UnknownServiceIsNotImplemented) {
  AppFixture f;
  auto req = AppFixture::json_call("Echo");
  req.headers.set("X-Amz-Target", "DynamoDB_20120810.ListTables");
  const auto res = f.send(std::move(req));
  EXPECT_EQ(res.status, 501);
  EXPECT_EQ(body_json(res)["__type"], "NotImplemented");
}

TEST(Application, QueryProtocolRoundTrip) {
  AppFixture f;
  auto req = AppFixture::internal("POST", "/", "Action=Hello&Version=2020-01-01&Name=bob");
  req.headers.add("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
  const auto res = f.send(std::move(req));
  ASSERT_EQ(res.status, 200);
  EXPECT_NE(res.body.find("<HelloResult><Greeting>hello bob</Greeting></HelloResult>"),
            std::string::npos);
}

TEST(Application, TooLargeAnswersInTheRoutesProtocol) {
  AppFixture f;
  const auto head = AppFixture::json_call("Tiny");
  EXPECT_EQ(f.app().body_limit(head), 16u);
  EXPECT_EQ(f.app().body_limit(AppFixture::json_call("Echo")), 8u * 1024 * 1024);
  const auto res = f.app().too_large(head, 16);
  EXPECT_EQ(res.status, 413);
  EXPECT_EQ(body_json(res)["__type"], "com.fake#RequestEntityTooLarge");
}

// ---- --strict-auth ----

TEST(StrictAuth, RejectsUnsignedWrongSecretUnknownKeyAndStaleRequests) {
  AppFixture f;
  f.env.config.strict_auth = true;
  auto res = f.send(AppFixture::json_call("Echo"));
  EXPECT_EQ(res.status, 400);
  EXPECT_EQ(body_json(res)["__type"], "com.fake#MissingAuthenticationTokenException");

  auto req = AppFixture::json_call("Echo");
  AppFixture::sign(req, "test", "wrong-secret");
  res = f.send(std::move(req));
  EXPECT_EQ(body_json(res)["__type"], "com.fake#InvalidSignatureException");

  req = AppFixture::json_call("Echo");
  AppFixture::sign(req, "nobody", "test");
  res = f.send(std::move(req));
  EXPECT_EQ(body_json(res)["__type"], "com.fake#UnrecognizedClientException");

  req = AppFixture::json_call("Echo");
  AppFixture::sign(req, "test", "test", unix_now() - 16 * 60);
  res = f.send(std::move(req));
  EXPECT_EQ(body_json(res)["__type"], "com.fake#InvalidSignatureException");
  EXPECT_TRUE(body_json(res)["message"].get<std::string>().starts_with("Signature expired"));
}

TEST(StrictAuth, AcceptsTheRightSecretAndChecksBeforeTheOperationRuns) {
  AppFixture f;
  f.env.config.strict_auth = true;
  auto req = AppFixture::json_call("Echo");
  AppFixture::sign(req, "test", "test");
  EXPECT_EQ(f.send(std::move(req)).status, 200);

  // A rejected request must not have run its handler.
  req = AppFixture::json_call("Put", R"({"Name":"x"})");
  AppFixture::sign(req, "test", "wrong");
  EXPECT_EQ(f.send(std::move(req)).status, 400);
  auto q = f.db.query("SELECT count(*) FROM fake_items");
  ASSERT_TRUE(q.step());
  EXPECT_EQ(q.int64(0), 0);
}

TEST(StrictAuth, ConfiguredCredentialsReplaceTheDefault) {
  AppFixture f;
  f.env.config.strict_auth = true;
  f.env.config.credentials = {{"AKIDEXAMPLE", "s3cr3t"}};
  auto req = AppFixture::json_call("Echo");
  AppFixture::sign(req, "AKIDEXAMPLE", "s3cr3t");
  EXPECT_EQ(f.send(std::move(req)).status, 200);
  req = AppFixture::json_call("Echo");
  AppFixture::sign(req, "test", "test");
  EXPECT_EQ(body_json(f.send(std::move(req)))["__type"], "com.fake#UnrecognizedClientException");
}

TEST(StrictAuth, IssuedTemporaryCredentialsNeedTheirTokenAndExpire) {
  AppFixture f;
  f.env.config.strict_auth = true;
  std::int64_t expiration = unix_now() + 3600;
  f.env.issued_credentials = [&](std::string_view key) -> std::optional<IssuedCredential> {
    if (key != "ASIATEMPORARYKEY01") {
      return std::nullopt;
    }
    return IssuedCredential{"temp-secret", "the-token", "999988887777", expiration};
  };
  auto req = AppFixture::json_call("Echo");
  AppFixture::sign(req, "ASIATEMPORARYKEY01", "temp-secret", unix_now(), "the-token");
  auto res = f.send(std::move(req));
  ASSERT_EQ(res.status, 200);
  EXPECT_EQ(body_json(res)["account"], "999988887777");

  req = AppFixture::json_call("Echo");
  AppFixture::sign(req, "ASIATEMPORARYKEY01", "temp-secret", unix_now(), "another-token");
  EXPECT_EQ(body_json(f.send(std::move(req)))["__type"], "com.fake#UnrecognizedClientException");

  expiration = unix_now() - 1;
  req = AppFixture::json_call("Echo");
  AppFixture::sign(req, "ASIATEMPORARYKEY01", "temp-secret", unix_now(), "the-token");
  EXPECT_EQ(body_json(f.send(std::move(req)))["__type"], "com.fake#ExpiredTokenException");
}

}  // namespace
}  // namespace preflight::core
