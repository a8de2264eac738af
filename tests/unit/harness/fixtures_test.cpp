#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "emulator/common/yaml.h"
#include "harness/fixtures/attribute_value.h"
#include "harness/fixtures/fixture_parse.h"

namespace preflight::harness {
namespace {

FixtureSet parse(std::string_view yaml) {
  return parse_fixtures(parse_json_or_yaml(yaml), "seed.yaml");
}

// The message parse_fixtures throws for `yaml`.
std::string error_of(std::string_view yaml) {
  try {
    parse(yaml);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  ADD_FAILURE() << "no error for:\n" << yaml;
  return {};
}

TEST(AttributeValue, ScalarsBecomeTheirTypes) {
  EXPECT_EQ(to_attribute_value("Dune"), Json({{"S", "Dune"}}));
  EXPECT_EQ(to_attribute_value(""), Json({{"S", ""}}));
  EXPECT_EQ(to_attribute_value(true), Json({{"BOOL", true}}));
  EXPECT_EQ(to_attribute_value(nullptr), Json({{"NULL", true}}));
}

TEST(AttributeValue, NumbersKeepTheirText) {
  EXPECT_EQ(to_attribute_value(1965), Json({{"N", "1965"}}));
  EXPECT_EQ(to_attribute_value(-7), Json({{"N", "-7"}}));
  EXPECT_EQ(to_attribute_value(18446744073709551615ULL), Json({{"N", "18446744073709551615"}}));
  EXPECT_EQ(to_attribute_value(9.5), Json({{"N", "9.5"}}));
  EXPECT_EQ(to_attribute_value(0.1), Json({{"N", "0.1"}}));
  // A YAML number with a leading zero stays text, so it is a string.
  EXPECT_EQ(to_attribute_value(parse_yaml("x: 0123")["x"]), Json({{"S", "0123"}}));
}

TEST(AttributeValue, ListsAndMapsNest) {
  const Json plain = parse_yaml("{tags: [a, 2, [true]], meta: {x: 1, y: {z: null}}}");
  EXPECT_EQ(to_item(plain), Json::parse(R"({
              "tags": {"L": [{"S": "a"}, {"N": "2"}, {"L": [{"BOOL": true}]}]},
              "meta": {"M": {"x": {"N": "1"}, "y": {"M": {"z": {"NULL": true}}}}}
            })"));
  EXPECT_EQ(to_attribute_value(Json::array()), Json({{"L", Json::array()}}));
  EXPECT_EQ(to_attribute_value(Json::object()), Json({{"M", Json::object()}}));
}

TEST(AttributeValue, AnItemIsAMapping) {
  EXPECT_THROW(to_item(Json::array()), std::invalid_argument);
  EXPECT_THROW(to_item("id"), std::invalid_argument);
}

TEST(ParseFixtures, ReadsEveryKind) {
  const auto set = parse(R"(
userPools:
  - PoolName: books-users
    Policies: {PasswordPolicy: {MinimumLength: 8}}
    Clients: [{ClientName: web, ExplicitAuthFlows: [ALLOW_ADMIN_USER_PASSWORD_AUTH]}]
    Groups: [{GroupName: editors, Description: Can edit}]
    Users:
      - {Username: ed@example.com, Password: "Editor-Passw0rd!",
         Attributes: {email: ed@example.com, email_verified: true}, Groups: [editors]}
tables:
  - TableName: books
    KeySchema: [{AttributeName: id, KeyType: HASH}]
    AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
    BillingMode: PAY_PER_REQUEST
    Items: [{id: b-001, year: 1965}]
queues:
  - QueueName: jobs
    Attributes: {VisibilityTimeout: 5, RedrivePolicy: {maxReceiveCount: 3}}
    Messages: ["plain body", {MessageBody: {order: 1}, MessageAttributes: {kind: new, n: 2},
               DelaySeconds: 0}]
)");
  ASSERT_EQ(set.user_pools.size(), 1u);
  const auto& pool = set.user_pools[0];
  EXPECT_EQ(pool.name, "books-users");
  EXPECT_EQ(pool.create_input, Json::parse(R"({"PoolName": "books-users",
      "Policies": {"PasswordPolicy": {"MinimumLength": 8}}})"));
  ASSERT_EQ(pool.clients.size(), 1u);
  EXPECT_EQ(pool.clients[0]["ClientName"], "web");
  ASSERT_EQ(pool.groups.size(), 1u);
  EXPECT_EQ(pool.groups[0]["Description"], "Can edit");
  ASSERT_EQ(pool.users.size(), 1u);
  EXPECT_EQ(pool.users[0].username, "ed@example.com");
  EXPECT_EQ(pool.users[0].password, "Editor-Passw0rd!");
  EXPECT_EQ(pool.users[0].attributes, Json::parse(R"([{"Name": "email", "Value": "ed@example.com"},
      {"Name": "email_verified", "Value": "true"}])"));
  EXPECT_EQ(pool.users[0].groups, std::vector<std::string>{"editors"});

  ASSERT_EQ(set.tables.size(), 1u);
  EXPECT_EQ(set.tables[0].name, "books");
  EXPECT_FALSE(set.tables[0].create_input.contains("Items"));
  EXPECT_EQ(set.tables[0].create_input["BillingMode"], "PAY_PER_REQUEST");
  ASSERT_EQ(set.tables[0].items.size(), 1u);
  EXPECT_EQ(set.tables[0].items[0],
            Json::parse(R"({"id": {"S": "b-001"}, "year": {"N": "1965"}})"));

  ASSERT_EQ(set.queues.size(), 1u);
  const auto& queue = set.queues[0];
  EXPECT_EQ(queue.create_input, Json::parse(R"({"QueueName": "jobs", "Attributes":
      {"VisibilityTimeout": "5", "RedrivePolicy": "{\"maxReceiveCount\":3}"}})"));
  ASSERT_EQ(queue.messages.size(), 2u);
  EXPECT_EQ(queue.messages[0], Json({{"MessageBody", "plain body"}}));
  EXPECT_EQ(queue.messages[1], Json::parse(R"({"MessageBody": "{\"order\":1}", "DelaySeconds": 0,
      "MessageAttributes": {"kind": {"DataType": "String", "StringValue": "new"},
                            "n": {"DataType": "Number", "StringValue": "2"}}})"));
}

TEST(ParseFixtures, JsonFilesWorkToo) {
  const auto set = parse(R"({"tables": [{"TableName": "t", "Items": [{"id": "1"}]}]})");
  ASSERT_EQ(set.tables.size(), 1u);
  EXPECT_EQ(set.tables[0].items[0], Json::parse(R"({"id": {"S": "1"}})"));
}

TEST(ParseFixtures, EmptyListsAreFine) {
  const auto set = parse("tables:\nqueues: []\n");
  EXPECT_TRUE(set.tables.empty());
  EXPECT_TRUE(set.queues.empty());
}

TEST(ParseFixtures, UnknownKeysAreNamed) {
  EXPECT_EQ(error_of("table: []"),
            "seed.yaml: unknown key 'table' (expected userPools, tables or queues)");
  EXPECT_EQ(error_of("tables: [{TableName: books, Itemz: []}]"),
            "seed.yaml: tables[0]: unknown key 'Itemz' (expected TableName, Items or a "
            "CreateTable member)");
  EXPECT_EQ(error_of("queues: [{QueueName: q, Messages: [{Body: x}]}]"),
            "seed.yaml: queues[0] (q).Messages[0]: unknown key 'Body' (expected MessageBody, "
            "MessageAttributes, MessageSystemAttributes, DelaySeconds, MessageGroupId or "
            "MessageDeduplicationId)");
  EXPECT_EQ(error_of("userPools: [{PoolName: p, Users: [{Username: u, Password: x, Email: e}]}]"),
            "seed.yaml: userPools[0] (p).Users[0]: unknown key 'Email' (expected Username, "
            "Password, Attributes or Groups)");
  EXPECT_EQ(error_of("userPools: [{PoolName: p, Clients: [{Name: web}]}]"),
            "seed.yaml: userPools[0] (p).Clients[0]: unknown key 'Name' (expected ClientName or "
            "a CreateUserPoolClient member)");
  EXPECT_EQ(error_of("userPools: [{PoolName: p, Group: []}]"),
            "seed.yaml: userPools[0]: unknown key 'Group' (expected PoolName, Clients, Groups, "
            "Users or a CreateUserPool member)");
}

TEST(ParseFixtures, RequiredKeysAreNamed) {
  EXPECT_EQ(error_of("tables: [{Items: []}]"),
            "seed.yaml: tables[0]: missing required key 'TableName'");
  EXPECT_EQ(error_of("queues: [{Attributes: {}}]"),
            "seed.yaml: queues[0]: missing required key 'QueueName'");
  EXPECT_EQ(error_of("userPools: [{Users: []}]"),
            "seed.yaml: userPools[0]: missing required key 'PoolName'");
  EXPECT_EQ(error_of("userPools: [{PoolName: p, Users: [{Password: x}]}]"),
            "seed.yaml: userPools[0] (p).Users[0]: missing required key 'Username'");
  EXPECT_EQ(error_of("userPools: [{PoolName: p, Users: [{Username: u}]}]"),
            "seed.yaml: userPools[0] (p).Users[0] (u): missing required key 'Password'");
  EXPECT_EQ(error_of("userPools: [{PoolName: p, Groups: [{Description: d}]}]"),
            "seed.yaml: userPools[0] (p).Groups[0]: missing required key 'GroupName'");
  EXPECT_EQ(error_of("queues: [{QueueName: q, Messages: [{DelaySeconds: 1}]}]"),
            "seed.yaml: queues[0] (q).Messages[0]: missing required key 'MessageBody'");
  EXPECT_EQ(error_of("tables: [{TableName: 7}]"),
            "seed.yaml: tables[0]: 'TableName' must be a non-empty string");
}

TEST(ParseFixtures, WrongShapesAreNamed) {
  EXPECT_EQ(error_of("- tables"),
            "seed.yaml: a fixtures file is a mapping with userPools, tables and/or queues, not "
            "array");
  EXPECT_EQ(error_of("tables: {TableName: t}"), "seed.yaml: tables: expected a list, found object");
  EXPECT_EQ(error_of("tables: [books]"), "seed.yaml: tables[0]: expected a mapping, found string");
  EXPECT_EQ(error_of("tables: [{TableName: t, Items: [[1]]}]"),
            "seed.yaml: tables[0] (t).Items[0]: an item must be a mapping of attribute names to "
            "values, not array");
  EXPECT_EQ(error_of("userPools: [{PoolName: p, Users: [{Username: u, Password: x, "
                     "Attributes: {email: [a]}}]}]"),
            "seed.yaml: userPools[0] (p).Users[0] (u).Attributes.email: expected a string, "
            "number or boolean, found array");
  EXPECT_EQ(error_of("userPools: [{PoolName: p, Users: [{Username: u, Password: x, Groups: "
                     "[{a: 1}]}]}]"),
            "seed.yaml: userPools[0] (p).Users[0] (u).Groups[0]: expected a group name");
}

}  // namespace
}  // namespace preflight::harness
