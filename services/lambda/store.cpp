#include "services/lambda/store.h"

#include "emulator/protocol/json_body.h"

namespace preflight::lambda {
namespace {

const std::vector<std::string> kSchema = {
    "CREATE TABLE lambda_functions ("
    "  account_id TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,"
    "  latest TEXT NOT NULL, tags TEXT NOT NULL, policy TEXT, reserved_concurrency INTEGER,"
    "  next_version INTEGER NOT NULL, invoke_configs TEXT NOT NULL,"
    "  PRIMARY KEY (account_id, region, name))",
    "CREATE TABLE lambda_versions ("
    "  account_id TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,"
    "  version INTEGER NOT NULL, config TEXT NOT NULL,"
    "  PRIMARY KEY (account_id, region, name, version))",
    "CREATE TABLE lambda_aliases ("
    "  account_id TEXT NOT NULL, region TEXT NOT NULL, function_name TEXT NOT NULL,"
    "  name TEXT NOT NULL, config TEXT NOT NULL,"
    "  PRIMARY KEY (account_id, region, function_name, name))",
    "CREATE TABLE lambda_code (sha TEXT PRIMARY KEY, zip BLOB NOT NULL)",
    "CREATE TABLE lambda_mappings ("
    "  uuid TEXT PRIMARY KEY, account_id TEXT NOT NULL, region TEXT NOT NULL,"
    "  config TEXT NOT NULL, position TEXT)",
    "CREATE TABLE lambda_async_events ("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT, account_id TEXT NOT NULL, region TEXT NOT NULL,"
    "  function_arn TEXT NOT NULL, payload BLOB NOT NULL, request_id TEXT NOT NULL,"
    "  attempts INTEGER NOT NULL, next_attempt_ms INTEGER NOT NULL, created_ms INTEGER NOT NULL)",
};

constexpr const char* kFunctionColumns =
    "account_id, region, name, latest, tags, policy, reserved_concurrency, next_version, "
    "invoke_configs";

Json parse_or_null(const core::Query& q, int column) {
  return q.is_null(column) ? Json() : Json::parse(q.text(column));
}

Function read_function(const core::Query& q) {
  Function f;
  f.account_id = q.str(0);
  f.region = q.str(1);
  f.name = q.str(2);
  f.latest = Json::parse(q.text(3));
  f.tags = Json::parse(q.text(4));
  f.policy = parse_or_null(q, 5);
  if (!q.is_null(6)) {
    f.reserved_concurrency = q.int64(6);
  }
  f.next_version = q.int64(7);
  f.invoke_configs = Json::parse(q.text(8));
  return f;
}

// Binds the columns after the key, in kFunctionColumns order, from index `first`.
void bind_function_values(core::Query& q, int first, const Function& f) {
  q.bind(first, core::dump_json(f.latest));
  q.bind(first + 1, core::dump_json(f.tags));
  if (f.policy.is_null()) {
    q.bind_null(first + 2);
  } else {
    q.bind(first + 2, core::dump_json(f.policy));
  }
  if (f.reserved_concurrency) {
    q.bind(first + 3, *f.reserved_concurrency);
  } else {
    q.bind_null(first + 3);
  }
  q.bind(first + 4, f.next_version);
  q.bind(first + 5, core::dump_json(f.invoke_configs));
}

// The first column of the first row, a JSON document; nullopt when there is no row.
std::optional<Json> json_row(core::Query& q) {
  if (!q.step()) {
    return std::nullopt;
  }
  return Json::parse(q.text(0));
}

std::vector<Json> json_rows(core::Query& q) {
  std::vector<Json> out;
  while (q.step()) {
    out.push_back(Json::parse(q.text(0)));
  }
  return out;
}

}  // namespace

Store::Store(core::Database& db) : db_(db) {
  db_.migrate("lambda", kSchema);
}

std::optional<Function> Store::function(std::string_view account, std::string_view region,
                                        std::string_view name) {
  auto q = db_.query(std::string("SELECT ") + kFunctionColumns +
                     " FROM lambda_functions WHERE account_id = ? AND region = ? AND name = ?");
  q.bind_all(account, region, name);
  if (!q.step()) {
    return std::nullopt;
  }
  return read_function(q);
}

void Store::insert_function(const Function& f) {
  auto q = db_.query(std::string("INSERT INTO lambda_functions (") + kFunctionColumns +
                     ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  q.bind_all(f.account_id, f.region, f.name);
  bind_function_values(q, 4, f);
  q.exec();
}

void Store::update_function(const Function& f) {
  auto q = db_.query(
      "UPDATE lambda_functions SET latest = ?, tags = ?, policy = ?, reserved_concurrency = ?, "
      "next_version = ?, invoke_configs = ? WHERE account_id = ? AND region = ? AND name = ?");
  bind_function_values(q, 1, f);
  q.bind(7, f.account_id).bind(8, f.region).bind(9, f.name);
  q.exec();
}

void Store::delete_function(std::string_view account, std::string_view region,
                            std::string_view name) {
  for (const char* sql :
       {"DELETE FROM lambda_functions WHERE account_id = ? AND region = ? AND name = ?",
        "DELETE FROM lambda_versions WHERE account_id = ? AND region = ? AND name = ?",
        "DELETE FROM lambda_aliases WHERE account_id = ? AND region = ? AND function_name = ?"}) {
    db_.query(sql).bind_all(account, region, name).exec();
  }
}

std::vector<Function> Store::list_functions(std::string_view account, std::string_view region,
                                            std::string_view after, int limit) {
  auto q = db_.query(std::string("SELECT ") + kFunctionColumns +
                     " FROM lambda_functions WHERE account_id = ? AND region = ? AND name > ? "
                     "ORDER BY name LIMIT ?");
  q.bind_all(account, region, after, limit);
  std::vector<Function> out;
  while (q.step()) {
    out.push_back(read_function(q));
  }
  return out;
}

std::optional<Json> Store::version(std::string_view account, std::string_view region,
                                   std::string_view name, std::int64_t version) {
  auto q = db_.query(
      "SELECT config FROM lambda_versions WHERE account_id = ? AND region = ? AND name = ? AND "
      "version = ?");
  q.bind_all(account, region, name, version);
  return json_row(q);
}

std::vector<Json> Store::versions(std::string_view account, std::string_view region,
                                  std::string_view name) {
  auto q = db_.query(
      "SELECT config FROM lambda_versions WHERE account_id = ? AND region = ? AND name = ? "
      "ORDER BY version");
  q.bind_all(account, region, name);
  return json_rows(q);
}

void Store::insert_version(std::string_view account, std::string_view region, std::string_view name,
                           std::int64_t version, const Json& config) {
  db_.query(
         "INSERT INTO lambda_versions (account_id, region, name, version, config) VALUES (?, ?, "
         "?, ?, ?)")
      .bind_all(account, region, name, version, core::dump_json(config))
      .exec();
}

void Store::update_version(std::string_view account, std::string_view region, std::string_view name,
                           std::int64_t version, const Json& config) {
  db_.query(
         "UPDATE lambda_versions SET config = ? WHERE account_id = ? AND region = ? AND name = ? "
         "AND version = ?")
      .bind_all(core::dump_json(config), account, region, name, version)
      .exec();
}

bool Store::delete_version(std::string_view account, std::string_view region, std::string_view name,
                           std::int64_t version) {
  return db_.query(
                "DELETE FROM lambda_versions WHERE account_id = ? AND region = ? AND name = ? AND "
                "version = ?")
             .bind_all(account, region, name, version)
             .exec() > 0;
}

std::optional<Json> Store::alias(std::string_view account, std::string_view region,
                                 std::string_view function, std::string_view name) {
  auto q = db_.query(
      "SELECT config FROM lambda_aliases WHERE account_id = ? AND region = ? AND function_name = "
      "? AND name = ?");
  q.bind_all(account, region, function, name);
  return json_row(q);
}

std::vector<Json> Store::aliases(std::string_view account, std::string_view region,
                                 std::string_view function) {
  auto q = db_.query(
      "SELECT config FROM lambda_aliases WHERE account_id = ? AND region = ? AND function_name = "
      "? ORDER BY name");
  q.bind_all(account, region, function);
  return json_rows(q);
}

void Store::put_alias(std::string_view account, std::string_view region, std::string_view function,
                      std::string_view name, const Json& config) {
  db_.query(
         "INSERT OR REPLACE INTO lambda_aliases (account_id, region, function_name, name, config) "
         "VALUES (?, ?, ?, ?, ?)")
      .bind_all(account, region, function, name, core::dump_json(config))
      .exec();
}

bool Store::delete_alias(std::string_view account, std::string_view region,
                         std::string_view function, std::string_view name) {
  return db_.query(
                "DELETE FROM lambda_aliases WHERE account_id = ? AND region = ? AND "
                "function_name = ? AND name = ?")
             .bind_all(account, region, function, name)
             .exec() > 0;
}

void Store::put_code(std::string_view sha, std::string_view zip) {
  auto q = db_.query("INSERT OR IGNORE INTO lambda_code (sha, zip) VALUES (?, ?)");
  q.bind(1, sha).bind_blob(2, zip);
  q.exec();
}

std::optional<std::string> Store::code(std::string_view sha) {
  auto q = db_.query("SELECT zip FROM lambda_code WHERE sha = ?");
  q.bind(1, sha);
  if (!q.step()) {
    return std::nullopt;
  }
  return std::string(q.blob(0));
}

void Store::delete_unused_code() {
  db_.query(
         "DELETE FROM lambda_code WHERE sha NOT IN ("
         "SELECT json_extract(latest, '$.CodeSha256') FROM lambda_functions UNION "
         "SELECT json_extract(config, '$.CodeSha256') FROM lambda_versions)")
      .exec();
}

std::optional<Mapping> Store::mapping(std::string_view uuid) {
  auto q = db_.query(
      "SELECT uuid, account_id, region, config, position FROM lambda_mappings WHERE uuid = ?");
  q.bind(1, uuid);
  if (!q.step()) {
    return std::nullopt;
  }
  return Mapping{q.str(0), q.str(1), q.str(2), Json::parse(q.text(3)), parse_or_null(q, 4)};
}

std::vector<Mapping> Store::mappings() {
  auto q = db_.query(
      "SELECT uuid, account_id, region, config, position FROM lambda_mappings ORDER BY uuid");
  std::vector<Mapping> out;
  while (q.step()) {
    out.push_back({q.str(0), q.str(1), q.str(2), Json::parse(q.text(3)), parse_or_null(q, 4)});
  }
  return out;
}

void Store::put_mapping(const Mapping& m) {
  auto q = db_.query(
      "INSERT OR REPLACE INTO lambda_mappings (uuid, account_id, region, config, position) "
      "VALUES (?, ?, ?, ?, ?)");
  q.bind_all(m.uuid, m.account_id, m.region, core::dump_json(m.config));
  if (m.position.is_null()) {
    q.bind_null(5);
  } else {
    q.bind(5, core::dump_json(m.position));
  }
  q.exec();
}

void Store::delete_mapping(std::string_view uuid) {
  db_.query("DELETE FROM lambda_mappings WHERE uuid = ?").bind(1, uuid).exec();
}

std::int64_t Store::insert_async(const AsyncEvent& e) {
  auto q = db_.query(
      "INSERT INTO lambda_async_events (account_id, region, function_arn, payload, request_id, "
      "attempts, next_attempt_ms, created_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  q.bind_all(e.account_id, e.region, e.function_arn);
  q.bind_blob(4, e.payload);
  q.bind(5, e.request_id).bind(6, e.attempts).bind(7, e.next_attempt_ms).bind(8, e.created_ms);
  q.exec();
  return db_.last_insert_rowid();
}

void Store::update_async(const AsyncEvent& e) {
  db_.query("UPDATE lambda_async_events SET attempts = ?, next_attempt_ms = ? WHERE id = ?")
      .bind_all(e.attempts, e.next_attempt_ms, e.id)
      .exec();
}

void Store::delete_async(std::int64_t id) {
  db_.query("DELETE FROM lambda_async_events WHERE id = ?").bind(1, id).exec();
}

std::vector<AsyncEvent> Store::async_events() {
  auto q = db_.query(
      "SELECT id, account_id, region, function_arn, payload, request_id, attempts, "
      "next_attempt_ms, created_ms FROM lambda_async_events ORDER BY id");
  std::vector<AsyncEvent> out;
  while (q.step()) {
    out.push_back({q.int64(0), q.str(1), q.str(2), q.str(3), std::string(q.blob(4)), q.str(5),
                   q.int64(6), q.int64(7), q.int64(8)});
  }
  return out;
}

}  // namespace preflight::lambda
