#include <gtest/gtest.h>
#include <signal.h>

#include <string>

#include "harness/testing/environment.h"

namespace preflight::testing {
namespace {

// One emulator for this program, seeded with a table every test starts with.
const auto* const kEnvironment =
    ::testing::AddGlobalTestEnvironment(new EmulatorEnvironment({}, [](Emulator& emulator) {
      emulator.client().call(
          "dynamodb", "CreateTable",
          {{"TableName", "seeded"},
           {"KeySchema", {{{"AttributeName", "id"}, {"KeyType", "HASH"}}}},
           {"AttributeDefinitions", {{{"AttributeName", "id"}, {"AttributeType", "S"}}}},
           {"BillingMode", "PAY_PER_REQUEST"}});
    }));

Json table_names(const harness::AwsClient& client) {
  return client.call("dynamodb", "ListTables").at("TableNames");
}

void create_table(const harness::AwsClient& client, const std::string& name) {
  client.call("dynamodb", "CreateTable",
              {{"TableName", name},
               {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}},
               {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}}},
               {"BillingMode", "PAY_PER_REQUEST"}});
}

class EmulatorEnvironmentTest : public EmulatorTest {};

TEST_F(EmulatorEnvironmentTest, AnswersHealthOnItsEndpoint) {
  EXPECT_EQ(emulator().endpoint(), "http://127.0.0.1:" + std::to_string(emulator().port()));
  EXPECT_GT(emulator().port(), 0);
  const Json health = emulator().health();
  EXPECT_EQ(health.at("status"), "running");
  EXPECT_TRUE(health.at("services").contains("dynamodb"));
}

// These two run in either order: each starts from the seeded state, whatever the other did.
TEST_F(EmulatorEnvironmentTest, StartsFromTheSeedA) {
  EXPECT_EQ(table_names(client()), Json::array({"seeded"}));
  create_table(client(), "made-by-a");
}

TEST_F(EmulatorEnvironmentTest, StartsFromTheSeedB) {
  EXPECT_EQ(table_names(client()), Json::array({"seeded"}));
  create_table(client(), "made-by-b");
}

TEST_F(EmulatorEnvironmentTest, ResetEmptiesEverything) {
  create_table(client(), "books");
  emulator().reset();
  EXPECT_EQ(table_names(client()), Json::array());
  try {
    client().call("dynamodb", "DescribeTable", {{"TableName", "books"}});
    ADD_FAILURE() << "the table survived the reset";
  } catch (const harness::AwsCallError& e) {
    EXPECT_TRUE(harness::is_not_found(e)) << e.code();
  }
}

TEST_F(EmulatorEnvironmentTest, SnapshotAndRestore) {
  create_table(client(), "kept");
  const Json put = {{"pk", {{"S", "1"}}}, {"n", {{"N", "7"}}}};
  client().call("dynamodb", "PutItem", {{"TableName", "kept"}, {"Item", put}});
  const std::string snapshot = emulator().snapshot();
  ASSERT_FALSE(snapshot.empty());

  emulator().reset();
  create_table(client(), "after");
  emulator().restore(snapshot);

  EXPECT_EQ(table_names(client()), Json::array({"kept", "seeded"}));
  const Json item = client().call("dynamodb", "GetItem",
                                  {{"TableName", "kept"}, {"Key", {{"pk", {{"S", "1"}}}}}});
  EXPECT_EQ(item.at("Item").at("n"), Json({{"N", "7"}}));
}

TEST(Emulator, StartsWithExtraArgumentsAndStopsOnDestruction) {
  pid_t pid = 0;
  {
    Emulator own({.args = {"--region", "eu-west-1"}, .region = "eu-west-1"});
    pid = own.pid();
    EXPECT_EQ(own.health().at("region"), "eu-west-1");
    EXPECT_NE(own.port(), EmulatorEnvironment::instance().emulator().port());
  }
  EXPECT_NE(::kill(pid, 0), 0) << "the emulator is still running";
}

TEST(Emulator, ABinaryThatIsNotThereIsAClearError) {
  try {
    Emulator missing({.binary = "/nonexistent/preflight"});
    ADD_FAILURE() << "it started";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/preflight"), std::string::npos) << e.what();
  }
}

TEST(Emulator, AFailedStartShowsTheLog) {
  try {
    Emulator bad({.args = {"--no-such-flag"}});
    ADD_FAILURE() << "it started";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("exited before it was ready"), std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("no-such-flag"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace preflight::testing
