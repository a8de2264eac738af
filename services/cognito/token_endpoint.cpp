#include <algorithm>

#include "emulator/common/crypto.h"
#include "emulator/common/strings.h"
#include "services/cognito/client.h"
#include "services/cognito/http_reply.h"
#include "services/cognito/oauth_endpoints.h"
#include "services/cognito/pool.h"
#include "services/cognito/tokens.h"
#include "services/cognito/verifier.h"

namespace preflight::cognito {
namespace {

// The calling client, authenticated by HTTP Basic or by client_id (+ client_secret) in the form.
struct ClientAuth {
  std::optional<Client> client;
  PoolPtr pool;
  HttpResponse error;
};

ClientAuth authenticate_client(Backend& b, const OAuthAddress& at, const HttpRequest& request,
                               const FormParams& form) {
  ClientAuth out;
  std::string id = http::param(form, "client_id");
  std::string secret = http::param(form, "client_secret");
  const auto authorization = request.headers.get_or("authorization");
  if (starts_with_icase(authorization, "Basic ")) {
    const auto decoded = base64_decode(trim(authorization.substr(6))).value_or("");
    const auto colon = decoded.find(':');
    if (colon == std::string::npos) {
      out.error = http::oauth_error(400, "invalid_client");
      return out;
    }
    id = uri_decode(decoded.substr(0, colon)).value_or("");
    secret = uri_decode(decoded.substr(colon + 1)).value_or("");
  }
  auto client = b.store().client(id);
  PoolPtr pool = client ? b.find_pool(client->pool_id) : nullptr;
  const bool secret_ok =
      client &&
      (client->secret.empty() ? secret.empty() : constant_time_equals(secret, client->secret));
  if (!pool || !secret_ok) {
    out.error = http::oauth_error(400, "invalid_client");
    return out;
  }
  if (!at.domain.empty()) {
    const auto domain = b.store().domain(at.domain);
    if (!domain || domain->pool_id != pool->id) {
      out.error = http::oauth_error(400, "invalid_client");
      return out;
    }
  }
  out.client = std::move(client);
  out.pool = std::move(pool);
  return out;
}

Json token_body(const Tokens& t) {
  Json body{
      {"access_token", t.access_token}, {"expires_in", t.expires_in}, {"token_type", "Bearer"}};
  if (!t.id_token.empty()) {
    body["id_token"] = t.id_token;
  }
  if (!t.refresh_token.empty()) {
    body["refresh_token"] = t.refresh_token;
  }
  return body;
}

bool pkce_ok(const AuthorizationCode& code, const std::string& verifier) {
  if (code.code_challenge.empty()) {
    return true;
  }
  if (verifier.empty()) {
    return false;
  }
  const auto expected =
      code.code_challenge_method == "S256" ? base64url_encode(sha256(verifier)) : verifier;
  return constant_time_equals(expected, code.code_challenge);
}

HttpResponse authorization_code_grant(Backend& b, const OAuthAddress& at, const ClientAuth& c,
                                      const FormParams& form) {
  const auto code = b.take_authorization_code(http::param(form, "code"));
  if (!code || code->client_id != c.client->id ||
      code->redirect_uri != http::param(form, "redirect_uri") ||
      !pkce_ok(*code, http::param(form, "code_verifier"))) {
    return http::oauth_error(400, "invalid_grant");
  }
  const auto user = b.find_user(*c.pool, code->username);
  if (!user || !user->enabled) {
    return http::oauth_error(400, "invalid_grant");
  }
  auto tokens = sign_in(b, at.endpoint, *c.pool, *c.client, *user, code->scopes, code->nonce);
  if ((" " + code->scopes + " ").find(" openid ") == std::string::npos) {
    tokens.id_token.clear();  // an id token only for the openid scope
  }
  return http::json(200, token_body(tokens));
}

HttpResponse client_credentials_grant(Backend& b, const OAuthAddress& at, const ClientAuth& c,
                                      const FormParams& form) {
  if (c.client->secret.empty() || !allows_oauth(*c.client) ||
      !has_oauth_flow(*c.client, "client_credentials")) {
    return http::oauth_error(400, "unauthorized_client");
  }
  const auto allowed = string_list(*c.client, "AllowedOAuthScopes");
  std::string scopes;
  const auto requested = http::param(form, "scope");
  for (const auto scope : split(requested, ' ')) {
    if (scope.empty()) {
      continue;
    }
    if (std::find(allowed.begin(), allowed.end(), scope) == allowed.end() ||
        scope.find('/') == std::string_view::npos) {
      return http::oauth_error(400, "invalid_scope");
    }
    scopes += (scopes.empty() ? "" : " ") + std::string(scope);
  }
  if (requested.empty()) {
    for (const auto& scope : allowed) {
      if (scope.find('/') != std::string::npos) {
        scopes += (scopes.empty() ? "" : " ") + scope;
      }
    }
  }
  if (scopes.empty()) {
    return http::oauth_error(400, "invalid_scope");
  }
  return http::json(200, token_body(client_token(b, at.endpoint, *c.pool, *c.client, scopes)));
}

}  // namespace

HttpResponse token_endpoint(Backend& b, const OAuthAddress& at, const HttpRequest& request) {
  if (request.method != "POST") {
    return http::oauth_error(405, "invalid_request", "use POST");
  }
  const auto form = parse_form(request.body).value_or(FormParams{});
  const auto client = authenticate_client(b, at, request, form);
  if (!client.client) {
    return client.error;
  }
  const auto grant = http::param(form, "grant_type");
  if (grant == "authorization_code") {
    return authorization_code_grant(b, at, client, form);
  }
  if (grant == "refresh_token") {
    const auto tokens = refresh(b, at.endpoint, *client.client, http::param(form, "refresh_token"));
    return tokens ? http::json(200, token_body(*tokens)) : http::oauth_error(400, "invalid_grant");
  }
  if (grant == "client_credentials") {
    return client_credentials_grant(b, at, client, form);
  }
  return http::oauth_error(400, grant.empty() ? "invalid_request" : "unsupported_grant_type");
}

HttpResponse user_info_endpoint(Backend& b, const HttpRequest& request) {
  const auto authorization = request.headers.get_or("authorization");
  std::string reason = "missing bearer token";
  std::optional<TokenOwner> owner;
  if (starts_with_icase(authorization, "Bearer ")) {
    owner = check_token(b, trim(authorization.substr(7)), &reason);
  }
  std::optional<User> user;
  if (owner && owner->claims.value("token_use", "") == "access") {
    user = b.store().user(owner->pool->id,
                          username_key(*owner->pool, owner->claims.value("username", "")));
  }
  if (!user || !user->enabled) {
    auto res = http::oauth_error(401, "invalid_token", "Access token is not valid");
    res.headers.add("WWW-Authenticate",
                    "Bearer error=\"invalid_token\", error_description=\"" + reason + "\"");
    return res;
  }
  Json body = user->attributes;  // userInfo answers every attribute as a string
  body["username"] = user->username;
  return http::json(200, body);
}

HttpResponse revoke_endpoint(Backend& b, const OAuthAddress& at, const HttpRequest& request) {
  if (request.method != "POST") {
    return http::oauth_error(405, "invalid_request", "use POST");
  }
  const auto form = parse_form(request.body).value_or(FormParams{});
  const auto client = authenticate_client(b, at, request, form);
  if (!client.client) {
    return client.error;
  }
  const auto token = http::param(form, "token");
  if (token.empty()) {
    return http::oauth_error(400, "invalid_request");
  }
  if (std::count(token.begin(), token.end(), '.') == 2) {
    return http::oauth_error(400, "unsupported_token_type");
  }
  revoke(b, *client.client, token);
  HttpResponse ok;
  ok.status = 200;
  return ok;
}

}  // namespace preflight::cognito
