#include "emulator/storage/database.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace preflight::core {
namespace {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "preflight-db-XXXXXX").string();
    path_ = mkdtemp(tmpl.data());
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

const std::vector<std::string> kNotesV1 = {
    "CREATE TABLE notes_items (id INTEGER PRIMARY KEY, body TEXT NOT NULL)"};

int count_rows(Database& db, const std::string& table) {
  auto q = db.query("SELECT count(*) FROM " + table);
  EXPECT_TRUE(q.step());
  return static_cast<int>(q.int64(0));
}

void insert_note(Database& db, const std::string& body) {
  db.query("INSERT INTO notes_items (body) VALUES (?)").bind(1, body).exec();
}

TEST(Database, MigrationsRunOnceAndInOrder) {
  Database db(":memory:");
  db.migrate("notes", kNotesV1);
  EXPECT_EQ(db.schema_version("notes"), 1);
  insert_note(db, "kept");
  // Migrating again with the same steps is a no-op; a new step applies alone.
  db.migrate("notes", kNotesV1);
  auto v2 = kNotesV1;
  v2.push_back("ALTER TABLE notes_items ADD COLUMN tag TEXT NOT NULL DEFAULT 'none'");
  db.migrate("notes", v2);
  EXPECT_EQ(db.schema_version("notes"), 2);
  EXPECT_EQ(count_rows(db, "notes_items"), 1);
  auto q = db.query("SELECT body, tag FROM notes_items");
  ASSERT_TRUE(q.step());
  EXPECT_EQ(q.text(0), "kept");
  EXPECT_EQ(q.text(1), "none");
}

TEST(Database, OwnersHaveIndependentVersions) {
  Database db(":memory:");
  db.migrate("a", {"CREATE TABLE a_t (x)", "CREATE TABLE a_u (x)"});
  db.migrate("b", {"CREATE TABLE b_t (x)"});
  EXPECT_EQ(db.schema_version("a"), 2);
  EXPECT_EQ(db.schema_version("b"), 1);
  EXPECT_EQ(db.schema_version("never"), 0);
}

TEST(Database, FailedMigrationLeavesNoTrace) {
  Database db(":memory:");
  EXPECT_THROW(db.migrate("bad", {"CREATE TABLE bad_t (x)", "THIS IS NOT SQL"}),
               std::runtime_error);
  EXPECT_EQ(db.schema_version("bad"), 0);
  EXPECT_THROW(db.query("SELECT * FROM bad_t"), std::runtime_error);
}

TEST(Database, BindsAndReadsEveryType) {
  Database db(":memory:");
  db.exec("CREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB, n TEXT)");
  const std::string blob("a\0b\xff", 4);
  db.query("INSERT INTO t VALUES (?, ?, ?, ?, ?)")
      .bind(1, std::int64_t{9007199254740993})
      .bind(2, 1.5)
      .bind(3, "text")
      .bind_blob(4, blob)
      .bind_null(5)
      .exec();
  auto q = db.query("SELECT i, r, s, b, n FROM t");
  ASSERT_TRUE(q.step());
  EXPECT_EQ(q.int64(0), 9007199254740993);
  EXPECT_DOUBLE_EQ(q.real(1), 1.5);
  EXPECT_EQ(q.text(2), "text");
  EXPECT_EQ(q.blob(3), blob);
  EXPECT_TRUE(q.is_null(4));
  EXPECT_FALSE(q.step());
}

TEST(Database, CachedStatementsAreReusableAfterEachUse) {
  Database db(":memory:");
  db.migrate("notes", kNotesV1);
  for (int i = 0; i < 3; ++i) {
    insert_note(db, "n" + std::to_string(i));
  }
  for (int round = 0; round < 2; ++round) {
    auto q = db.query("SELECT body FROM notes_items WHERE id = ?");
    q.bind(1, 2);
    ASSERT_TRUE(q.step());
    EXPECT_EQ(q.text(0), "n1");
  }
  EXPECT_EQ(db.query("DELETE FROM notes_items WHERE id > ?").bind(1, 1).exec(), 2);
}

