// The token verifier other services use (core::TokenVerifier, set by Cognito): real tokens from
// a sign-in pass; tampered, expired, alg:none, wrong-issuer, wrong-audience, wrong-token-use,
// scope-less and revoked ones fail, each for its own reason.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include "emulator/common/crypto.h"
#include "emulator/common/jwt.h"
#include "emulator/common/time_format.h"
#include "emulator/storage/database.h"
#include "services/cognito/tokens.h"
#include "services/cognito/verifier.h"

namespace preflight::cognito {
namespace {

constexpr const char* kEndpoint = "http://localhost:4566";

class VerifierTest : public ::testing::Test {
 protected:
  VerifierTest() : db(":memory:"), env{core::Config{}, db, io.get_executor()} {
    env.config.options["cognito.password-hash-iterations"] = "1";
    backend = std::make_shared<Backend>(env);
    verify = make_token_verifier(backend);
    pool = add_pool("us-east-1_PoolA1234");
    other = add_pool("us-east-1_PoolB1234");
    client.id = "client-a";
    client.pool_id = pool.id;
    backend->store().put_client(client);
    user.pool_id = pool.id;
    user.username = "alice";
    user.attributes = {{"sub", "sub-1"}, {"email", "a@example.com"}};
    user.status = UserStatus::Confirmed;
    backend->store().insert_user(user, "alice", "");
    tokens = sign_in(*backend, kEndpoint, pool, client, user);
  }

  Pool add_pool(std::string id) {
    Pool p;
    p.id = std::move(id);
    p.account_id = "000000000000";
    p.region = "us-east-1";
    p.name = p.id;
    p.kid = "kid-" + p.id;
    p.key_pem = RsaKey::generate(p.kid).private_pem();
    backend->store().insert_pool(p);
    return p;
  }

  core::TokenCheck check(std::string token_use = "") const {
    return {{issuer(kEndpoint, pool.id)}, {client.id}, std::move(token_use), {}};
  }

  std::string reason(std::string_view token, const core::TokenCheck& c) const {
    const auto v = verify(token, c);
    EXPECT_FALSE(v.ok);
    return v.reason;
  }

  // The claims of a real access token, changed, signed again by `key`.
  std::string resigned(const Pool& by, const std::function<void(Json&)>& change) const {
    const auto parts = tokens.access_token.substr(tokens.access_token.find('.') + 1);
    Json claims = Json::parse(*base64url_decode(parts.substr(0, parts.find('.'))));
    change(claims);
    return jwt::sign(*RsaKey::from_private_pem(by.key_pem, by.kid), claims);
  }

  boost::asio::io_context io{1};
  core::Database db;
  core::Environment env;
  std::shared_ptr<Backend> backend;
  core::TokenVerifier verify;
  Pool pool, other;
  Client client;
  User user;
  Tokens tokens;
};

TEST_F(VerifierTest, AcceptsTheTokensOfASignIn) {
  const auto id = verify(tokens.id_token, check("id"));
  ASSERT_TRUE(id.ok) << id.reason;
  EXPECT_EQ(id.claims["cognito:username"], "alice");
  EXPECT_EQ(id.claims["aud"], client.id);
  EXPECT_EQ(id.claims["email"], "a@example.com");
  const auto access = verify(tokens.access_token, check("access"));
  ASSERT_TRUE(access.ok) << access.reason;
  EXPECT_EQ(access.claims["client_id"], client.id);
  EXPECT_EQ(access.claims["scope"], "aws.cognito.signin.user.admin");
  EXPECT_TRUE(verify(tokens.access_token, {}).ok);  // no requirements: any of our tokens
}

TEST_F(VerifierTest, ChecksThePoolWhateverTheIssuingEndpoint) {
  core::TokenCheck mine;
  mine.pool_ids = {pool.id};
  EXPECT_TRUE(verify(tokens.id_token, mine).ok);
  core::TokenCheck theirs;
  theirs.pool_ids = {other.id};
  EXPECT_EQ(reason(tokens.id_token, theirs), "wrong issuer");
}

TEST_F(VerifierTest, RejectsTamperedTokens) {
  std::string token = tokens.id_token;
  const auto dot = token.find('.');
  token[dot + 5] = token[dot + 5] == 'A' ? 'B' : 'A';
  EXPECT_EQ(reason(token, check()), "invalid signature");
  EXPECT_EQ(reason("not.a.token", check()), "malformed token");
}

TEST_F(VerifierTest, RejectsAlgNone) {
  const auto payload = tokens.access_token.substr(tokens.access_token.find('.') + 1);
  const auto none = base64url_encode(R"({"alg":"none","kid":")" + pool.kid + R"("})") + "." +
                    payload.substr(0, payload.find('.')) + ".";
  EXPECT_EQ(reason(none, check()), "unsupported alg");
}

TEST_F(VerifierTest, RejectsExpiredTokens) {
  const auto expired = resigned(pool, [](Json& c) { c["exp"] = unix_now() - 1; });
  EXPECT_EQ(reason(expired, check()), "token expired");
}

TEST_F(VerifierTest, RejectsAnotherPoolsKeyAndOtherIssuers) {
  // Pool B's key cannot vouch for a token that claims pool A as its issuer.
  EXPECT_EQ(reason(resigned(other, [](Json&) {}), check()), "wrong issuer");
  auto elsewhere = check();
  elsewhere.issuers = {issuer(kEndpoint, other.id)};
  EXPECT_EQ(reason(tokens.access_token, elsewhere), "wrong issuer");
}

TEST_F(VerifierTest, RejectsTheWrongAudienceAndTokenUse) {
  auto wrong_client = check();
  wrong_client.client_ids = {"someone-else"};
  EXPECT_EQ(reason(tokens.id_token, wrong_client), "wrong audience");
  EXPECT_EQ(reason(tokens.access_token, wrong_client), "wrong audience");
  EXPECT_EQ(reason(tokens.id_token, check("access")), "wrong token_use");
  EXPECT_EQ(reason(tokens.access_token, check("id")), "wrong token_use");
}

TEST_F(VerifierTest, ChecksScopesOnAccessTokensOnly) {
  auto scoped = check();
  scoped.scopes = {"books/read", "aws.cognito.signin.user.admin"};
  EXPECT_TRUE(verify(tokens.access_token, scoped).ok);
  scoped.scopes = {"books/read"};
  EXPECT_EQ(reason(tokens.access_token, scoped), "missing scope");
  EXPECT_EQ(reason(tokens.id_token, scoped), "missing scope");
}

TEST_F(VerifierTest, RejectsRevokedSessions) {
  ASSERT_TRUE(revoke(*backend, client, tokens.refresh_token));
  EXPECT_EQ(reason(tokens.access_token, check()), "token revoked");
  EXPECT_EQ(reason(tokens.id_token, check()), "token revoked");
  EXPECT_FALSE(refresh(*backend, kEndpoint, client, tokens.refresh_token).has_value());
}

}  // namespace
}  // namespace preflight::cognito
