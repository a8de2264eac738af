#include "services/cognito/store.h"

#include "emulator/protocol/json_body.h"
#include "services/cognito/store_rows.h"

namespace preflight::cognito {
namespace {

using rows::all;
using rows::one;
using rows::sql;

const std::vector<std::string> kSchema = {
    "CREATE TABLE cognito_pools ("
    "  id TEXT PRIMARY KEY, account_id TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,"
    "  config TEXT NOT NULL, key_pem TEXT NOT NULL, kid TEXT NOT NULL UNIQUE,"
    "  created INTEGER NOT NULL, last_modified INTEGER NOT NULL)",
    "CREATE TABLE cognito_clients ("
    "  id TEXT PRIMARY KEY, pool_id TEXT NOT NULL, name TEXT NOT NULL, secret TEXT NOT NULL,"
    "  config TEXT NOT NULL, created INTEGER NOT NULL, last_modified INTEGER NOT NULL)",
    "CREATE INDEX cognito_clients_pool ON cognito_clients (pool_id)",
    "CREATE TABLE cognito_users ("
    "  pool_id TEXT NOT NULL, username_key TEXT NOT NULL, username TEXT NOT NULL,"
    "  email_key TEXT, attributes TEXT NOT NULL, status INTEGER NOT NULL,"
    "  enabled INTEGER NOT NULL, password_hash TEXT NOT NULL, srp_salt TEXT NOT NULL,"
    "  srp_verifier TEXT NOT NULL, created INTEGER NOT NULL, last_modified INTEGER NOT NULL,"
    "  PRIMARY KEY (pool_id, username_key))",
    "CREATE INDEX cognito_users_email ON cognito_users (pool_id, email_key)",
    "CREATE TABLE cognito_groups ("
    "  pool_id TEXT NOT NULL, name TEXT NOT NULL, description TEXT NOT NULL,"
    "  role_arn TEXT NOT NULL, precedence INTEGER, created INTEGER NOT NULL,"
    "  last_modified INTEGER NOT NULL, PRIMARY KEY (pool_id, name))",
    "CREATE TABLE cognito_memberships ("
    "  pool_id TEXT NOT NULL, group_name TEXT NOT NULL, username TEXT NOT NULL,"
    "  PRIMARY KEY (pool_id, group_name, username))",
    "CREATE INDEX cognito_memberships_user ON cognito_memberships (pool_id, username)",
    "CREATE TABLE cognito_domains ("
    "  domain TEXT PRIMARY KEY, pool_id TEXT NOT NULL, account_id TEXT NOT NULL,"
    "  config TEXT NOT NULL, created INTEGER NOT NULL)",
    "CREATE TABLE cognito_resource_servers ("
    "  pool_id TEXT NOT NULL, identifier TEXT NOT NULL, name TEXT NOT NULL,"
    "  scopes TEXT NOT NULL, PRIMARY KEY (pool_id, identifier))",
    "CREATE TABLE cognito_sessions ("
    "  origin_jti TEXT PRIMARY KEY, pool_id TEXT NOT NULL, client_id TEXT NOT NULL,"
    "  username TEXT NOT NULL, refresh_hash TEXT NOT NULL UNIQUE, scopes TEXT NOT NULL,"
    "  auth_time INTEGER NOT NULL, expires INTEGER NOT NULL, revoked INTEGER NOT NULL)",
    "CREATE INDEX cognito_sessions_user ON cognito_sessions (pool_id, username)",
    "CREATE TABLE cognito_codes ("
    "  id INTEGER PRIMARY KEY, pool_id TEXT NOT NULL, username TEXT NOT NULL,"
    "  purpose TEXT NOT NULL, attribute TEXT NOT NULL, code TEXT NOT NULL,"
    "  created INTEGER NOT NULL, expires INTEGER NOT NULL)",
    "CREATE INDEX cognito_codes_user ON cognito_codes (pool_id, username)",
};

constexpr const char* kPoolColumns =
    "SELECT id, account_id, region, name, config, key_pem, kid, created, last_modified "
    "FROM cognito_pools ";
constexpr const char* kClientColumns =
    "SELECT id, pool_id, name, secret, config, created, last_modified FROM cognito_clients ";
constexpr const char* kUserColumns =
    "SELECT pool_id, username, attributes, status, enabled, password_hash, srp_salt, "
    "srp_verifier, created, last_modified FROM cognito_users ";
constexpr const char* kGroupColumns =
    "SELECT pool_id, name, description, role_arn, precedence, created, last_modified "
    "FROM cognito_groups ";

Pool read_pool(const core::Query& q) {
  return Pool{q.str(0), q.str(1), q.str(2),   q.str(3),  Json::parse(q.text(4)),
              q.str(5), q.str(6), q.int64(7), q.int64(8)};
}

Client read_client(const core::Query& q) {
  return Client{q.str(0),   q.str(1),  q.str(2), q.str(3), Json::parse(q.text(4)),
                q.int64(5), q.int64(6)};
}

User read_user(const core::Query& q) {
  User u;
  u.pool_id = q.str(0);
  u.username = q.str(1);
  u.attributes = Json::parse(q.text(2));
  u.status = static_cast<UserStatus>(q.int64(3));
  u.enabled = q.int64(4) != 0;
  u.password_hash = q.str(5);
  u.srp_salt = q.str(6);
  u.srp_verifier = q.str(7);
  u.created = q.int64(8);
  u.last_modified = q.int64(9);
  return u;
}

Group read_group(const core::Query& q) {
  Group g{q.str(0), q.str(1), q.str(2), q.str(3), std::nullopt, q.int64(5), q.int64(6)};
  if (!q.is_null(4)) {
    g.precedence = q.int64(4);
  }
  return g;
}

void bind_nullable(core::Query& q, int index, std::string_view text) {
  if (text.empty()) {
    q.bind_null(index);
  } else {
    q.bind(index, text);
  }
}

}  // namespace

Store::Store(core::Database& db) : db_(db) {
  db_.migrate("cognito", kSchema);
}

// ---- pools ----

std::optional<Pool> Store::pool(std::string_view id) {
  auto q = db_.query(sql(kPoolColumns, "WHERE id = ?"));
  q.bind(1, id);
  return one<Pool>(std::move(q), read_pool);
}

std::optional<Pool> Store::pool_by_kid(std::string_view kid) {
  auto q = db_.query(sql(kPoolColumns, "WHERE kid = ?"));
  q.bind(1, kid);
  return one<Pool>(std::move(q), read_pool);
}

std::vector<Pool> Store::pools(std::string_view account, std::string_view region) {
  auto q = db_.query(sql(kPoolColumns, "WHERE account_id = ? AND region = ? ORDER BY id"));
  q.bind_all(account, region);
  return all<Pool>(std::move(q), read_pool);
}

void Store::insert_pool(const Pool& p) {
  db_.query(
         "INSERT INTO cognito_pools (id, account_id, region, name, config, key_pem, kid, created, "
         "last_modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind_all(p.id, p.account_id, p.region, p.name, core::dump_json(p.config), p.key_pem, p.kid,
                p.created, p.last_modified)
      .exec();
}

void Store::update_pool(const Pool& p) {
  db_.query("UPDATE cognito_pools SET name = ?, config = ?, last_modified = ? WHERE id = ?")
      .bind_all(p.name, core::dump_json(p.config), p.last_modified, p.id)
      .exec();
}

void Store::delete_pool(std::string_view id) {
  core::Transaction tx(db_);
  for (const char* table :
       {"cognito_pools WHERE id", "cognito_clients WHERE pool_id", "cognito_users WHERE pool_id",
        "cognito_groups WHERE pool_id", "cognito_memberships WHERE pool_id",
        "cognito_domains WHERE pool_id", "cognito_resource_servers WHERE pool_id",
        "cognito_sessions WHERE pool_id", "cognito_codes WHERE pool_id"}) {
    db_.query(std::string("DELETE FROM ") + table + " = ?").bind(1, id).exec();
  }
  tx.commit();
}

std::int64_t Store::count_users(std::string_view pool_id) {
  auto q = db_.query("SELECT COUNT(*) FROM cognito_users WHERE pool_id = ?");
  q.bind(1, pool_id);
  return q.step() ? q.int64(0) : 0;
}

// ---- clients ----

std::optional<Client> Store::client(std::string_view id) {
  auto q = db_.query(sql(kClientColumns, "WHERE id = ?"));
  q.bind(1, id);
  return one<Client>(std::move(q), read_client);
}

std::vector<Client> Store::clients(std::string_view pool_id) {
  auto q = db_.query(sql(kClientColumns, "WHERE pool_id = ? ORDER BY created, id"));
  q.bind(1, pool_id);
  return all<Client>(std::move(q), read_client);
}

void Store::put_client(const Client& c) {
  db_.query(
         "INSERT OR REPLACE INTO cognito_clients (id, pool_id, name, secret, config, created, "
         "last_modified) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .bind_all(c.id, c.pool_id, c.name, c.secret, core::dump_json(c.config), c.created,
                c.last_modified)
      .exec();
}

void Store::delete_client(std::string_view id) {
  db_.query("DELETE FROM cognito_clients WHERE id = ?").bind(1, id).exec();
}

// ---- users ----

std::optional<User> Store::user(std::string_view pool_id, std::string_view username_key) {
  auto q = db_.query(sql(kUserColumns, "WHERE pool_id = ? AND username_key = ?"));
  q.bind_all(pool_id, username_key);
  return one<User>(std::move(q), read_user);
}

std::vector<User> Store::users_by_email(std::string_view pool_id, std::string_view email_key) {
  auto q = db_.query(sql(kUserColumns, "WHERE pool_id = ? AND email_key = ? ORDER BY created"));
  q.bind_all(pool_id, email_key);
  return all<User>(std::move(q), read_user);
}

std::vector<User> Store::users(std::string_view pool_id) {
  auto q = db_.query(sql(kUserColumns, "WHERE pool_id = ? ORDER BY username"));
  q.bind(1, pool_id);
  return all<User>(std::move(q), read_user);
}

void Store::insert_user(const User& u, std::string_view username_key, std::string_view email_key) {
  auto q = db_.query(
      "INSERT INTO cognito_users (pool_id, username_key, username, email_key, attributes, "
      "status, enabled, password_hash, srp_salt, srp_verifier, created, last_modified) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  q.bind_all(u.pool_id, username_key, u.username, "", core::dump_json(u.attributes),
             static_cast<std::int64_t>(u.status), static_cast<std::int64_t>(u.enabled),
             u.password_hash, u.srp_salt, u.srp_verifier, u.created, u.last_modified);
  bind_nullable(q, 4, email_key);
  q.exec();
}

void Store::update_user(const User& u, std::string_view username_key, std::string_view email_key) {
  auto q = db_.query(
      "UPDATE cognito_users SET email_key = ?, attributes = ?, status = ?, enabled = ?, "
      "password_hash = ?, srp_salt = ?, srp_verifier = ?, last_modified = ? "
      "WHERE pool_id = ? AND username_key = ?");
  q.bind_all("", core::dump_json(u.attributes), static_cast<std::int64_t>(u.status),
             static_cast<std::int64_t>(u.enabled), u.password_hash, u.srp_salt, u.srp_verifier,
             u.last_modified, u.pool_id, username_key);
  bind_nullable(q, 1, email_key);
  q.exec();
}

void Store::delete_user(std::string_view pool_id, std::string_view username) {
  core::Transaction tx(db_);
  for (const char* table :
       {"cognito_users", "cognito_memberships", "cognito_sessions", "cognito_codes"}) {
    db_.query(std::string("DELETE FROM ") + table + " WHERE pool_id = ? AND username = ?")
        .bind_all(pool_id, username)
        .exec();
  }
  tx.commit();
}

// ---- groups ----

std::optional<Group> Store::group(std::string_view pool_id, std::string_view name) {
  auto q = db_.query(sql(kGroupColumns, "WHERE pool_id = ? AND name = ?"));
  q.bind_all(pool_id, name);
  return one<Group>(std::move(q), read_group);
}

std::vector<Group> Store::groups(std::string_view pool_id) {
  auto q = db_.query(sql(kGroupColumns, "WHERE pool_id = ? ORDER BY name"));
  q.bind(1, pool_id);
  return all<Group>(std::move(q), read_group);
}

void Store::put_group(const Group& g) {
  auto q = db_.query(
      "INSERT OR REPLACE INTO cognito_groups (pool_id, name, description, role_arn, precedence, "
      "created, last_modified) VALUES (?, ?, ?, ?, ?, ?, ?)");
  q.bind_all(g.pool_id, g.name, g.description, g.role_arn, 0, g.created, g.last_modified);
  if (g.precedence) {
    q.bind(5, *g.precedence);
  } else {
    q.bind_null(5);
  }
  q.exec();
}

void Store::delete_group(std::string_view pool_id, std::string_view name) {
  core::Transaction tx(db_);
  db_.query("DELETE FROM cognito_groups WHERE pool_id = ? AND name = ?")
      .bind_all(pool_id, name)
      .exec();
  db_.query("DELETE FROM cognito_memberships WHERE pool_id = ? AND group_name = ?")
      .bind_all(pool_id, name)
      .exec();
  tx.commit();
}

void Store::add_member(std::string_view pool_id, std::string_view group,
                       std::string_view username) {
  db_.query(
         "INSERT OR IGNORE INTO cognito_memberships (pool_id, group_name, username) "
         "VALUES (?, ?, ?)")
      .bind_all(pool_id, group, username)
      .exec();
}

void Store::remove_member(std::string_view pool_id, std::string_view group,
                          std::string_view username) {
  db_.query("DELETE FROM cognito_memberships WHERE pool_id = ? AND group_name = ? AND username = ?")
      .bind_all(pool_id, group, username)
      .exec();
}

std::vector<std::string> Store::groups_of(std::string_view pool_id, std::string_view username) {
  // Ordered as Cognito orders cognito:groups: by precedence (lowest first), then name.
  auto q = db_.query(
      "SELECT m.group_name FROM cognito_memberships m JOIN cognito_groups g "
      "ON g.pool_id = m.pool_id AND g.name = m.group_name WHERE m.pool_id = ? AND m.username = ? "
      "ORDER BY g.precedence IS NULL, g.precedence, m.group_name");
  q.bind_all(pool_id, username);
  return all<std::string>(std::move(q), [](const core::Query& r) { return r.str(0); });
}

std::vector<std::string> Store::members(std::string_view pool_id, std::string_view group) {
  auto q = db_.query(
      "SELECT username FROM cognito_memberships WHERE pool_id = ? AND group_name = ? "
      "ORDER BY username");
  q.bind_all(pool_id, group);
  return all<std::string>(std::move(q), [](const core::Query& r) { return r.str(0); });
}

}  // namespace preflight::cognito
