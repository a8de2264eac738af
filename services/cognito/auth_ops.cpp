#include "emulator/common/crypto.h"
#include "emulator/common/ids.h"
#include "emulator/common/time_format.h"
#include "emulator/service/input.h"
#include "services/cognito/client.h"
#include "services/cognito/errors.h"
#include "services/cognito/operations.h"
#include "services/cognito/password.h"
#include "services/cognito/pool.h"
#include "services/cognito/sign_in.h"
#include "services/cognito/srp.h"
#include "services/cognito/tokens.h"

namespace preflight::cognito {
namespace {

constexpr std::int64_t kChallengeSeconds = 180;  // AuthSessionValidity's default: 3 minutes

// One InitiateAuth / AdminInitiateAuth / RespondToAuthChallenge call.
struct Call {
  Backend& b;
  core::RequestContext& ctx;
  PoolPtr pool;
  Client client;
};

Call public_call(Backend& b, core::RequestContext& ctx, const Json& in) {
  Client client = b.client(required_string(in, "ClientId"));
  PoolPtr pool = b.pool(client.pool_id);
  return {b, ctx, std::move(pool), std::move(client)};
}

Call admin_call(Backend& b, core::RequestContext& ctx, const Json& in) {
  PoolPtr pool = b.pool_of(in);
  Client client = b.client_of(*pool, in);
  return {b, ctx, std::move(pool), std::move(client)};
}

const Json& parameters(const Json& in, const char* member) {
  static const Json kEmpty = Json::object();
  const auto it = in.find(member);
  if (it == in.end() || it->is_null()) {
    return kEmpty;
  }
  if (!it->is_object()) {
    throw core::errors::serialization(std::string(member) + " must be a map");
  }
  return *it;
}

std::string parameter(const Json& params, const char* name) {
  const auto it = params.find(name);
  if (it == params.end() || !it->is_string() || it->get<std::string>().empty()) {
    throw errors::invalid_parameter(std::string("Missing required parameter ") + name);
  }
  return it->get<std::string>();
}

// SECRET_HASH in AuthParameters / ChallengeResponses, for a client with a secret.
void check_parameter_hash(const Client& client, const Json& params, std::string_view username) {
  if (client.secret.empty()) {
    return;
  }
  const auto it = params.find("SECRET_HASH");
  if (it == params.end() || !it->is_string() ||
      !constant_time_equals(it->get<std::string>(), secret_hash(client, username))) {
    throw errors::secret_hash_mismatch(client.id);
  }
}

Json tokens_for(Call& c, const User& user) {
  return {{"ChallengeParameters", Json::object()},
          {"AuthenticationResult",
           authentication_result(sign_in(c.b, c.ctx.endpoint_url(), *c.pool, c.client, user))}};
}

Json new_password_challenge(Call& c, const User& user) {
  Json attributes = user.attributes;
  attributes.erase("sub");
  const auto session =
      c.b.put_challenge({"NEW_PASSWORD_REQUIRED", c.pool->id, c.client.id, user.username, "", "",
                         "", "", unix_now() + kChallengeSeconds});
  return {{"ChallengeName", "NEW_PASSWORD_REQUIRED"},
          {"Session", session},
          {"ChallengeParameters",
           {{"USER_ID_FOR_SRP", user.username},
            {"requiredAttributes", "[]"},
            {"userAttributes", attributes.dump()}}}};
}

// Where every proven sign-in ends: the user's state decides between tokens and a challenge.
Json signed_in(Call& c, const User& user) {
  check_may_sign_in(user);
  if (user.status == UserStatus::ForceChangePassword) {
    return new_password_challenge(c, user);
  }
  return tokens_for(c, user);
}

Json password_auth(Call& c, const Json& params) {
  const auto username = parameter(params, "USERNAME");
  const auto password = parameter(params, "PASSWORD");
  check_parameter_hash(c.client, params, username);
  const User user = signing_in_user(c.b, *c.pool, c.client, username);
  check_password(user, password);
  return signed_in(c, user);
}

Json refresh_auth(Call& c, const Json& params) {
  const auto token = parameter(params, "REFRESH_TOKEN");
  auto tokens = refresh(c.b, c.ctx.endpoint_url(), c.client, token);
  if (!tokens) {
    throw errors::not_authorized("Invalid Refresh Token");
  }
  if (!c.client.secret.empty()) {
    // Cognito checks SECRET_HASH against the username the tokens are for.
    check_parameter_hash(c.client, params, tokens->username);
  }
  return {{"ChallengeParameters", Json::object()},
          {"AuthenticationResult", authentication_result(*tokens)}};
}

Json srp_auth(Call& c, const Json& params) {
  const auto username = parameter(params, "USERNAME");
  const auto srp_a = parameter(params, "SRP_A");
  check_parameter_hash(c.client, params, username);
  if (!is_valid_srp_a(srp_a)) {
    throw errors::invalid_parameter("Invalid SRP_A.");
  }
  const User user = signing_in_user(c.b, *c.pool, c.client, username);
  if (user.srp_verifier.empty()) {
    throw errors::incorrect_credentials();
  }
  const auto challenge = server_challenge(user.srp_verifier);
  const auto secret_block = make_secret_block();
  const auto session = random_alnum(48);
  c.b.put_challenge({"PASSWORD_VERIFIER", c.pool->id, c.client.id, user.username, challenge.b_hex,
                     challenge.srp_b_hex, srp_a, session, unix_now() + kChallengeSeconds},
                    "srp:" + secret_block);
  return {{"ChallengeName", "PASSWORD_VERIFIER"},
          {"Session", session},
          {"ChallengeParameters",
           {{"SALT", user.srp_salt},
            {"SECRET_BLOCK", secret_block},
            {"SRP_B", challenge.srp_b_hex},
            {"USERNAME", user.username},
            {"USER_ID_FOR_SRP", user.username}}}};
}

Json initiate(Call& c, const Json& in, bool admin) {
  const auto& flow = required_string(in, "AuthFlow");
  const Json& params = parameters(in, "AuthParameters");
  const bool admin_flow = flow == "ADMIN_USER_PASSWORD_AUTH" || flow == "ADMIN_NO_SRP_AUTH";
  const bool known = admin_flow || flow == "USER_PASSWORD_AUTH" || flow == "USER_SRP_AUTH" ||
                     flow == "REFRESH_TOKEN_AUTH" || flow == "REFRESH_TOKEN" ||
                     flow == "CUSTOM_AUTH";
  if (!known) {
    throw errors::invalid_parameter(
        "1 validation error detected: Value '" + flow +
        "' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set");
  }
  if ((admin_flow && !admin) || (flow == "USER_PASSWORD_AUTH" && admin)) {
    throw errors::invalid_parameter("Initiate Auth method not supported.");
  }
  if (!allows_auth_flow(c.client, flow)) {
    throw errors::invalid_parameter((admin_flow ? std::string("Auth") : flow) +
                                    " flow not enabled for this client");
  }
  if (flow == "CUSTOM_AUTH") {
    throw errors::invalid_user_pool_configuration(
        "CUSTOM_AUTH needs Lambda triggers, which Preflight does not run yet.");
  }
  if (admin_flow || flow == "USER_PASSWORD_AUTH") {
    return password_auth(c, params);
  }
  if (flow == "USER_SRP_AUTH") {
    return srp_auth(c, params);
  }
  return refresh_auth(c, params);
}

Json password_verifier(Call& c, const Json& in, const Json& responses) {
  const auto username = parameter(responses, "USERNAME");
  const auto secret_block = parameter(responses, "PASSWORD_CLAIM_SECRET_BLOCK");
  const auto timestamp = parameter(responses, "TIMESTAMP");
  const auto signature = parameter(responses, "PASSWORD_CLAIM_SIGNATURE");
  check_parameter_hash(c.client, responses, username);
  if (!parse_srp_timestamp(timestamp)) {
    throw errors::invalid_parameter("TIMESTAMP format is invalid.");
  }
  std::optional<Challenge> challenge;
  std::optional<User> user = c.b.find_user(*c.pool, username);
  if (user) {
    // The challenge is found by its secret block (SRP_A travels only in InitiateAuth); the
    // Session, which not every client sends back, must be the one it was given.
    challenge = c.b.take_challenge("srp:" + secret_block);
  }
  const auto session = core::input::string(in, "Session");
  if (!user || !challenge || challenge->client_id != c.client.id ||
      challenge->username != user->username || (session && *session != challenge->session)) {
    throw errors::incorrect_credentials();
  }
  const ServerChallenge server{challenge->b_hex, challenge->srp_b_hex};
  if (!verify_password_claim(srp_pool_name(c.pool->id), user->username, user->srp_verifier, server,
                             {challenge->srp_a_hex, secret_block, timestamp, signature})) {
    throw errors::incorrect_credentials();
  }
  return signed_in(c, *user);
}

Json new_password(Call& c, const Json& in, const Json& responses) {
  const auto session = core::input::string(in, "Session").value_or("");
  auto challenge = c.b.take_challenge(session);
  if (!challenge || challenge->name != "NEW_PASSWORD_REQUIRED" ||
      challenge->client_id != c.client.id) {
    throw errors::invalid_session();
  }
  const auto password = parameter(responses, "NEW_PASSWORD");
  check_parameter_hash(c.client, responses, challenge->username);
  User user = c.b.user(*c.pool, challenge->username);
  try {
    check_password_policy(password_policy(*c.pool), password);
  } catch (...) {
    c.b.put_challenge(*challenge, session);  // the user may try another password
    throw;
  }
  for (const auto& [name, value] : responses.items()) {
    if (name.starts_with("userAttributes.") && value.is_string()) {
      user.attributes[name.substr(15)] = value;
    }
  }
  c.b.set_password(*c.pool, user, password);
  user.status = UserStatus::Confirmed;
  c.b.save_user(*c.pool, user);
  return signed_in(c, user);
}

Json respond(Call& c, const Json& in) {
  const auto& name = required_string(in, "ChallengeName");
  const Json& responses = parameters(in, "ChallengeResponses");
  if (name == "PASSWORD_VERIFIER") {
    return password_verifier(c, in, responses);
  }
  if (name == "NEW_PASSWORD_REQUIRED") {
    return new_password(c, in, responses);
  }
  throw errors::invalid_parameter("Unsupported challenge: " + name);
}

}  // namespace

Result initiate_auth(Backend& b, core::RequestContext& ctx, const Json& in) {
  auto c = public_call(b, ctx, in);
  co_return initiate(c, in, false);
}

Result admin_initiate_auth(Backend& b, core::RequestContext& ctx, const Json& in) {
  auto c = admin_call(b, ctx, in);
  co_return initiate(c, in, true);
}

Result respond_to_auth_challenge(Backend& b, core::RequestContext& ctx, const Json& in) {
  auto c = public_call(b, ctx, in);
  co_return respond(c, in);
}

Result admin_respond_to_auth_challenge(Backend& b, core::RequestContext& ctx, const Json& in) {
  auto c = admin_call(b, ctx, in);
  co_return respond(c, in);
}

}  // namespace preflight::cognito
