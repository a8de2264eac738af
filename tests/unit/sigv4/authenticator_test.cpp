#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "emulator/auth/authenticator.h"
#include "emulator/common/crypto.h"
#include "emulator/common/sigv4.h"
#include "emulator/common/strings.h"
#include "emulator/common/time_format.h"
#include "emulator/service/aws_error.h"
#include "tests/unit/support/aws_error.h"

namespace preflight::core {
namespace {

constexpr std::string_view kKey = "AKIAIOSFODNN7EXAMPLE";
constexpr std::string_view kSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
constexpr std::int64_t kNow = 1700000000;  // 2023-11-14T22:13:20Z
constexpr std::int64_t kMinute = 60;

Authenticator authenticator(std::string_view secret = kSecret) {
  return Authenticator(
      std::map<std::string, std::string>{{std::string(kKey), std::string(secret)}});
}

HttpRequest json_request() {
  HttpRequest request;
  request.method = "POST";
  request.set_target("/some/path?b=2&a=1");
  request.headers.add("Host", "localhost:4566");
  request.headers.add("Content-Type", "application/x-amz-json-1.0");
  request.headers.add("X-Amz-Target", "DynamoDB_20120810.ListTables");
  request.body = R"({"Limit":10})";
  return request;
}

HttpRequest signed_request(std::int64_t signed_at = kNow) {
  auto request = json_request();
  sigv4::sign(request, {std::string(kKey), std::string(kSecret), ""}, "us-east-1", "dynamodb",
              signed_at);
  return request;
}

void verify(const HttpRequest& request, Protocol protocol = Protocol::Json, std::int64_t now = kNow,
            std::string_view secret = kSecret) {
  authenticator(secret).verify(request, sigv4::parse(request), protocol, now);
}

using testing::thrown_aws_error;

struct Expected {
  Protocol protocol;
  const char* code;
  int status;
};

// What authenticator.cpp sends for each failure, per protocol family.
const std::vector<Expected> kMismatch = {{Protocol::Json, "InvalidSignatureException", 400},
                                         {Protocol::Query, "SignatureDoesNotMatch", 403},
                                         {Protocol::RestJson, "InvalidSignatureException", 403}};
const std::vector<Expected> kUnknownKey = {
    {Protocol::Json, "UnrecognizedClientException", 400},
    {Protocol::Query, "InvalidClientTokenId", 403},
    {Protocol::RestJson, "UnrecognizedClientException", 403}};
const std::vector<Expected> kMissing = {
    {Protocol::Json, "MissingAuthenticationTokenException", 400},
    {Protocol::Query, "MissingAuthenticationToken", 403},
    {Protocol::RestJson, "MissingAuthenticationTokenException", 403}};
const std::vector<Expected> kIncomplete = {
    {Protocol::Json, "IncompleteSignatureException", 400},
    {Protocol::Query, "IncompleteSignature", 400},
    {Protocol::RestJson, "IncompleteSignatureException", 403}};

void expect_rejected(const HttpRequest& request, const std::vector<Expected>& expected,
                     std::int64_t now = kNow, std::string_view secret = kSecret,
                     std::string_view message_prefix = {}) {
  for (const auto& e : expected) {
    SCOPED_TRACE(std::string(protocol_name(e.protocol)));
    const auto error = thrown_aws_error([&] { verify(request, e.protocol, now, secret); });
    EXPECT_EQ(error.code, e.code);
    EXPECT_EQ(error.status, e.status);
    EXPECT_TRUE(error.sender_fault);
    EXPECT_TRUE(error.message.starts_with(message_prefix)) << error.message;
  }
}

TEST(SignAndVerify, SignedRequestIsAcceptedUnderEveryProtocol) {
  const auto request = signed_request();
  EXPECT_TRUE(request.headers.contains("authorization"));
  EXPECT_EQ(request.headers.get("x-amz-date"), amz_date(kNow));
  for (const auto protocol : {Protocol::Json, Protocol::Query, Protocol::RestJson}) {
    EXPECT_NO_THROW(verify(request, protocol));
  }
}

TEST(SignAndVerify, SignedHeadersAreEveryHeaderLowerCased) {
  const auto parsed = sigv4::parse(signed_request());
  ASSERT_TRUE(std::holds_alternative<sigv4::Authorization>(parsed));
  const auto& auth = std::get<sigv4::Authorization>(parsed);
  EXPECT_EQ(auth.signed_headers,
            (std::vector<std::string>{"content-type", "host", "x-amz-date", "x-amz-target"}));
  EXPECT_EQ(auth.credential.scope(),
            amz_date(kNow).substr(0, 8) + "/us-east-1/dynamodb/aws4_request");
}

TEST(SignAndVerify, ResigningReplacesTheOldSignature) {
  auto request = signed_request(kNow - 100 * kMinute);
  sigv4::sign(request, {std::string(kKey), std::string(kSecret), ""}, "us-east-1", "dynamodb",
              kNow);
  std::size_t authorizations = 0;
  for (const auto& field : request.headers) {
    authorizations += iequals(field.name, "authorization") ? 1 : 0;
  }
  EXPECT_EQ(authorizations, 1u);
  EXPECT_NO_THROW(verify(request));
}

TEST(SignAndVerify, SessionTokenIsSentAndSigned) {
  auto request = json_request();
  sigv4::sign(request, {std::string(kKey), std::string(kSecret), "session-token"}, "us-east-1",
              "dynamodb", kNow);
  EXPECT_EQ(request.headers.get("x-amz-security-token"), "session-token");
  const auto parsed = sigv4::parse(request);
  ASSERT_TRUE(std::holds_alternative<sigv4::Authorization>(parsed));
  EXPECT_EQ(std::get<sigv4::Authorization>(parsed).security_token, "session-token");
  EXPECT_NO_THROW(verify(request));

  request.headers.set("X-Amz-Security-Token", "another-token");
  expect_rejected(request, kMismatch);
}

TEST(SignAndVerify, UnsignedHeadersAndHeaderNameCaseDoNotMatter) {
  auto request = signed_request();
  request.headers.add("User-Agent", "added after signing");
  EXPECT_NO_THROW(verify(request));

  auto renamed = signed_request();
  const auto target = std::string(*renamed.headers.get("x-amz-target"));
  renamed.headers.remove("X-Amz-Target");
  renamed.headers.add("x-amz-target", target);
  EXPECT_NO_THROW(verify(renamed));
}

TEST(SignAndVerify, TamperedBodyIsRejected) {
  auto request = signed_request();
  request.body = R"({"Limit":11})";
  expect_rejected(request, kMismatch, kNow, kSecret, "The request signature we calculated");
}

// x-amz-content-sha256 is trusted only when signed, and only to say UNSIGNED-PAYLOAD: an unsigned
// header carrying the original body's hash must not let a swapped body through.
TEST(SignAndVerify, UnsignedPayloadHashHeaderCannotCoverATamperedBody) {
  auto request = signed_request();
  const auto original_hash = sha256_hex(request.body);
  request.body = R"({"Limit":99})";
  request.headers.add("X-Amz-Content-Sha256", original_hash);
  expect_rejected(request, kMismatch);
}

TEST(SignAndVerify, SignedUnsignedPayloadHeaderIsHonoured) {
  auto request = json_request();
  request.headers.add("X-Amz-Content-Sha256", std::string(sigv4::kUnsignedPayload));
  // sign() hashes the body; rebuild the signature over UNSIGNED-PAYLOAD as S3-style clients do.
  sigv4::sign(request, {std::string(kKey), std::string(kSecret), ""}, "us-east-1", "dynamodb",
              kNow);
  const auto parsed = std::get<sigv4::Authorization>(sigv4::parse(request));
  const auto creq = sigv4::canonical_request(request, parsed.signed_headers,
                                             sigv4::kUnsignedPayload, false, false);
  const auto key = sigv4::signing_key(kSecret, parsed.credential.date, "us-east-1", "dynamodb");
  const auto signature = sigv4::signature(
      key, sigv4::string_to_sign(parsed.amz_date, parsed.credential.scope(), creq));
  auto header = std::string(request.headers.get_or("authorization"));
  header.replace(header.rfind('=') + 1, std::string::npos, signature);
  request.headers.set("Authorization", header);
  EXPECT_NO_THROW(verify(request));
  request.body = "changed";  // the client chose not to sign the payload
  EXPECT_NO_THROW(verify(request));
}

TEST(SignAndVerify, ScopeDateMustMatchTheRequestDate) {
  auto request = signed_request();
  request.headers.set("X-Amz-Date", amz_date(kNow + 24 * 3600));
  expect_rejected(request, kMismatch, kNow + 24 * 3600, kSecret,
                  "Date in Credential scope does not match");
}

TEST(SignAndVerify, TamperedSignedHeaderIsRejected) {
  auto request = signed_request();
  request.headers.set("X-Amz-Target", "DynamoDB_20120810.DeleteTable");
  expect_rejected(request, kMismatch);
}

TEST(SignAndVerify, TamperedPathIsRejected) {
  auto request = signed_request();
  request.path = "/some/other";
  expect_rejected(request, kMismatch);
}

TEST(SignAndVerify, TamperedQueryOrMethodIsRejected) {
  auto query = signed_request();
  query.query = "b=2&a=2";
  expect_rejected(query, kMismatch);

  auto method = signed_request();
  method.method = "PUT";
  expect_rejected(method, kMismatch);
}

TEST(SignAndVerify, RemovedSignedHeaderIsRejected) {
  auto request = signed_request();
  request.headers.remove("Content-Type");
  expect_rejected(request, kMismatch);
}

TEST(SignAndVerify, DifferentSecretIsRejected) {
  expect_rejected(signed_request(), kMismatch, kNow, "a-different-secret");
}

TEST(SignAndVerify, UnknownAccessKeyIsRejected) {
  auto request = json_request();
  sigv4::sign(request, {"AKIDUNKNOWN", std::string(kSecret), ""}, "us-east-1", "dynamodb", kNow);
  expect_rejected(request, kUnknownKey, kNow, kSecret,
                  "The security token included in the request is invalid");
}

TEST(SignAndVerify, UnsignedRequestIsMissingAuthentication) {
  expect_rejected(json_request(), kMissing, kNow, kSecret,
                  "Request is missing Authentication Token");
}

TEST(SignAndVerify, MalformedAuthorizationIsIncomplete) {
  auto request = signed_request();
  request.headers.set("Authorization",
                      "AWS4-HMAC-SHA256 Credential=AKID/20231114/us-east-1/s/x, "
                      "SignedHeaders=host, Signature=abc");
  expect_rejected(request, kIncomplete, kNow, kSecret, "Credential should be scoped");

  request.headers.set("Authorization", "AWS4-HMAC-SHA256 SignedHeaders=host");
  expect_rejected(request, kIncomplete, kNow, kSecret, "Authorization header requires");
}

TEST(SignAndVerify, MissingDateIsIncomplete) {
  auto request = signed_request();
  request.headers.remove("X-Amz-Date");
  expect_rejected(request, kIncomplete, kNow, kSecret,
                  "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date'");

  auto garbled = signed_request();
  garbled.headers.set("X-Amz-Date", "not-a-date");
  expect_rejected(garbled, kIncomplete);
}

TEST(SignAndVerify, DateHeaderStandsInForXAmzDate) {
  // Signed by hand: the string to sign uses the Date header converted to yyyymmddThhmmssZ.
  HttpRequest request;
  request.method = "GET";
  request.set_target("/");
  request.headers.add("Host", "localhost");
  request.headers.add("Date", http_date(kNow));
  const sigv4::CredentialScope scope{std::string(kKey), amz_date(kNow).substr(0, 8), "us-east-1",
                                     "sqs"};
  const std::vector<std::string> names{"date", "host"};
  const auto creq = sigv4::canonical_request(request, names, sha256_hex(""), false, false);
  const auto sts = sigv4::string_to_sign(amz_date(kNow), scope.scope(), creq);
  const auto key = sigv4::signing_key(kSecret, scope.date, scope.region, scope.service);
  request.headers.add("Authorization",
                      "AWS4-HMAC-SHA256 Credential=" + std::string(kKey) + "/" + scope.scope() +
                          ", SignedHeaders=date;host, Signature=" + sigv4::signature(key, sts));
  EXPECT_NO_THROW(verify(request, Protocol::Query));
  expect_rejected(request, kMismatch, kNow, "a-different-secret");
}

TEST(SignAndVerify, ClockSkewOfFourteenMinutesIsAccepted) {
  EXPECT_NO_THROW(verify(signed_request(kNow - 14 * kMinute)));
  EXPECT_NO_THROW(verify(signed_request(kNow + 14 * kMinute)));
  // Exactly 15 minutes is still within the limit; one second more is not.
  EXPECT_NO_THROW(verify(signed_request(kNow - 15 * kMinute)));
  EXPECT_NO_THROW(verify(signed_request(kNow + 15 * kMinute)));
  expect_rejected(signed_request(kNow - 15 * kMinute - 1), kMismatch, kNow, kSecret,
                  "Signature expired");
  expect_rejected(signed_request(kNow + 15 * kMinute + 1), kMismatch, kNow, kSecret,
                  "Signature not yet current");
}

TEST(SignAndVerify, SignatureSixteenMinutesOldHasExpired) {
  const auto request = signed_request(kNow - 16 * kMinute);
  expect_rejected(request, kMismatch, kNow, kSecret, "Signature expired");
  const auto error = thrown_aws_error([&] { verify(request); });
  EXPECT_EQ(error.message, "Signature expired: " + amz_date(kNow - 16 * kMinute) +
                               " is now earlier than " + amz_date(kNow - 15 * kMinute) + " (" +
                               amz_date(kNow) + " - 15 min.)");
}

TEST(SignAndVerify, SignatureSixteenMinutesAheadIsNotYetCurrent) {
  const auto request = signed_request(kNow + 16 * kMinute);
  expect_rejected(request, kMismatch, kNow, kSecret, "Signature not yet current");
  const auto error = thrown_aws_error([&] { verify(request); });
  EXPECT_EQ(error.message, "Signature not yet current: " + amz_date(kNow + 16 * kMinute) +
                               " is still later than " + amz_date(kNow + 15 * kMinute) + " (" +
                               amz_date(kNow) + " + 15 min.)");
}

// A presigned URL as SDKs build it: the query carries the authorization, the payload is
// UNSIGNED-PAYLOAD, and X-Amz-Signature is appended last.
HttpRequest presigned_request(std::int64_t signed_at, std::int64_t expires,
                              std::string_view secret = kSecret) {
  HttpRequest request;
  request.method = "GET";
  request.headers.add("Host", "localhost:4566");
  const auto date = amz_date(signed_at);
  const sigv4::CredentialScope scope{std::string(kKey), date.substr(0, 8), "us-east-1", "sqs"};
  request.set_target(
      "/000000000000/queue?Action=ReceiveMessage"
      "&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=" +
      uri_encode(std::string(kKey) + "/" + scope.scope()) + "&X-Amz-Date=" + date +
      "&X-Amz-Expires=" + std::to_string(expires) + "&X-Amz-SignedHeaders=host");
  const auto creq = sigv4::canonical_request(request, {"host"}, sigv4::kUnsignedPayload,
                                             /*collapse_slashes=*/false, /*presigned=*/true);
  const auto sts = sigv4::string_to_sign(date, scope.scope(), creq);
  const auto key = sigv4::signing_key(secret, scope.date, scope.region, scope.service);
  request.query += "&X-Amz-Signature=" + sigv4::signature(key, sts);
  return request;
}

TEST(Presigned, ValidUntilItExpires) {
  const auto request = presigned_request(kNow, 300);
  const auto parsed = sigv4::parse(request);
  ASSERT_TRUE(std::holds_alternative<sigv4::Authorization>(parsed));
  EXPECT_TRUE(std::get<sigv4::Authorization>(parsed).presigned);
  EXPECT_EQ(std::get<sigv4::Authorization>(parsed).expires, 300);
  for (const auto protocol : {Protocol::Json, Protocol::Query, Protocol::RestJson}) {
    EXPECT_NO_THROW(verify(request, protocol, kNow));
    EXPECT_NO_THROW(verify(request, protocol, kNow + 300));
  }
  expect_rejected(request, kMismatch, kNow + 301, kSecret, "Request has expired");
}

TEST(Presigned, LongLivedUrlOutlivesTheClockSkewWindow) {
  const auto request = presigned_request(kNow, 3600);
  EXPECT_NO_THROW(verify(request, Protocol::Query, kNow + 59 * kMinute));
  expect_rejected(request, kMismatch, kNow + 61 * kMinute, kSecret, "Request has expired");
}

TEST(Presigned, DatedInTheFutureIsNotYetCurrent) {
  expect_rejected(presigned_request(kNow + 16 * kMinute, 3600), kMismatch, kNow, kSecret,
                  "Signature not yet current");
}

TEST(Presigned, BodyIsNotSigned) {
  auto request = presigned_request(kNow, 300);
  request.body = "anything";
  EXPECT_NO_THROW(verify(request, Protocol::Query));
}

TEST(Presigned, ExpiryMustBePresentAndAtMostAWeek) {
  auto without = presigned_request(kNow, 300);
  without.query.replace(without.query.find("&X-Amz-Expires=300"), 18, "");
  expect_rejected(without, kIncomplete, kNow, kSecret, "X-Amz-Expires");
  expect_rejected(presigned_request(kNow, 604801), kIncomplete, kNow, kSecret, "X-Amz-Expires");
  EXPECT_NO_THROW(verify(presigned_request(kNow, 604800), Protocol::Query));
}

TEST(Presigned, TamperingOrAnotherSecretIsRejected) {
  auto query = presigned_request(kNow, 300);
  query.query.replace(query.query.find("ReceiveMessage"), 14, "DeleteMessage1");
  expect_rejected(query, kMismatch);

  auto path = presigned_request(kNow, 300);
  path.path = "/000000000000/other";
  expect_rejected(path, kMismatch);

  auto expires = presigned_request(kNow, 300);
  expires.query.replace(expires.query.find("X-Amz-Expires=300"), 17, "X-Amz-Expires=900");
  expect_rejected(expires, kMismatch);

  expect_rejected(presigned_request(kNow, 300, "a-different-secret"), kMismatch);
}

TEST(ResolveIdentity, UnsignedRequestsUseTheDefaults) {
  for (const sigv4::ParseResult& parsed :
       {sigv4::ParseResult{sigv4::NotSigned{}}, sigv4::ParseResult{sigv4::Malformed{"bad"}}}) {
    const auto id = resolve_identity(parsed, "eu-central-1");
    EXPECT_EQ(id.account_id, "000000000000");
    EXPECT_EQ(id.account_id, kDefaultAccountId);
    EXPECT_EQ(id.region, "eu-central-1");
    EXPECT_EQ(id.access_key_id, "");
  }
}

sigv4::ParseResult authorization(std::string key, std::string region) {
  sigv4::Authorization auth;
  auth.credential = {std::move(key), "20231114", std::move(region), "sqs"};
  return auth;
}

TEST(ResolveIdentity, TwelveDigitAccessKeyIsTheAccount) {
  const auto id = resolve_identity(authorization("123456789012", "us-west-2"), "us-east-1");
  EXPECT_EQ(id.account_id, "123456789012");
  EXPECT_EQ(id.access_key_id, "123456789012");
  EXPECT_EQ(id.region, "us-west-2");
}

TEST(ResolveIdentity, OtherAccessKeysUseTheDefaultAccount) {
  for (const char* key : {"AKIDEXAMPLE", "12345678901", "1234567890123", "12345678901a",
                          "AKIAIOSFODNN7EXAMPLE", ""}) {
    SCOPED_TRACE(key);
    const auto id = resolve_identity(authorization(key, "ap-south-1"), "us-east-1");
    EXPECT_EQ(id.account_id, "000000000000");
    EXPECT_EQ(id.access_key_id, key);
    EXPECT_EQ(id.region, "ap-south-1");
  }
}

// SQS reports the sender as GetCallerIdentity's UserId: the account for long-term keys, the
// assumed role's id for temporary ones.
TEST(ResolveIdentity, UserIdIsTheRootAccountOrTheIssuedPrincipal) {
  EXPECT_EQ(resolve_identity(authorization("AKIDEXAMPLE", ""), "us-east-1").user_id,
            "000000000000");
  const CredentialLookup issued = [](std::string_view key) -> std::optional<IssuedCredential> {
    if (key != "ASIATEMPORARYKEY") {
      return std::nullopt;
    }
    return IssuedCredential{"secret", "token", "111122223333", 0, "AROAEXAMPLE:job"};
  };
  const auto id = resolve_identity(authorization("ASIATEMPORARYKEY", ""), "us-east-1", issued);
  EXPECT_EQ(id.account_id, "111122223333");
  EXPECT_EQ(id.user_id, "AROAEXAMPLE:job");
}

TEST(ResolveIdentity, RegionComesFromTheCredentialScope) {
  EXPECT_EQ(resolve_identity(authorization("AKID", "eu-west-3"), "us-east-1").region, "eu-west-3");
  EXPECT_EQ(resolve_identity(authorization("AKID", ""), "us-east-1").region, "us-east-1");
  const auto parsed = sigv4::parse(signed_request());
  EXPECT_EQ(resolve_identity(parsed, "eu-west-1").region, "us-east-1");
  EXPECT_EQ(resolve_identity(parsed, "eu-west-1").access_key_id, kKey);
}

}  // namespace
}  // namespace preflight::core
