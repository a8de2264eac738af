#include "services/cognito/tokens.h"

#include "emulator/common/crypto.h"
#include "emulator/common/ids.h"
#include "emulator/common/jwt.h"
#include "emulator/common/time_format.h"
#include "services/cognito/client.h"
#include "services/cognito/pool.h"

namespace preflight::cognito {
namespace {

std::string refresh_hash(std::string_view token) {
  return sha256_hex(token);
}

// The attributes Cognito copies into an id token: all but sub (already a claim), with
// *_verified as JSON booleans.
void add_user_claims(Json& claims, const User& user) {
  for (const auto& [name, value] : user.attributes.items()) {
    if (name == "sub") {
      continue;
    }
    const std::string text = value.is_string() ? value.get<std::string>() : value.dump();
    if (name.ends_with("_verified")) {
      claims[name] = text == "true";
    } else {
      claims[name] = text;
    }
  }
}

struct Grant {
  const Pool& pool;
  const Client& client;
  const User& user;
  const Session& session;
  std::string_view nonce;
};

Tokens issue(Backend& b, std::string_view endpoint, const Grant& g) {
  const auto now = unix_now();
  const auto& key = b.key(g.pool);
  const auto groups = b.store().groups_of(g.pool.id, g.user.username);
  const std::string iss = issuer(endpoint, g.pool.id);
  const std::string event_id = new_uuid();

  Json id{{"sub", g.user.sub()}};
  if (!groups.empty()) {
    id["cognito:groups"] = groups;
  }
  add_user_claims(id, g.user);
  id["iss"] = iss;
  id["cognito:username"] = g.user.username;
  if (!g.nonce.empty()) {
    id["nonce"] = g.nonce;
  }
  id["origin_jti"] = g.session.origin_jti;
  id["aud"] = g.client.id;
  id["event_id"] = event_id;
  id["token_use"] = "id";
  id["auth_time"] = g.session.auth_time;
  id["exp"] = now + id_token_seconds(g.client);
  id["iat"] = now;
  id["jti"] = new_uuid();

  Json access{{"sub", g.user.sub()}};
  if (!groups.empty()) {
    access["cognito:groups"] = groups;
  }
  access["iss"] = iss;
  access["client_id"] = g.client.id;
  access["origin_jti"] = g.session.origin_jti;
  access["event_id"] = event_id;
  access["token_use"] = "access";
  access["scope"] = g.session.scopes;
  access["auth_time"] = g.session.auth_time;
  access["exp"] = now + access_token_seconds(g.client);
  access["iat"] = now;
  access["jti"] = new_uuid();
  access["username"] = g.user.username;

  Tokens out;
  out.id_token = jwt::sign(key, id);
  out.access_token = jwt::sign(key, access);
  out.expires_in = access_token_seconds(g.client);
  out.username = g.user.username;
  return out;
}

}  // namespace

std::string issuer(std::string_view endpoint, std::string_view pool_id) {
  std::string out(endpoint);
  out += '/';
  out += pool_id;
  return out;
}

Tokens sign_in(Backend& b, std::string_view endpoint, const Pool& pool, const Client& client,
               const User& user, std::string scopes, std::string_view nonce) {
  const auto now = unix_now();
  // Opaque to clients, like Cognito's (an encrypted JWE there): random, stored only hashed.
  std::string refresh = base64url_encode(random_alnum(24)) + "." + random_alnum(96);
  Session session{new_uuid(),
                  pool.id,
                  client.id,
                  user.username,
                  refresh_hash(refresh),
                  std::move(scopes),
                  now,
                  now + refresh_token_seconds(client),
                  false};
  b.store().insert_session(session);
  Tokens out = issue(b, endpoint, {pool, client, user, session, nonce});
  out.refresh_token = std::move(refresh);
  return out;
}

std::optional<Tokens> refresh(Backend& b, std::string_view endpoint, const Client& client,
                              std::string_view refresh_token) {
  const auto session = b.store().session_by_refresh(refresh_hash(refresh_token));
  if (!session || session->revoked || session->expires < unix_now() ||
      session->client_id != client.id) {
    return std::nullopt;
  }
  const auto pool = b.find_pool(session->pool_id);
  if (!pool) {
    return std::nullopt;
  }
  const auto user = b.store().user(pool->id, username_key(*pool, session->username));
  if (!user || !user->enabled) {
    return std::nullopt;
  }
  return issue(b, endpoint, {*pool, client, *user, *session, {}});
}

Tokens client_token(Backend& b, std::string_view endpoint, const Pool& pool, const Client& client,
                    const std::string& scopes) {
  const auto now = unix_now();
  Json access{{"sub", client.id},
              {"token_use", "access"},
              {"scope", scopes},
              {"auth_time", now},
              {"iss", issuer(endpoint, pool.id)},
              {"exp", now + access_token_seconds(client)},
              {"iat", now},
              {"version", 2},
              {"jti", new_uuid()},
              {"client_id", client.id}};
  Tokens out;
  out.access_token = jwt::sign(b.key(pool), access);
  out.expires_in = access_token_seconds(client);
  return out;
}

bool revoke(Backend& b, const Client& client, std::string_view refresh_token) {
  const auto session = b.store().session_by_refresh(refresh_hash(refresh_token));
  if (!session || session->client_id != client.id) {
    return false;
  }
  b.store().revoke_session(session->origin_jti);
  return true;
}

Json authentication_result(const Tokens& tokens) {
  Json out{{"AccessToken", tokens.access_token},
           {"ExpiresIn", tokens.expires_in},
           {"TokenType", "Bearer"},
           {"IdToken", tokens.id_token}};
  if (!tokens.refresh_token.empty()) {
    out["RefreshToken"] = tokens.refresh_token;
  }
  return out;
}

}  // namespace preflight::cognito
