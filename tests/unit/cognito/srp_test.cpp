#include "services/cognito/srp.h"

#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <string>

#include "emulator/common/crypto.h"
#include "emulator/common/strings.h"

// The vectors in tests/data/cognito/srp_vectors.json come from amazon-cognito-identity-js itself:
// tests/js/cognito_srp_vectors.mjs runs CognitoUser.authenticateUser (USER_SRP_AUTH) unchanged
// against a fake transport, with its random a and its clock pinned, and records what it sends
// (SRP_A, PASSWORD_CLAIM_SIGNATURE, TIMESTAMP, ...) plus the library's padHex outputs and its
// intermediate u / HKDF inputs and key. Re-run it to regenerate:
//   node tests/js/cognito_srp_vectors.mjs > tests/data/cognito/srp_vectors.json
namespace preflight::cognito {
namespace {

using nlohmann::json;

const json& vectors() {
  static const json data = [] {
    const auto path = std::filesystem::path(PREFLIGHT_TEST_DATA) / "cognito" / "srp_vectors.json";
    std::ifstream in(path);
    if (!in) {
      throw std::runtime_error("cannot open " + path.string());
    }
    return json::parse(in);
  }();
  return data;
}

std::string str(const json& exchange, const char* field) {
  return exchange.at(field).get<std::string>();
}

// The server's state for one recorded exchange, rebuilt from the stored verifier and fixed b.
struct Replay {
  std::string pool_name;
  std::string user_id;
  std::string verifier_hex;
  ServerChallenge challenge;
  std::string srp_a;
  std::string secret_block;
  std::string timestamp;
  std::string signature;

