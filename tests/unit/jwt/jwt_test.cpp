#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "emulator/common/crypto.h"
#include "emulator/common/jwt.h"
#include "tests/unit/jwt/keys.h"

namespace preflight::jwt {
namespace {

using test::key_a;
using test::key_b;

constexpr std::int64_t kNow = 1'700'000'000;

Json claims_expiring(Json exp) {
  return Json{{"sub", "user-1"},
              {"iss", "http://localhost:4566/us-east-1_abc"},
              {"token_use", "access"},
              {"iat", kNow - 10},
              {"exp", std::move(exp)}};
}

Verification check(std::string_view token, std::int64_t now = kNow) {
  const std::vector<RsaKey> keys{key_a()};
  return verify(token, keys, now);
}

std::vector<std::string> parts(const std::string& token) {
  std::vector<std::string> out(1);
  for (const char c : token) {
    if (c == '.') {
      out.emplace_back();
    } else {
      out.back().push_back(c);
    }
  }
  return out;
}

std::string join(const std::vector<std::string>& p) {
  return p.at(0) + "." + p.at(1) + "." + p.at(2);
}

TEST(Jwt, SignThenVerifyRoundTrips) {
  const Json claims = claims_expiring(kNow + 3600);
  const std::string token = sign(key_a(), claims);
  const auto p = parts(token);
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(base64url_decode(p[0]), std::optional<std::string>(R"({"kid":"kid-a","alg":"RS256"})"));
  EXPECT_EQ(token.find('='), std::string::npos);

  const auto result = check(token);
  EXPECT_TRUE(result.ok) << result.reason;
  EXPECT_EQ(result.reason, "");
  EXPECT_EQ(result.claims, claims);
  EXPECT_EQ(result.header, (Json{{"kid", "kid-a"}, {"alg", "RS256"}}));
}

TEST(Jwt, FindsTheKeyByKidAmongSeveral) {
  const std::vector<RsaKey> keys{key_b(), key_a()};
  EXPECT_TRUE(verify(sign(key_a(), claims_expiring(kNow + 1)), keys, kNow).ok);
  EXPECT_TRUE(verify(sign(key_b(), claims_expiring(kNow + 1)), keys, kNow).ok);
  const KeyLookup lookup = [](std::string_view kid) -> std::optional<RsaKey> {
    return kid == "kid-b" ? std::optional<RsaKey>(key_b()) : std::nullopt;
  };
  EXPECT_TRUE(verify(sign(key_b(), claims_expiring(kNow + 1)), lookup, kNow).ok);
  EXPECT_EQ(verify(sign(key_a(), claims_expiring(kNow + 1)), lookup, kNow).reason, "unknown kid");
}

TEST(Jwt, VerifiesWithAPublicKeyRebuiltFromTheJwk) {
  const auto public_key = RsaKey::from_jwk(key_a().public_jwk());
  ASSERT_TRUE(public_key.has_value());
  const std::vector<RsaKey> keys{*public_key};
  EXPECT_TRUE(verify(sign(key_a(), claims_expiring(kNow + 60)), keys, kNow).ok);
}

TEST(Jwt, TamperedPayloadHasAnInvalidSignature) {
  auto p = parts(sign(key_a(), claims_expiring(kNow + 3600)));
  Json claims = claims_expiring(kNow + 3600);
  claims["sub"] = "admin";
  p[1] = base64url_encode(claims.dump());
  const auto result = check(join(p));
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.reason, "invalid signature");
  EXPECT_TRUE(result.claims.is_null());
  EXPECT_TRUE(result.header.is_null());
}

TEST(Jwt, TamperedHeaderHasAnInvalidSignature) {
  auto p = parts(sign(key_a(), claims_expiring(kNow + 3600)));
  p[0] = base64url_encode(R"({"kid":"kid-a","alg":"RS256","typ":"JWT"})");
  EXPECT_EQ(check(join(p)).reason, "invalid signature");
}

TEST(Jwt, AnotherKeysSignatureUnderOurKidIsInvalid) {
  const std::string token =
      sign_compact(key_b(), R"({"kid":"kid-a","alg":"RS256"})", claims_expiring(kNow + 60).dump());
  EXPECT_EQ(check(token).reason, "invalid signature");
}

TEST(Jwt, SignatureOfTheWrongLengthIsInvalid) {
  auto p = parts(sign(key_a(), claims_expiring(kNow + 60)));
  const auto signature = base64url_decode(p[2]);
  p[2] = base64url_encode(signature->substr(0, 255));
  EXPECT_EQ(check(join(p)).reason, "invalid signature");
  p[2] = base64url_encode(*signature + '\0');
  EXPECT_EQ(check(join(p)).reason, "invalid signature");
  p[2] = "";
  EXPECT_EQ(check(join(p)).reason, "invalid signature");
}

TEST(Jwt, EverySingleCharacterChangeIsRefused) {
  const std::string token = sign(key_a(), claims_expiring(kNow + 60));
  ASSERT_TRUE(check(token).ok);
  for (std::size_t i = 0; i < token.size(); ++i) {
    for (const char replacement : {'A', 'Q', 'g', 'w', '-', '_', '.', '='}) {
      if (token[i] == replacement) {
        continue;
      }
      std::string mutated = token;
      mutated[i] = replacement;
      EXPECT_FALSE(check(mutated).ok) << "position " << i << " -> " << replacement;
    }
  }
}

TEST(Jwt, AlgNoneIsRefused) {
  const std::string payload = base64url_encode(claims_expiring(kNow + 60).dump());
  EXPECT_EQ(check(base64url_encode(R"({"alg":"none"})") + "." + payload + ".").reason,
            "unsupported alg");
  EXPECT_EQ(check(base64url_encode(R"({"alg":"none","kid":"kid-a"})") + "." + payload + ".").reason,
            "unsupported alg");
  // Even with a valid RS256 signature over it.
  EXPECT_EQ(check(sign_compact(key_a(), R"({"alg":"none","kid":"kid-a"})",
                               claims_expiring(kNow + 60).dump()))
                .reason,
            "unsupported alg");
}

// The classic confusion: HMAC keyed with the RSA public key, which anyone can fetch.
TEST(Jwt, Hs256IsRefusedEvenKeyedWithThePublicKey) {
  const std::string signing_input = base64url_encode(R"({"alg":"HS256","kid":"kid-a"})") + "." +
                                    base64url_encode(claims_expiring(kNow + 60).dump());
  for (const std::string& secret :
       {key_a().public_jwk().dump(), key_a().public_jwk()["n"].get<std::string>()}) {
    const std::string token =
        signing_input + "." + base64url_encode(hmac_sha256(secret, signing_input));
    EXPECT_EQ(check(token).reason, "unsupported alg");
  }
}

TEST(Jwt, OnlyExactlyRs256IsAccepted) {
  const std::string claims = claims_expiring(kNow + 60).dump();
  for (const char* header :
       {R"({"kid":"kid-a"})", R"({"kid":"kid-a","alg":"rs256"})",
        R"({"kid":"kid-a","alg":"RS384"})", R"({"kid":"kid-a","alg":"PS256"})",
        R"({"kid":"kid-a","alg":"ES256"})", R"({"kid":"kid-a","alg":"RS256 "})",
        R"({"kid":"kid-a","alg":256})", R"({"kid":"kid-a","alg":null})",
        R"({"kid":"kid-a","alg":["RS256"]})", R"({"kid":"kid-a","alg":"RS256","alg":"none"})"}) {
    EXPECT_EQ(check(sign_compact(key_a(), header, claims)).reason, "unsupported alg") << header;
  }
  EXPECT_TRUE(
      check(sign_compact(key_a(), R"({"alg":"RS256","kid":"kid-a","typ":"JWT"})", claims)).ok);
}

TEST(Jwt, CriticalHeaderExtensionsAreRefused) {
  const std::string token = sign_compact(key_a(), R"({"kid":"kid-a","alg":"RS256","crit":["b64"]})",
                                         claims_expiring(kNow + 60).dump());
  EXPECT_EQ(check(token).reason, "unsupported critical header");
}

TEST(Jwt, UnknownOrMissingKidIsRefused) {
  EXPECT_EQ(check(sign(key_b(), claims_expiring(kNow + 60))).reason, "unknown kid");
  const std::string claims = claims_expiring(kNow + 60).dump();
  EXPECT_EQ(check(sign_compact(key_a(), R"({"alg":"RS256"})", claims)).reason, "missing kid");
  EXPECT_EQ(check(sign_compact(key_a(), R"({"alg":"RS256","kid":7})", claims)).reason,
            "missing kid");
  EXPECT_EQ(
      verify(sign(key_a(), claims_expiring(kNow + 60)), std::span<const RsaKey>{}, kNow).reason,
      "unknown kid");
  EXPECT_EQ(verify(sign(key_a(), claims_expiring(kNow + 60)), KeyLookup{}, kNow).reason,
            "unknown kid");
}

TEST(Jwt, ExpiryHasNoLeeway) {
  EXPECT_TRUE(check(sign(key_a(), claims_expiring(kNow + 1))).ok);
  EXPECT_EQ(check(sign(key_a(), claims_expiring(kNow))).reason, "token expired");
  EXPECT_EQ(check(sign(key_a(), claims_expiring(kNow - 1))).reason, "token expired");
  const std::string token = sign(key_a(), claims_expiring(kNow + 3600));
  EXPECT_TRUE(check(token, kNow + 3599).ok);
  EXPECT_EQ(check(token, kNow + 3600).reason, "token expired");
  EXPECT_EQ(check(token, kNow + 3600).claims, nullptr);
}

TEST(Jwt, ExpiryMustBeANumber) {
  Json no_exp = claims_expiring(0);
  no_exp.erase("exp");
  EXPECT_EQ(check(sign(key_a(), no_exp)).reason, "missing exp");
  EXPECT_EQ(check(sign(key_a(), claims_expiring(std::to_string(kNow + 60)))).reason, "invalid exp");
  EXPECT_EQ(check(sign(key_a(), claims_expiring(true))).reason, "invalid exp");
  EXPECT_EQ(check(sign(key_a(), claims_expiring(nullptr))).reason, "invalid exp");
  EXPECT_EQ(check(sign(key_a(), claims_expiring(-5))).reason, "token expired");
  EXPECT_TRUE(check(sign(key_a(), claims_expiring(18446744073709551615ull))).ok);
  EXPECT_TRUE(check(sign(key_a(), claims_expiring(kNow + 0.5))).ok);
  EXPECT_EQ(check(sign(key_a(), claims_expiring(kNow - 0.5))).reason, "token expired");
}

TEST(Jwt, NotBeforeIsCheckedWhenPresent) {
  Json claims = claims_expiring(kNow + 60);
  claims["nbf"] = kNow;
  EXPECT_TRUE(check(sign(key_a(), claims)).ok);
  claims["nbf"] = kNow + 1;
  EXPECT_EQ(check(sign(key_a(), claims)).reason, "token not yet valid");
  EXPECT_TRUE(check(sign(key_a(), claims), kNow + 1).ok);
  claims["nbf"] = "soon";
  EXPECT_EQ(check(sign(key_a(), claims)).reason, "invalid nbf");
}

TEST(Jwt, SignedClaimsMustBeAJsonObject) {
  for (const char* payload : {"", "[]", "\"text\"", "42", "{", "{\"exp\":1} trailing"}) {
    EXPECT_EQ(check(sign_compact(key_a(), R"({"kid":"kid-a","alg":"RS256"})", payload)).reason,
              "malformed claims")
        << payload;
  }
}

TEST(Jwt, MalformedStructureIsRefused) {
  const auto p = parts(sign(key_a(), claims_expiring(kNow + 60)));
  const std::vector<std::string> tokens{"",
                                        ".",
                                        "...",
                                        "a",
                                        "a.b",
                                        "a.b.c.d",
                                        "a!.b.c",
                                        "Zh.Zm8.Zm8",
                                        p[0] + "." + p[1],
                                        join(p) + ".",
                                        "." + join(p),
                                        join(p) + "." + p[2],
                                        p[0] + ".." + p[1] + "." + p[2],
                                        p[0] + "=." + p[1] + "." + p[2],
                                        p[0] + "." + p[1] + "." + p[2] + "=",
                                        p[0] + " ." + p[1] + "." + p[2],
                                        join(p) + "\n",
                                        " " + join(p),
                                        p[0] + "." + p[1] + "+." + p[2]};
  for (const std::string& token : tokens) {
    const auto result = check(token);
    EXPECT_FALSE(result.ok) << token;
    EXPECT_EQ(result.reason, "malformed token") << token;
  }
}

TEST(Jwt, HeaderMustBeAJsonObject) {
  const std::string rest = "." + base64url_encode(claims_expiring(kNow + 60).dump()) + ".AAAA";
  for (const std::string& header : std::vector<std::string>{
           std::string(), std::string("not json"), std::string("[]"), std::string("\"RS256\""),
           std::string("{\"alg\":\"RS256\""), std::string("{\"alg\":\"RS\xff\"}"),
           std::string("{\"alg\":\"RS256\",\"kid\":\"kid-a\"}\0", 30),
           std::string("{\"alg\":\"RS256\",\"kid\":\"kid-a\"}\0garbage", 37),
           std::string(40000, '[')}) {
    EXPECT_EQ(check(base64url_encode(header) + rest).reason, "malformed header");
  }
  EXPECT_EQ(check("..").reason, "malformed header");
}

TEST(Jwt, HugeTokensAreRefusedBeforeParsing) {
  const std::string token = sign(key_a(), claims_expiring(kNow + 60));
  EXPECT_EQ(check(token + std::string(kMaxTokenBytes, 'A')).reason, "token too large");
  std::string huge(10 * 1024 * 1024, 'A');
  huge[100] = '.';
  huge[200] = '.';
  EXPECT_EQ(check(huge).reason, "token too large");
}

TEST(Jwt, RandomInputNeverVerifiesNorThrows) {
  std::mt19937 rng(12345);
  const std::string alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_....=+/ \x00\xff{}\"";
  for (int round = 0; round < 3000; ++round) {
    std::string token(rng() % 300, '\0');
    for (char& c : token) {
      c = round % 2 == 0 ? static_cast<char>(rng() % 256) : alphabet[rng() % alphabet.size()];
    }
    Verification result;
    EXPECT_NO_THROW(result = check(token));
    EXPECT_FALSE(result.ok);
    EXPECT_FALSE(result.reason.empty());
  }
}

}  // namespace
}  // namespace preflight::jwt
