#include "services/cognito/backend.h"

#include <random>

#include "emulator/common/crypto.h"
#include "emulator/common/ids.h"
#include "emulator/common/log.h"
#include "emulator/common/strings.h"
#include "emulator/common/time_format.h"
#include "emulator/service/input.h"
#include "services/cognito/errors.h"
#include "services/cognito/password.h"
#include "services/cognito/pool.h"
#include "services/cognito/srp.h"

namespace preflight::cognito {
namespace {

std::string random_digits(std::size_t n) {
  static std::mt19937_64 rng{std::random_device{}()};
  std::uniform_int_distribution<int> digit(0, 9);
  std::string out(n, '0');
  for (auto& c : out) {
    c = static_cast<char>('0' + digit(rng));
  }
  return out;
}

std::string masked(std::string_view email) {
  const auto at = email.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= email.size()) {
    return "***";
  }
  return std::string(1, email[0]) + "***@" + std::string(1, email[at + 1]) + "***";
}

}  // namespace

Backend::Backend(core::Environment& env) : env_(env), store_(env.db) {
  hash_iterations_ = std::stoi(env.config.option("cognito.password-hash-iterations", "10000"));
}

// ---- pools and clients ----

PoolPtr Backend::find_pool(std::string_view id) {
  if (const auto it = pools_.find(std::string(id)); it != pools_.end()) {
    return it->second;
  }
  auto pool = store_.pool(id);
  if (!pool) {
    return nullptr;
  }
  auto ptr = std::make_shared<const Pool>(std::move(*pool));
  pools_.emplace(ptr->id, ptr);
  return ptr;
}

PoolPtr Backend::pool(std::string_view id) {
  auto p = find_pool(id);
  if (!p) {
    throw errors::pool_not_found(id);
  }
  return p;
}

PoolPtr Backend::pool_of(const Json& input) {
  const auto id = core::input::string(input, "UserPoolId");
  if (!id) {
    throw errors::invalid_parameter(
        "1 validation error detected: Value null at 'userPoolId' "
        "failed to satisfy constraint: Member must not be null");
  }
  return pool(*id);
}

void Backend::forget_pool(std::string_view id) {
  pools_.erase(std::string(id));
}

Client Backend::client(std::string_view client_id) {
  auto c = store_.client(client_id);
  if (!c) {
    throw errors::client_not_found(client_id);
  }
  return std::move(*c);
}

Client Backend::client_of(const Pool& pool, const Json& input) {
  const auto id = core::input::string(input, "ClientId");
  if (!id) {
    throw errors::invalid_parameter(
        "1 validation error detected: Value null at 'clientId' "
        "failed to satisfy constraint: Member must not be null");
  }
  auto c = store_.client(*id);
  if (!c || c->pool_id != pool.id) {
    throw errors::client_not_found(*id);
  }
  return std::move(*c);
}

const RsaKey& Backend::key(const Pool& pool) {
  if (const auto it = keys_.find(pool.kid); it != keys_.end()) {
    return it->second;
  }
  auto key = RsaKey::from_private_pem(pool.key_pem, pool.kid);
  if (!key) {
    throw std::runtime_error("user pool " + pool.id + " has an unreadable signing key");
  }
  return keys_.emplace(pool.kid, std::move(*key)).first->second;
}

std::string Backend::new_pool_id(std::string_view region) const {
  return std::string(region) + "_" + random_alnum(9);
}

// ---- users ----

std::optional<User> Backend::find_user(const Pool& pool, std::string_view name) {
  if (name.empty()) {
    return std::nullopt;
  }
  if (auto u = store_.user(pool.id, username_key(pool, name))) {
    return u;
  }
  if (email_is_username(pool) || email_is_alias(pool)) {
    auto found = store_.users_by_email(pool.id, to_lower(name));
    if (!found.empty()) {
      return std::move(found.front());
    }
  }
  return std::nullopt;
}

User Backend::user(const Pool& pool, std::string_view name) {
  auto u = find_user(pool, name);
  if (!u) {
    throw errors::user_not_found();
  }
  return std::move(*u);
}

