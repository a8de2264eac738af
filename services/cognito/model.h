#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "emulator/common/json.h"

// The records a user pool is made of, as stored. Configuration that Cognito only echoes back is
// kept as the JSON the client sent (config); what the emulator acts on has an accessor in
// pool.h / client.h.
namespace preflight::cognito {

struct Pool {
  std::string id;  // "us-east-1_AbC123xyZ"
  std::string account_id;
  std::string region;
  std::string name;
  Json config = Json::object();  // UserPoolType members: Policies, SchemaAttributes, ...
  std::string key_pem;           // the pool's RSA signing key (a secret: never logged)
  std::string kid;
  std::int64_t created = 0;
  std::int64_t last_modified = 0;
};

struct Client {
  std::string id;
  std::string pool_id;
  std::string name;
  std::string secret;            // empty: a public client
  Json config = Json::object();  // UserPoolClientType members: ExplicitAuthFlows, ...
  std::int64_t created = 0;
  std::int64_t last_modified = 0;
};

enum class UserStatus {
  Unconfirmed,
  Confirmed,
  ForceChangePassword,
  ResetRequired,
};
std::string_view status_name(UserStatus s);  // "UNCONFIRMED", "CONFIRMED", ...

struct User {
  std::string pool_id;
  std::string username;
  Json attributes = Json::object();  // name -> value, "sub" included
  UserStatus status = UserStatus::Unconfirmed;
  bool enabled = true;
  std::string password_hash;  // password.h's format; empty: no password yet
  std::string srp_salt;       // hex; SRP-6a as Cognito derives it (srp.h)
  std::string srp_verifier;   // hex
  std::int64_t created = 0;
  std::int64_t last_modified = 0;

  std::string sub() const { return attributes.value("sub", ""); }
  std::string attribute(const std::string& name) const { return attributes.value(name, ""); }
};

struct Group {
  std::string pool_id;
  std::string name;
  std::string description;
  std::string role_arn;
  std::optional<std::int64_t> precedence;
  std::int64_t created = 0;
  std::int64_t last_modified = 0;
};

struct ResourceServer {
  std::string pool_id;
  std::string identifier;
  std::string name;
  Json scopes = Json::array();  // [{ScopeName, ScopeDescription}]
};

struct Domain {
  std::string domain;
  std::string pool_id;
  std::string account_id;
  Json config = Json::object();  // CustomDomainConfig, ManagedLoginVersion
  std::int64_t created = 0;
};

// One sign-in: its refresh token (stored hashed) and the origin_jti every token it yields carries.
struct Session {
  std::string origin_jti;
  std::string pool_id;
  std::string client_id;
  std::string username;
  std::string refresh_hash;  // sha256 hex of the refresh token
  std::string scopes;        // space-separated, as the access token's scope claim
  std::int64_t auth_time = 0;
  std::int64_t expires = 0;  // of the refresh token
  bool revoked = false;
};

// A code sent (here: logged and served locally) to confirm a sign-up, reset a password or verify
// an attribute.
struct Code {
  std::string pool_id;
  std::string username;
  std::string purpose;  // "SignUp" | "ForgotPassword" | "VerifyAttribute"
  std::string attribute;
  std::string code;
  std::int64_t created = 0;
  std::int64_t expires = 0;
};

}  // namespace preflight::cognito
