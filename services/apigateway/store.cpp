#include "services/apigateway/store.h"

namespace preflight::apigateway {

Store::Store(core::Database& db) : db_(db) {
  db_.migrate("apigateway", {R"sql(
    CREATE TABLE apigw_objects (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      account TEXT NOT NULL, region TEXT NOT NULL, kind TEXT NOT NULL,
      parent TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL,
      UNIQUE (account, region, kind, parent, id));
    CREATE INDEX apigw_objects_by_parent ON apigw_objects (account, region, parent);
    CREATE INDEX apigw_objects_by_id ON apigw_objects (kind, id);
  )sql"});
}

std::optional<Json> Store::get(const Scope& s, std::string_view kind, std::string_view parent,
                               std::string_view id) {
  auto q = db_.query(
      "SELECT body FROM apigw_objects WHERE account = ? AND region = ? AND kind = ? AND parent = ? "
      "AND id = ?");
  q.bind_all(s.account, s.region, kind, parent, id);
  if (!q.step()) {
    return std::nullopt;
  }
  return Json::parse(q.text(0));
}

void Store::put(const Scope& s, std::string_view kind, std::string_view parent, std::string_view id,
                const Json& doc) {
  db_.query(
         "INSERT INTO apigw_objects (account, region, kind, parent, id, body) "
         "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (account, region, kind, parent, id) "
         "DO UPDATE SET body = excluded.body")
      .bind_all(s.account, s.region, kind, parent, id, doc.dump())
      .exec();
}

bool Store::erase(const Scope& s, std::string_view kind, std::string_view parent,
                  std::string_view id) {
  return db_.query(
                "DELETE FROM apigw_objects WHERE account = ? AND region = ? AND kind = ? AND "
                "parent = ? AND id = ?")
             .bind_all(s.account, s.region, kind, parent, id)
             .exec() > 0;
}

std::vector<Json> Store::list(const Scope& s, std::string_view kind, std::string_view parent) {
  auto q = db_.query(
      "SELECT body FROM apigw_objects WHERE account = ? AND region = ? AND kind = ? AND parent = ? "
      "ORDER BY seq");
  q.bind_all(s.account, s.region, kind, parent);
  std::vector<Json> out;
  while (q.step()) {
    out.push_back(Json::parse(q.text(0)));
  }
  return out;
}

void Store::erase_children(const Scope& s, std::string_view parent) {
  db_.query("DELETE FROM apigw_objects WHERE account = ? AND region = ? AND parent = ?")
      .bind_all(s.account, s.region, parent)
      .exec();
}

std::optional<Scope> Store::locate_api(std::string_view api_id) {
  auto q = db_.query("SELECT account, region FROM apigw_objects WHERE kind = ? AND id = ?");
  q.bind_all(kind::api, api_id);
  if (!q.step()) {
    return std::nullopt;
  }
  return Scope{q.str(0), q.str(1)};
}

std::optional<std::pair<Scope, Json>> Store::locate_domain(std::string_view domain_name) {
  auto q = db_.query("SELECT account, region, body FROM apigw_objects WHERE kind = ? AND id = ?");
  q.bind_all(kind::domain, domain_name);
  if (!q.step()) {
    return std::nullopt;
  }
  return std::pair{Scope{q.str(0), q.str(1)}, Json::parse(q.text(2))};
}

std::vector<std::string> Store::all_domain_names() {
  auto q = db_.query("SELECT id FROM apigw_objects WHERE kind = ?");
  q.bind_all(kind::domain);
  std::vector<std::string> out;
  while (q.step()) {
    out.push_back(q.str(0));
  }
  return out;
}

}  // namespace preflight::apigateway