namespace {
void check_email_clash(Store& store, const Pool& pool, const User& user, const std::string& key) {
  if (key.empty()) {
    return;
  }
  for (const auto& other : store.users_by_email(pool.id, key)) {
    if (other.username != user.username) {
      if (email_is_username(pool)) {
        throw errors::username_exists("An account with the given email already exists.");
      }
      throw errors::alias_exists();
    }
  }
}
}  // namespace

void Backend::insert_user(const Pool& pool, const User& user, std::string exists_message) {
  const auto key = username_key(pool, user.username);
  if (store_.user(pool.id, key)) {
    throw errors::username_exists(std::move(exists_message));
  }
  const auto email = email_key(pool, user);
  check_email_clash(store_, pool, user, email);
  store_.insert_user(user, key, email);
}

void Backend::save_user(const Pool& pool, User& user) {
  user.last_modified = unix_now();
  const auto email = email_key(pool, user);
  check_email_clash(store_, pool, user, email);
  store_.update_user(user, username_key(pool, user.username), email);
}

void Backend::set_password(const Pool& pool, User& user, std::string_view password) const {
  user.password_hash = hash_password(password, hash_iterations_);
  auto verifier = make_verifier(srp_pool_name(pool.id), user.username, password);
  user.srp_salt = std::move(verifier.salt_hex);
  user.srp_verifier = std::move(verifier.verifier_hex);
}

// ---- codes ----

std::string Backend::issue_code(const Pool& pool, const User& user, std::string_view purpose,
                                std::string_view attribute, std::int64_t valid_seconds) {
  Code code{pool.id,
            user.username,
            std::string(purpose),
            std::string(attribute),
            random_digits(6),
            unix_now(),
            0};
  code.expires = code.created + valid_seconds;
  store_.insert_code(code);  // earlier codes stay listed but no longer confirm
  // No e-mail or SMS leaves this machine: the log and /_preflight/cognito/codes deliver it.
  log::info("cognito: code for " + pool.id + "/" + user.username + " (" + code.purpose +
            "): " + code.code);
  return code.code;
}

void Backend::consume_code(const Pool& pool, const User& user, std::string_view purpose,
                           std::string_view given) {
  const auto code = store_.latest_code(pool.id, user.username, purpose);
  if (!code || !constant_time_equals(code->code, given)) {
    throw errors::code_mismatch();
  }
  if (code->expires < unix_now()) {
    throw errors::expired_code();
  }
  store_.delete_codes(pool.id, user.username, purpose);
}

Json Backend::delivery_details(const User& user) const {
  return {{"Destination", masked(user.attribute("email"))},
          {"DeliveryMedium", "EMAIL"},
          {"AttributeName", "email"}};
}

// ---- sign-in state ----

void Backend::sweep() {
  const auto now = unix_now();
  if (now < next_sweep_) {
    return;
  }
  next_sweep_ = now + 60;
  std::erase_if(challenges_, [now](const auto& kv) { return kv.second.expires < now; });
  std::erase_if(codes_, [now](const auto& kv) { return kv.second.expires < now; });
}

std::string Backend::put_challenge(Challenge challenge, std::string session) {
  sweep();
  if (session.empty()) {
    session = random_alnum(48);
  }
  challenges_.emplace(session, std::move(challenge));
  return session;
}

std::optional<Challenge> Backend::take_challenge(std::string_view session) {
  const auto it = challenges_.find(std::string(session));
  if (it == challenges_.end()) {
    return std::nullopt;
  }
  Challenge c = std::move(it->second);
  challenges_.erase(it);
  if (c.expires < unix_now()) {
    return std::nullopt;
  }
  return c;
}

std::string Backend::put_authorization_code(AuthorizationCode code) {
  sweep();
  std::string id = new_uuid();
  codes_.emplace(id, std::move(code));
  return id;
}

std::optional<AuthorizationCode> Backend::take_authorization_code(std::string_view code) {
  const auto it = codes_.find(std::string(code));
  if (it == codes_.end()) {
    return std::nullopt;
  }
  AuthorizationCode c = std::move(it->second);
  codes_.erase(it);
  if (c.expires < unix_now()) {
    return std::nullopt;
  }
  return c;
}

void Backend::forget_all() {
  pools_.clear();
  keys_.clear();
  challenges_.clear();
  codes_.clear();
}

}  // namespace preflight::cognito