TEST(Database, TransactionCommitsOrRollsBack) {
  Database db(":memory:");
  db.migrate("notes", kNotesV1);
  {
    Transaction tx(db);
    insert_note(db, "committed");
    tx.commit();
  }
  {
    Transaction tx(db);
    insert_note(db, "rolled back");
  }
  try {
    Transaction tx(db);
    insert_note(db, "thrown");
    throw std::runtime_error("handler failed");
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(count_rows(db, "notes_items"), 1);
  EXPECT_FALSE(db.in_transaction());
}

TEST(Database, NestedTransactionJoinsTheOuterOne) {
  Database db(":memory:");
  db.migrate("notes", kNotesV1);
  {
    Transaction outer(db);
    {
      Transaction inner(db);
      insert_note(db, "inner");
      inner.commit();  // does not commit the outer transaction
    }
    EXPECT_TRUE(db.in_transaction());
  }
  EXPECT_EQ(count_rows(db, "notes_items"), 0);
}

TEST(Database, ResetEmptiesTablesButKeepsSchemas) {
  Database db(":memory:");
  db.migrate("notes", kNotesV1);
  insert_note(db, "x");
  db.reset();
  EXPECT_EQ(count_rows(db, "notes_items"), 0);
  EXPECT_EQ(db.schema_version("notes"), 1);
  insert_note(db, "after reset");
  EXPECT_EQ(count_rows(db, "notes_items"), 1);
}

TEST(Database, SnapshotAndRestoreRoundTrip) {
  TempDir dir;
  Database db(":memory:");
  db.migrate("notes", kNotesV1);
  insert_note(db, "in the snapshot");
  db.backup_to(dir.file("snap.db"));

  insert_note(db, "after the snapshot");
  db.restore_from(dir.file("snap.db"));
  EXPECT_EQ(count_rows(db, "notes_items"), 1);
  auto q = db.query("SELECT body FROM notes_items");
  ASSERT_TRUE(q.step());
  EXPECT_EQ(q.text(0), "in the snapshot");
}

TEST(Database, RestoreOfAnOlderSnapshotMigratesIt) {
  TempDir dir;
  {
    Database old_db(":memory:");
    old_db.migrate("notes", kNotesV1);
    insert_note(old_db, "old");
    old_db.backup_to(dir.file("old.db"));
  }
  Database db(":memory:");
  auto v2 = kNotesV1;
  v2.push_back("ALTER TABLE notes_items ADD COLUMN tag TEXT NOT NULL DEFAULT 'none'");
  db.migrate("notes", v2);
  db.restore_from(dir.file("old.db"));
  EXPECT_EQ(db.schema_version("notes"), 2);
  auto q = db.query("SELECT body, tag FROM notes_items");
  ASSERT_TRUE(q.step());
  EXPECT_EQ(q.text(0), "old");
  EXPECT_EQ(q.text(1), "none");
}

TEST(Database, RestoreRejectsAFileThatIsNotADatabase) {
  TempDir dir;
  {
    std::ofstream out(dir.file("garbage.db"), std::ios::binary);
    out << std::string(8192, 'x');
  }
  Database db(":memory:");
  db.migrate("notes", kNotesV1);
  insert_note(db, "still here");
  EXPECT_THROW(db.restore_from(dir.file("garbage.db")), std::runtime_error);
  EXPECT_THROW(db.restore_from(dir.file("missing.db")), std::runtime_error);
  EXPECT_EQ(count_rows(db, "notes_items"), 1);
}

TEST(Database, FileDatabasePersistsAcrossReopen) {
  TempDir dir;
  const auto path = dir.file("preflight.db");
  {
    Database db(path);
    db.migrate("notes", kNotesV1);
    insert_note(db, "durable");
  }
  Database reopened(path);
  reopened.migrate("notes", kNotesV1);
  EXPECT_EQ(count_rows(reopened, "notes_items"), 1);
  auto q = reopened.query("PRAGMA journal_mode");
  ASSERT_TRUE(q.step());
  EXPECT_EQ(q.text(0), "wal");
}

TEST(Database, OpeningAnUnusablePathThrows) {
  EXPECT_THROW(Database("/nonexistent-dir/for/sure/x.db"), std::runtime_error);
}

}  // namespace
}  // namespace preflight::core