  PasswordClaim claim() const { return {srp_a, secret_block, timestamp, signature}; }
  bool verify() const {
    return verify_password_claim(pool_name, user_id, verifier_hex, challenge, claim());
  }
};

Replay replay(const json& exchange) {
  Replay r;
  r.pool_name = str(exchange, "pool_name");
  r.user_id = str(exchange, "user_id_for_srp");
  r.verifier_hex = str(exchange, "verifier");
  r.challenge = server_challenge_with_b(r.verifier_hex, str(exchange, "b"));
  r.srp_a = str(exchange, "srp_a");
  r.secret_block = str(exchange, "password_claim_secret_block");
  r.timestamp = str(exchange, "timestamp");
  r.signature = str(exchange, "password_claim_signature");
  return r;
}

TEST(SrpGroup, MatchesTheLibrary) {
  const auto& group = vectors().at("group");
  EXPECT_EQ(srp_n_hex(), group.at("n").get<std::string>());
  EXPECT_EQ(srp_n_hex().size(), 2u + 768u);  // 3072 bits with the top bit set, so a 00 first
  EXPECT_EQ(pad_hex("2"), group.at("g").get<std::string>());
  EXPECT_EQ(srp_k_hex(), group.at("k").get<std::string>());
}

TEST(PadHex, MatchesTheLibraryIncludingNegativeValues) {
  const auto& cases = vectors().at("pad_hex");
  ASSERT_GE(cases.size(), 20u);
  for (const auto& c : cases) {
    const auto value = c.at("value").get<std::string>();
    SCOPED_TRACE(value);
    EXPECT_EQ(pad_hex(value), c.at("pad_hex").get<std::string>());
  }
}

TEST(PadHex, AcceptsAnyCaseAndLeadingZerosRejectsNonHex) {
  EXPECT_EQ(pad_hex("00000080"), "0080");
  EXPECT_EQ(pad_hex("ABCDEF"), "00abcdef");
  EXPECT_EQ(pad_hex("-0"), "00");
  for (const char* bad : {"", "-", "0x12", "12 34", "g", "--1", "+1"}) {
    SCOPED_TRACE(bad);
    EXPECT_FALSE(pad_hex(bad));
  }
}

TEST(SrpPoolName, IsThePoolIdWithoutItsRegion) {
  EXPECT_EQ(srp_pool_name("us-east-1_AbCdEf123"), "AbCdEf123");
  EXPECT_EQ(srp_pool_name("a_b_c"), "b");
  EXPECT_EQ(srp_pool_name("noregion"), "");
}

// The whole PASSWORD_VERIFIER exchange the library computed, step by step on the server side.
TEST(SrpExchange, ReproducesEveryValueTheLibraryComputed) {
  const auto& exchanges = vectors().at("exchanges");
  ASSERT_GE(exchanges.size(), 5u);
  for (const auto& e : exchanges) {
    SCOPED_TRACE(str(e, "name"));
    EXPECT_EQ(srp_pool_name(str(e, "user_pool_id")), str(e, "pool_name"));
    // The library answers with USER_ID_FOR_SRP and echoes the secret block.
    EXPECT_EQ(str(e, "challenge_username"), str(e, "user_id_for_srp"));
    EXPECT_EQ(str(e, "password_claim_secret_block"), str(e, "secret_block"));

    const auto verifier = make_verifier_with_salt(str(e, "pool_name"), str(e, "user_id_for_srp"),
                                                  str(e, "password"), str(e, "salt"));
    EXPECT_EQ(verifier.salt_hex, str(e, "salt"));
    EXPECT_EQ(verifier.verifier_hex, str(e, "verifier"));

    const auto challenge = server_challenge_with_b(verifier.verifier_hex, str(e, "b"));
    EXPECT_EQ(challenge.b_hex, str(e, "b"));
    EXPECT_EQ(challenge.srp_b_hex, str(e, "srp_b"));

    ASSERT_TRUE(is_valid_srp_a(str(e, "srp_a")));
    const auto key = password_authentication_key(verifier.verifier_hex, challenge, str(e, "srp_a"));
    ASSERT_TRUE(key);
    EXPECT_EQ(to_hex(*key), str(e, "hkdf_key"));

    EXPECT_EQ(password_claim_signature(str(e, "pool_name"), str(e, "user_id_for_srp"), *key,
                                       str(e, "secret_block"), str(e, "timestamp")),
              str(e, "password_claim_signature"));
    EXPECT_TRUE(replay(e).verify());
  }
}

TEST(SrpExchange, VectorsCoverThePaddingEdgeCases) {
  bool salt_high = false, salt_short = false, a_odd = false, a_high = false, a_plain = false;
  bool u_high = false, u_short = false, s_high = false, s_short = false, v_short = false;
  for (const auto& e : vectors().at("exchanges")) {
    const auto salt = str(e, "salt");
    const auto a = str(e, "srp_a");
    const auto salt_of_hkdf = str(e, "hkdf_salt");
    const auto ikm = str(e, "hkdf_ikm");
    salt_high |= salt.starts_with("00");
    salt_short |= salt.size() < 32;
    a_odd |= a.size() % 2 == 1;
    a_high |= a.size() == 768 && a[0] >= '8';
    a_plain |= a.size() == 768 && a[0] < '8';
    u_high |= salt_of_hkdf.size() == 66;
    u_short |= salt_of_hkdf.size() < 64;
    s_high |= ikm.size() == 770;
    s_short |= ikm.size() < 768;
    v_short |= str(e, "verifier").size() < 768;
    EXPECT_EQ(pad_hex(str(e, "u")), salt_of_hkdf);
  }
  EXPECT_TRUE(salt_high && salt_short && a_odd && a_high && a_plain);
  EXPECT_TRUE(u_high && u_short && s_high && s_short && v_short);
}

TEST(SrpExchange, WrongPasswordFails) {
  for (const auto& e : vectors().at("exchanges")) {
    SCOPED_TRACE(str(e, "name"));
    auto r = replay(e);
    r.verifier_hex =
        make_verifier_with_salt(r.pool_name, r.user_id, str(e, "password") + "x", str(e, "salt"))
            .verifier_hex;
    r.challenge = server_challenge_with_b(r.verifier_hex, str(e, "b"));
    EXPECT_FALSE(r.verify());
  }
}

TEST(SrpExchange, TamperedClaimFails) {
  const auto& e = vectors().at("exchanges").at(0);
  ASSERT_TRUE(replay(e).verify());
  {
    auto r = replay(e);
    r.signature[10] = r.signature[10] == 'A' ? 'B' : 'A';
    EXPECT_FALSE(r.verify());
  }
  {
    auto r = replay(e);
    r.signature.pop_back();  // no padding: not the base64 the library sends
    EXPECT_FALSE(r.verify());
  }
  {
    auto r = replay(e);
    r.secret_block = base64_encode(std::string(48, 'x'));
    EXPECT_FALSE(r.verify());
  }
  {
    auto r = replay(e);
    r.secret_block = "not base64!";
    EXPECT_FALSE(r.verify());
  }
  {
    auto r = replay(e);
    r.timestamp = "Tue Nov 3 18:04:05 UTC 2026";  // signed one second earlier
    EXPECT_FALSE(r.verify());
  }
  {
    auto r = replay(e);
    r.user_id += "x";
    EXPECT_FALSE(r.verify());
  }
  {
    auto r = replay(e);
    r.pool_name = "Other123";
    EXPECT_FALSE(r.verify());
  }
  {
    auto r = replay(e);  // another b: the client's key no longer matches
    r.challenge = server_challenge(r.verifier_hex);
    EXPECT_FALSE(r.verify());
  }
}

// Cognito parses TIMESTAMP and signs its canonical form again (why old clients that zero-padded
// the day got "Incorrect username or password"): a client that signs a padded day or a wrong
// weekday verbatim fails, while the re-spelling of a canonical signature still verifies.
TEST(SrpExchange, TimestampIsSignedInCanonicalForm) {
  const auto& e = vectors().at("exchanges").at(0);
  ASSERT_EQ(str(e, "timestamp"), "Tue Nov 3 18:04:04 UTC 2026");
  const auto base = replay(e);
  const auto key = password_authentication_key(base.verifier_hex, base.challenge, base.srp_a);
  ASSERT_TRUE(key);
  const auto block = base64_decode(base.secret_block);
  ASSERT_TRUE(block);
  for (const std::string timestamp :
       {"Tue Nov 03 18:04:04 UTC 2026", "Wed Nov 3 18:04:04 UTC 2026"}) {
    SCOPED_TRACE(timestamp);
    ASSERT_TRUE(parse_srp_timestamp(timestamp));
    auto signed_verbatim = base;
    signed_verbatim.timestamp = timestamp;
    signed_verbatim.signature =
        base64_encode(hmac_sha256(*key, base.pool_name + base.user_id + *block + timestamp));
    EXPECT_FALSE(signed_verbatim.verify());
    auto respelled = base;
    respelled.timestamp = timestamp;
    EXPECT_TRUE(respelled.verify());
  }
}

TEST(SrpExchange, RejectsAMultipleOfN) {
  const auto& e = vectors().at("exchanges").at(0);
  const auto n = srp_n_hex();
  auto sixteen_n = pad_hex(n + "0");  // 16 * N
  ASSERT_TRUE(sixteen_n);
  for (const std::string& a : {std::string("0"), std::string("000"), n, n.substr(2), *sixteen_n}) {
    SCOPED_TRACE(a);
    EXPECT_FALSE(is_valid_srp_a(a));
    auto r = replay(e);
    r.srp_a = a;
    EXPECT_FALSE(password_authentication_key(r.verifier_hex, r.challenge, a));
    EXPECT_FALSE(r.verify());
  }
}

TEST(SrpExchange, RejectsMalformedSrpA) {
  EXPECT_TRUE(is_valid_srp_a("1"));
  EXPECT_TRUE(is_valid_srp_a("ABCDEF"));
  for (const std::string& a : {std::string(""), std::string("-5"), std::string("12g4"),
                               std::string(" 12"), std::string(2049, '1')}) {
    SCOPED_TRACE(a.substr(0, 10));
    EXPECT_FALSE(is_valid_srp_a(a));
  }
}

TEST(SrpExchange, SrpAIsCaseAndLeadingZeroInsensitive) {
  const auto& e = vectors().at("exchanges").at(0);
  auto r = replay(e);
  std::string upper = r.srp_a;
  for (auto& c : upper) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  r.srp_a = "00" + upper;
  EXPECT_TRUE(r.verify());
}

TEST(MakeVerifier, IsDeterministicForAGivenSalt) {
  const auto a = make_verifier_with_salt("AbCdEf123", "alice", "pw", "0a1b2c3d");
  const auto b = make_verifier_with_salt("AbCdEf123", "alice", "pw", "0a1b2c3d");
  EXPECT_EQ(a.verifier_hex, b.verifier_hex);
  EXPECT_EQ(a.salt_hex, "0a1b2c3d");
  // The salt's value counts, not its spelling.
  EXPECT_EQ(make_verifier_with_salt("AbCdEf123", "alice", "pw", "000A1B2C3D").verifier_hex,
            a.verifier_hex);
  EXPECT_NE(make_verifier_with_salt("AbCdEf123", "alice", "pw", "0a1b2c3e").verifier_hex,
            a.verifier_hex);
  EXPECT_NE(make_verifier_with_salt("AbCdEf123", "alice", "pW", "0a1b2c3d").verifier_hex,
            a.verifier_hex);
  EXPECT_NE(make_verifier_with_salt("AbCdEf124", "alice", "pw", "0a1b2c3d").verifier_hex,
            a.verifier_hex);
  EXPECT_THROW(make_verifier_with_salt("AbCdEf123", "alice", "pw", "xyz"), std::invalid_argument);
}

TEST(MakeVerifier, DrawsAFreshCanonicalSalt) {
  std::set<std::string> salts;
  for (int i = 0; i < 4; ++i) {
    const auto v = make_verifier("AbCdEf123", "alice", "pw");
    EXPECT_EQ(pad_hex(v.salt_hex), v.salt_hex);  // clients that pad the hex string agree
    EXPECT_LE(v.salt_hex.size(), 34u);
    EXPECT_EQ(make_verifier_with_salt("AbCdEf123", "alice", "pw", v.salt_hex).verifier_hex,
              v.verifier_hex);
    salts.insert(v.salt_hex);
  }
  EXPECT_EQ(salts.size(), 4u);
}

TEST(ServerChallenge, IsRandomAndReproducibleFromB) {
  const auto v = make_verifier_with_salt("AbCdEf123", "alice", "pw", "0a1b2c3d").verifier_hex;
  const auto first = server_challenge(v);
  const auto second = server_challenge(v);
  EXPECT_NE(first.b_hex, second.b_hex);
  EXPECT_NE(first.srp_b_hex, second.srp_b_hex);
  EXPECT_LE(first.srp_b_hex.size(), 768u);
  EXPECT_NE(first.srp_b_hex.front(), '0');
  EXPECT_EQ(server_challenge_with_b(v, first.b_hex).srp_b_hex, first.srp_b_hex);
  EXPECT_THROW(server_challenge_with_b(v, "q"), std::invalid_argument);
  EXPECT_THROW(server_challenge("q"), std::invalid_argument);
}

TEST(SrpTimestamp, FormatsLikeTheLibrary) {
  EXPECT_EQ(format_srp_timestamp(1793729044), "Tue Nov 3 18:04:04 UTC 2026");
  EXPECT_EQ(format_srp_timestamp(0), "Thu Jan 1 00:00:00 UTC 1970");
  EXPECT_EQ(format_srp_timestamp(1835395200 + 86399), "Tue Feb 29 23:59:59 UTC 2028");
  for (const auto& e : vectors().at("exchanges")) {
    const auto timestamp = str(e, "timestamp");
    const auto epoch = parse_srp_timestamp(timestamp);
    ASSERT_TRUE(epoch) << timestamp;
    EXPECT_EQ(format_srp_timestamp(*epoch), timestamp);
  }
}

TEST(SrpTimestamp, ParsesTheJavaPattern) {
  EXPECT_EQ(parse_srp_timestamp("Tue Nov 3 18:04:04 UTC 2026"), 1793729044);
  EXPECT_EQ(parse_srp_timestamp("Tue Nov 03 18:04:04 UTC 2026"), 1793729044);
  EXPECT_EQ(parse_srp_timestamp("tue NOV 3 18:4:4 GMT 2026"), 1793729044);
  EXPECT_EQ(parse_srp_timestamp("Sun Nov 3 18:04:04 UTC 2026"), 1793729044);  // weekday unchecked
  EXPECT_EQ(parse_srp_timestamp("Tue Feb 29 00:00:00 UTC 2028"), 1835395200);
  for (const char* bad :
       {"", "Tue Nov 3 18:04:04 UTC", "Tue Nov 3 18:04:04 PST 2026",
        "Tue Nov 3 18:04:04 +05:30 2026", "Tue Nov  3 18:04:04 UTC 2026",
        "Tue, Nov 3 18:04:04 UTC 2026", "Tue November 3 18:04:04 UTC 2026",
        "Xyz Nov 3 18:04:04 UTC 2026", "Tue Nov 31 18:04:04 UTC 2026",
        "Tue Feb 29 18:04:04 UTC 2026", "Tue Nov 0 18:04:04 UTC 2026",
        "Tue Nov 3 24:00:00 UTC 2026", "Tue Nov 3 18:60:00 UTC 2026",
        "Tue Nov 3 18:04:004 UTC 2026", "Tue Nov 3 18:04 UTC 2026", "Tue Nov 3 18:04:04 UTC 26",
        "Tue Nov 3 18:04:04 UTC 2026 ", "2026-11-03T18:04:04Z"}) {
    SCOPED_TRACE(bad);
    EXPECT_FALSE(parse_srp_timestamp(bad));
  }
}

TEST(SecretBlock, IsFreshRandomBase64) {
  const auto a = make_secret_block();
  const auto b = make_secret_block();
  EXPECT_NE(a, b);
  const auto bytes = base64_decode(a);
  ASSERT_TRUE(bytes);
  EXPECT_EQ(bytes->size(), 64u);
}

}  // namespace
}  // namespace preflight::cognito
