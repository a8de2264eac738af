#include <gtest/gtest.h>

#include "tests/unit/app/app_fixture.h"

namespace preflight::core {
namespace {

using testing::AppFixture;
using testing::body_json;

int item_count(Database& db) {
  auto q = db.query("SELECT count(*) FROM fake_items");
  EXPECT_TRUE(q.step());
  return static_cast<int>(q.int64(0));
}

void put(AppFixture& f, const std::string& name) {
  ASSERT_EQ(f.send(AppFixture::json_call("Put", R"({"Name":")" + name + R"("})")).status, 200);
}

TEST(InternalEndpoints, HealthListsEveryService) {
  AppFixture f;
  const auto res = f.send(AppFixture::internal("GET", "/_preflight/health"));
  ASSERT_EQ(res.status, 200);
  const auto body = body_json(res);
  EXPECT_EQ(body["status"], "running");
  EXPECT_TRUE(body["version"].is_string());
  EXPECT_GE(body["uptime_seconds"].get<double>(), 0.0);
  EXPECT_EQ(body["services"]["fake"]["state"], "running");
  EXPECT_EQ(body["services"]["fakeq"]["state"], "running");
  EXPECT_EQ(body["persistence"], "memory");
}

TEST(InternalEndpoints, ResetEmptiesStateAndTellsServices) {
  AppFixture f;
  put(f, "a");
  const auto res = f.send(AppFixture::internal("POST", "/_preflight/reset"));
  ASSERT_EQ(res.status, 200);
  EXPECT_EQ(item_count(f.db), 0);
  EXPECT_EQ(f.resets, 1);
  put(f, "a");  // the schema is still there
}

TEST(InternalEndpoints, SnapshotAndRestoreThroughTheBody) {
  AppFixture f;
  put(f, "kept");
  const auto snap = f.send(AppFixture::internal("POST", "/_preflight/snapshot"));
  ASSERT_EQ(snap.status, 200);
  EXPECT_EQ(snap.headers.get_or("content-type"), "application/vnd.sqlite3");
  ASSERT_TRUE(snap.body.starts_with(std::string("SQLite format 3\0", 16)));

  put(f, "dropped");
  const auto restored = f.send(AppFixture::internal("POST", "/_preflight/restore", snap.body));
  ASSERT_EQ(restored.status, 200);
  EXPECT_EQ(item_count(f.db), 1);
  EXPECT_EQ(f.resets, 1);
}

TEST(InternalEndpoints, SnapshotAndRestoreThroughAPath) {
  AppFixture f;
  const std::string path = ::testing::TempDir() + "/preflight-internal-snapshot.db";
  std::remove(path.c_str());
  put(f, "kept");
  ASSERT_EQ(f.send(AppFixture::internal("POST", "/_preflight/snapshot?path=" + path)).status, 200);
  put(f, "dropped");
  ASSERT_EQ(f.send(AppFixture::internal("POST", "/_preflight/restore?path=" + path)).status, 200);
  EXPECT_EQ(item_count(f.db), 1);
  std::remove(path.c_str());
}

TEST(InternalEndpoints, RestoreOfGarbageFailsAndKeepsState) {
  AppFixture f;
  put(f, "kept");
  auto res = f.send(AppFixture::internal("POST", "/_preflight/restore", std::string(5000, 'z')));
  EXPECT_EQ(res.status, 400);
  EXPECT_TRUE(body_json(res).contains("error"));
  res = f.send(AppFixture::internal("POST", "/_preflight/restore"));
  EXPECT_EQ(res.status, 400);
  EXPECT_EQ(item_count(f.db), 1);
}

TEST(InternalEndpoints, UnknownPathsAndMethodsAre404) {
  AppFixture f;
  EXPECT_EQ(f.send(AppFixture::internal("GET", "/_preflight/nope")).status, 404);
  EXPECT_EQ(f.send(AppFixture::internal("GET", "/_preflight/reset")).status, 404);
}

}  // namespace
}  // namespace preflight::core
