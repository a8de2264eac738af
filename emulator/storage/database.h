#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace preflight::core {

class Database;

// A use of one cached prepared statement. Bind, step, read columns; on destruction the statement
// is reset and its bindings cleared, ready for the next use.
class Query {
 public:
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
  ~Query();

  Query& bind(int index, std::int64_t value);
  Query& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Query& bind(int index, double value);
  Query& bind(int index, std::string_view text);
  Query& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Query& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
  Query& bind_blob(int index, std::string_view bytes);
  Query& bind_null(int index);
  template <typename... Args>
  Query& bind_all(const Args&... args) {
    int i = 0;
    (bind(++i, args), ...);
    return *this;
  }

  // Advances to the next row; false when done. Throws std::runtime_error on failure.
  bool step();
  // Runs a statement that returns no rows; returns the number of rows changed.
  int exec();

  bool is_null(int column) const;
  std::int64_t int64(int column) const;
  double real(int column) const;
  std::string_view text(int column) const;  // valid until the next step
  std::string str(int column) const { return std::string(text(column)); }
  std::string_view blob(int column) const;

 private:
  friend class Database;
  Query(Database& db, sqlite3_stmt* stmt);
  Database& db_;
  sqlite3_stmt* stmt_;
};

// The process's one SQLite database: ":memory:" by default, a WAL file under --data-dir to persist.
// Single-threaded by design: it lives on the event-loop thread.
class Database {
 public:
  // path: a file, or ":memory:". Throws std::runtime_error when it cannot be opened.
  explicit Database(const std::string& path);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Prepares (once) and returns a use of the statement for this SQL text.
  Query query(std::string_view sql);
  // Runs one or more statements without results.
  void exec(std::string_view sql);

  // Applies, in order and once each, the schema steps an owner (a service) declares. Versions are
  // tracked per owner, so adding a step later migrates existing databases.
  void migrate(const std::string& owner, std::vector<std::string> steps);
  int schema_version(const std::string& owner);

  // Deletes every row of every owner's tables; schemas stay.
  void reset();
  // Whole-database copies through SQLite's online backup API.
  void backup_to(const std::string& file);
  void restore_from(const std::string& file);  // then re-applies migrations

  std::int64_t last_insert_rowid() const;
  bool in_transaction() const;
  const std::string& path() const { return path_; }
  sqlite3* handle() { return db_; }

 private:
  friend class Query;
  [[noreturn]] void fail(std::string_view what) const;

  sqlite3* db_ = nullptr;
  std::string path_;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
  std::vector<std::pair<std::string, std::vector<std::string>>> migrations_;
};

// BEGIN IMMEDIATE ... COMMIT; rolls back unless commit() was called. Nested use joins the outer
// transaction (SQLite has no nested BEGIN).
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Database& db_;
  bool owner_ = false;
  bool done_ = false;
};

}  // namespace preflight::core
