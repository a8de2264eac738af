#include "services/cognito/verifier.h"

#include <algorithm>

#include "emulator/common/jwt.h"
#include "emulator/common/strings.h"
#include "emulator/common/time_format.h"
#include "emulator/service/input.h"
#include "services/cognito/errors.h"
#include "services/cognito/pool.h"

namespace preflight::cognito {
namespace {

bool has_scope(std::string_view granted, const std::vector<std::string>& wanted) {
  for (const auto scope : split(granted, ' ')) {
    if (std::find(wanted.begin(), wanted.end(), scope) != wanted.end()) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::optional<TokenOwner> check_token(Backend& b, std::string_view token, std::string* reason) {
  PoolPtr pool;
  const jwt::KeyLookup keys = [&](std::string_view kid) -> std::optional<RsaKey> {
    const auto row = b.store().pool_by_kid(kid);
    if (!row || !(pool = b.find_pool(row->id))) {
      return std::nullopt;
    }
    return b.key(*pool);
  };
  auto verified = jwt::verify(token, keys, unix_now());
  if (!verified.ok) {
    *reason = verified.reason;
    return std::nullopt;
  }
  const auto iss = verified.claims.value("iss", "");
  if (!pool || !iss.ends_with("/" + pool->id)) {
    *reason = "wrong issuer";
    return std::nullopt;
  }
  const auto origin = verified.claims.value("origin_jti", "");
  if (!origin.empty() && b.store().session_revoked(origin)) {
    *reason = "token revoked";
    return std::nullopt;
  }
  return TokenOwner{std::move(pool), std::move(verified.claims)};
}

core::TokenVerifier make_token_verifier(std::shared_ptr<Backend> backend) {
  return [backend](std::string_view token, const core::TokenCheck& check) {
    core::VerifiedToken out;
    auto owner = check_token(*backend, token, &out.reason);
    if (!owner) {
      return out;
    }
    const Json& claims = owner->claims;
    const auto iss = claims.value("iss", "");
    const auto use = claims.value("token_use", "");
    const auto client = use == "id" ? claims.value("aud", "") : claims.value("client_id", "");
    const auto pool_id = owner->pool->id;
    if ((!check.issuers.empty() &&
         std::find(check.issuers.begin(), check.issuers.end(), iss) == check.issuers.end()) ||
        (!check.pool_ids.empty() && std::find(check.pool_ids.begin(), check.pool_ids.end(),
                                              pool_id) == check.pool_ids.end())) {
      out.reason = "wrong issuer";
    } else if ((use != "id" && use != "access") ||
               (!check.token_use.empty() && use != check.token_use)) {
      out.reason = "wrong token_use";
    } else if (!check.client_ids.empty() &&
               std::find(check.client_ids.begin(), check.client_ids.end(), client) ==
                   check.client_ids.end()) {
      out.reason = "wrong audience";
    } else if (!check.scopes.empty() &&
               (use != "access" || !has_scope(claims.value("scope", ""), check.scopes))) {
      out.reason = "missing scope";
    } else {
      out.ok = true;
      out.claims = std::move(owner->claims);
    }
    return out;
  };
}

AccessTokenUser access_token_user(Backend& b, const Json& input) {
  const auto token = core::input::string(input, "AccessToken").value_or("");
  std::string reason;
  auto owner = check_token(b, token, &reason);
  if (!owner) {
    if (reason == "token expired") {
      throw errors::not_authorized("Access Token has expired");
    }
    if (reason == "token revoked") {
      throw errors::not_authorized("Access Token has been revoked");
    }
    throw errors::not_authorized("Invalid Access Token");
  }
  if (owner->claims.value("token_use", "") != "access" || !owner->claims.contains("username")) {
    throw errors::not_authorized("Invalid Access Token");
  }
  auto user = b.store().user(owner->pool->id,
                             username_key(*owner->pool, owner->claims.value("username", "")));
  if (!user) {
    throw errors::user_not_found();
  }
  if (!user->enabled) {
    throw errors::not_authorized("User is disabled.");
  }
  return {std::move(owner->pool), std::move(*user), std::move(owner->claims)};
}

}  // namespace preflight::cognito
