#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "emulator/common/rsa_key.h"
#include "emulator/service/environment.h"
#include "services/cognito/store.h"

namespace preflight::cognito {

using PoolPtr = std::shared_ptr<const Pool>;

// A sign-in that waits for RespondToAuthChallenge: PASSWORD_VERIFIER (SRP) or
// NEW_PASSWORD_REQUIRED. Kept in memory for its few minutes, found by its Session string (or, for
// SRP, by its SECRET_BLOCK).
struct Challenge {
  std::string name;  // "PASSWORD_VERIFIER" | "NEW_PASSWORD_REQUIRED"
  std::string pool_id;
  std::string client_id;
  std::string username;
  std::string b_hex;  // SRP: the server's secret exponent
  std::string srp_b_hex;
  std::string srp_a_hex;  // the client's SRP_A from InitiateAuth
  std::string session;    // SRP: the Session InitiateAuth answered with
  std::int64_t expires = 0;
};

// An OAuth2 authorization code between /login and /oauth2/token: one use, 5 minutes.
struct AuthorizationCode {
  std::string pool_id;
  std::string client_id;
  std::string username;
  std::string redirect_uri;
  std::string scopes;
  std::string code_challenge;
  std::string code_challenge_method;
  std::string nonce;
  std::int64_t auth_time = 0;
  std::int64_t expires = 0;
};

// The Cognito service's state: its store, caches of pools and signing keys (every token issue and
// check needs the key), and the short-lived sign-in state.
class Backend {
 public:
  explicit Backend(core::Environment& env);

  Store& store() { return store_; }
  core::Environment& env() { return env_; }
  int hash_iterations() const { return hash_iterations_; }

  // ---- pools and clients (throw ResourceNotFoundException) ----
  PoolPtr pool(std::string_view id);
  PoolPtr find_pool(std::string_view id);
  PoolPtr pool_of(const Json& input);  // the UserPoolId member (required)
  void forget_pool(std::string_view id);
  Client client(std::string_view client_id);
  Client client_of(const Pool& pool, const Json& input);  // the ClientId member, in that pool
  const RsaKey& key(const Pool& pool);
  std::string new_pool_id(std::string_view region) const;

  // ---- users ----
  // By username, or by email where the pool signs in with it (username attribute or verified
  // alias).
  std::optional<User> find_user(const Pool& pool, std::string_view name);
  User user(const Pool& pool, std::string_view name);  // throws UserNotFoundException
  // Stores a new user; UsernameExistsException / AliasExistsException on a clash.
  void insert_user(const Pool& pool, const User& user,
                   std::string exists_message = "User already exists");
  void save_user(const Pool& pool, User& user);  // stamps last_modified
  // Hashes the password and derives the SRP verifier; does not save.
  void set_password(const Pool& pool, User& user, std::string_view password) const;

  // ---- codes (logged and served at /_preflight/cognito/codes; no e-mail is sent) ----
  std::string issue_code(const Pool& pool, const User& user, std::string_view purpose,
                         std::string_view attribute, std::int64_t valid_seconds);
  // Throws CodeMismatchException / ExpiredCodeException; a used code is gone.
  void consume_code(const Pool& pool, const User& user, std::string_view purpose,
                    std::string_view code);
  // CodeDeliveryDetails for where the code would have gone ("t***@e***").
  Json delivery_details(const User& user) const;

  // ---- sign-in state ----
  // Returns the key it is found by: `key`, or a new Session string when empty.
  std::string put_challenge(Challenge challenge, std::string key = {});
  std::optional<Challenge> take_challenge(std::string_view session);
  std::string put_authorization_code(AuthorizationCode code);
  std::optional<AuthorizationCode> take_authorization_code(std::string_view code);

  void forget_all();

 private:
  void sweep();

  core::Environment& env_;
  Store store_;
  int hash_iterations_ = 10000;
  std::unordered_map<std::string, PoolPtr> pools_;
  std::unordered_map<std::string, RsaKey> keys_;  // by kid
  std::unordered_map<std::string, Challenge> challenges_;
  std::unordered_map<std::string, AuthorizationCode> codes_;
  std::int64_t next_sweep_ = 0;
};

}  // namespace preflight::cognito
