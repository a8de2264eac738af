#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/storage/database.h"
#include "services/cognito/model.h"

// All Cognito SQL. Users are keyed by (pool, username key): the username itself, or its lower
// case in a case-insensitive pool; email_key (lower case) finds users by email for pools that
// sign in with it.
namespace preflight::cognito {

class Store {
 public:
  explicit Store(core::Database& db);
  core::Database& db() { return db_; }

  // ---- pools ----
  std::optional<Pool> pool(std::string_view id);
  std::optional<Pool> pool_by_kid(std::string_view kid);
  std::vector<Pool> pools(std::string_view account, std::string_view region);
  void insert_pool(const Pool& pool);
  void update_pool(const Pool& pool);
  void delete_pool(std::string_view id);  // and everything in it
  std::int64_t count_users(std::string_view pool_id);

  // ---- clients ----
  std::optional<Client> client(std::string_view id);
  std::vector<Client> clients(std::string_view pool_id);
  void put_client(const Client& client);
  void delete_client(std::string_view id);

  // ---- users ----
  std::optional<User> user(std::string_view pool_id, std::string_view username_key);
  std::vector<User> users_by_email(std::string_view pool_id, std::string_view email_key);
  std::vector<User> users(std::string_view pool_id);  // by username
  void insert_user(const User& user, std::string_view username_key, std::string_view email_key);
  void update_user(const User& user, std::string_view username_key, std::string_view email_key);
  void delete_user(std::string_view pool_id, std::string_view username);

  // ---- groups ----
  std::optional<Group> group(std::string_view pool_id, std::string_view name);
  std::vector<Group> groups(std::string_view pool_id);
  void put_group(const Group& group);
  void delete_group(std::string_view pool_id, std::string_view name);
  void add_member(std::string_view pool_id, std::string_view group, std::string_view username);
  void remove_member(std::string_view pool_id, std::string_view group, std::string_view username);
  std::vector<std::string> groups_of(std::string_view pool_id, std::string_view username);
  std::vector<std::string> members(std::string_view pool_id, std::string_view group);

  // ---- domains and resource servers ----
  std::optional<Domain> domain(std::string_view domain);
  std::optional<Domain> domain_of_pool(std::string_view pool_id);
  void insert_domain(const Domain& domain);
  void delete_domain(std::string_view domain);
  std::optional<ResourceServer> resource_server(std::string_view pool_id,
                                                std::string_view identifier);
  std::vector<ResourceServer> resource_servers(std::string_view pool_id);
  void put_resource_server(const ResourceServer& server);
  void delete_resource_server(std::string_view pool_id, std::string_view identifier);

  // ---- sessions (refresh tokens) ----
  void insert_session(const Session& session);
  std::optional<Session> session_by_refresh(std::string_view refresh_hash);
  // Revoked or unknown origin_jti: false. Unknown counts as not revoked (client_credentials).
  bool session_revoked(std::string_view origin_jti);
  void revoke_session(std::string_view origin_jti);
  void revoke_sessions_of(std::string_view pool_id, std::string_view username);

  // ---- codes ----
  void insert_code(const Code& code);
  std::vector<Code> codes(std::string_view pool_id, std::string_view username);
  // The newest code for this purpose (and attribute), if any.
  std::optional<Code> latest_code(std::string_view pool_id, std::string_view username,
                                  std::string_view purpose);
  void delete_codes(std::string_view pool_id, std::string_view username, std::string_view purpose);

 private:
  core::Database& db_;
};

}  // namespace preflight::cognito
