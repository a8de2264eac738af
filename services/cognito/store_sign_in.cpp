// The Cognito store's other half: domains, resource servers, sessions (refresh tokens) and codes.
#include "emulator/protocol/json_body.h"
#include "services/cognito/store.h"
#include "services/cognito/store_rows.h"

namespace preflight::cognito {
namespace {

using rows::all;
using rows::one;
using rows::sql;

constexpr const char* kSessionColumns =
    "SELECT origin_jti, pool_id, client_id, username, refresh_hash, scopes, auth_time, expires, "
    "revoked FROM cognito_sessions ";
constexpr const char* kCodeColumns =
    "SELECT pool_id, username, purpose, attribute, code, created, expires FROM cognito_codes ";

Session read_session(const core::Query& q) {
  return Session{q.str(0), q.str(1),   q.str(2),   q.str(3),       q.str(4),
                 q.str(5), q.int64(6), q.int64(7), q.int64(8) != 0};
}

Code read_code(const core::Query& q) {
  return Code{q.str(0), q.str(1), q.str(2), q.str(3), q.str(4), q.int64(5), q.int64(6)};
}

}  // namespace

// ---- domains and resource servers ----

namespace {
Domain read_domain(const core::Query& q) {
  return Domain{q.str(0), q.str(1), q.str(2), Json::parse(q.text(3)), q.int64(4)};
}
ResourceServer read_server(const core::Query& q) {
  return ResourceServer{q.str(0), q.str(1), q.str(2), Json::parse(q.text(3))};
}
constexpr const char* kDomainColumns =
    "SELECT domain, pool_id, account_id, config, created FROM cognito_domains ";
constexpr const char* kServerColumns =
    "SELECT pool_id, identifier, name, scopes FROM cognito_resource_servers ";
}  // namespace

std::optional<Domain> Store::domain(std::string_view domain) {
  auto q = db_.query(sql(kDomainColumns, "WHERE domain = ?"));
  q.bind(1, domain);
  return one<Domain>(std::move(q), read_domain);
}

std::optional<Domain> Store::domain_of_pool(std::string_view pool_id) {
  auto q = db_.query(sql(kDomainColumns, "WHERE pool_id = ? ORDER BY created LIMIT 1"));
  q.bind(1, pool_id);
  return one<Domain>(std::move(q), read_domain);
}

void Store::insert_domain(const Domain& d) {
  db_.query(
         "INSERT INTO cognito_domains (domain, pool_id, account_id, config, created) "
         "VALUES (?, ?, ?, ?, ?)")
      .bind_all(d.domain, d.pool_id, d.account_id, core::dump_json(d.config), d.created)
      .exec();
}

void Store::delete_domain(std::string_view domain) {
  db_.query("DELETE FROM cognito_domains WHERE domain = ?").bind(1, domain).exec();
}

std::optional<ResourceServer> Store::resource_server(std::string_view pool_id,
                                                     std::string_view identifier) {
  auto q = db_.query(sql(kServerColumns, "WHERE pool_id = ? AND identifier = ?"));
  q.bind_all(pool_id, identifier);
  return one<ResourceServer>(std::move(q), read_server);
}

std::vector<ResourceServer> Store::resource_servers(std::string_view pool_id) {
  auto q = db_.query(sql(kServerColumns, "WHERE pool_id = ? ORDER BY identifier"));
  q.bind(1, pool_id);
  return all<ResourceServer>(std::move(q), read_server);
}

void Store::put_resource_server(const ResourceServer& s) {
  db_.query(
         "INSERT OR REPLACE INTO cognito_resource_servers (pool_id, identifier, name, scopes) "
         "VALUES (?, ?, ?, ?)")
      .bind_all(s.pool_id, s.identifier, s.name, core::dump_json(s.scopes))
      .exec();
}

void Store::delete_resource_server(std::string_view pool_id, std::string_view identifier) {
  db_.query("DELETE FROM cognito_resource_servers WHERE pool_id = ? AND identifier = ?")
      .bind_all(pool_id, identifier)
      .exec();
}

// ---- sessions ----

void Store::insert_session(const Session& s) {
  db_.query(
         "INSERT INTO cognito_sessions (origin_jti, pool_id, client_id, username, refresh_hash, "
         "scopes, auth_time, expires, revoked) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind_all(s.origin_jti, s.pool_id, s.client_id, s.username, s.refresh_hash, s.scopes,
                s.auth_time, s.expires, static_cast<std::int64_t>(s.revoked))
      .exec();
}

std::optional<Session> Store::session_by_refresh(std::string_view refresh_hash) {
  auto q = db_.query(sql(kSessionColumns, "WHERE refresh_hash = ?"));
  q.bind(1, refresh_hash);
  return one<Session>(std::move(q), read_session);
}

bool Store::session_revoked(std::string_view origin_jti) {
  auto q = db_.query("SELECT revoked FROM cognito_sessions WHERE origin_jti = ?");
  q.bind(1, origin_jti);
  return q.step() && q.int64(0) != 0;
}

void Store::revoke_session(std::string_view origin_jti) {
  db_.query("UPDATE cognito_sessions SET revoked = 1 WHERE origin_jti = ?")
      .bind(1, origin_jti)
      .exec();
}

void Store::revoke_sessions_of(std::string_view pool_id, std::string_view username) {
  db_.query("UPDATE cognito_sessions SET revoked = 1 WHERE pool_id = ? AND username = ?")
      .bind_all(pool_id, username)
      .exec();
}

// ---- codes ----

void Store::insert_code(const Code& c) {
  db_.query(
         "INSERT INTO cognito_codes (pool_id, username, purpose, attribute, code, created, "
         "expires) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .bind_all(c.pool_id, c.username, c.purpose, c.attribute, c.code, c.created, c.expires)
      .exec();
}

std::vector<Code> Store::codes(std::string_view pool_id, std::string_view username) {
  auto q = db_.query(sql(kCodeColumns, "WHERE pool_id = ? AND username = ? ORDER BY id"));
  q.bind_all(pool_id, username);
  return all<Code>(std::move(q), read_code);
}

std::optional<Code> Store::latest_code(std::string_view pool_id, std::string_view username,
                                       std::string_view purpose) {
  auto q = db_.query(sql(kCodeColumns,
                         "WHERE pool_id = ? AND username = ? AND purpose = ? "
                         "ORDER BY id DESC LIMIT 1"));
  q.bind_all(pool_id, username, purpose);
  return one<Code>(std::move(q), read_code);
}

void Store::delete_codes(std::string_view pool_id, std::string_view username,
                         std::string_view purpose) {
  db_.query("DELETE FROM cognito_codes WHERE pool_id = ? AND username = ? AND purpose = ?")
      .bind_all(pool_id, username, purpose)
      .exec();
}

}  // namespace preflight::cognito
