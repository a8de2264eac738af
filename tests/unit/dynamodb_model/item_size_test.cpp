#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "services/dynamodb/model/attribute_value.h"

namespace preflight::dynamodb {
namespace {

struct Sized {
  std::string item;  // JSON text
  std::size_t size;
};

TEST(ItemSize, FollowsTheDeveloperGuideRules) {
  const std::vector<Sized> cases = {
      {R"({})", 0},
      {R"({"a": {"S": "abc"}})", 1 + 3},
      {R"({"a": {"S": ""}})", 1},
      {R"({"id": {"S": "\u20ac"}})", 2 + 3},  // UTF-8 bytes, not characters
      {R"({"\u20ac": {"S": "x"}})", 3 + 1},   // names count their UTF-8 bytes too
      {R"({"n": {"N": "12345"}})", 1 + 4},
      {R"({"n": {"N": "0"}})", 1 + 1},
      {R"({"n": {"N": "-1"}})", 1 + 3},
      {R"({"n": {"N": "1000000"}})", 1 + 2},
      {R"({"b": {"B": "Zm9vYg=="}})", 1 + 4},  // raw bytes, not base64 characters
      {R"({"b": {"B": "Zm9vYmE="}})", 1 + 5},
      {R"({"b": {"B": "Zm9vYmFy"}})", 1 + 6},
      {R"({"b": {"B": ""}})", 1},
      {R"({"t": {"BOOL": true}})", 1 + 1},
      {R"({"z": {"NULL": true}})", 1 + 1},
      {R"({"l": {"L": []}})", 1 + 3},
      {R"({"m": {"M": {}}})", 1 + 3},
      {R"({"l": {"L": [{"S": "xy"}]}})", 1 + 3 + (1 + 2)},
      {R"({"m": {"M": {"ab": {"N": "1"}}}})", 1 + 3 + (1 + 2 + 2)},
      {R"({"m": {"M": {"k": {"L": [{"BOOL": true}, {"NULL": true}]}}}})",
       1 + 3 + (1 + 1 + (3 + (1 + 1) + (1 + 1)))},
      {R"({"l": {"L": [{"M": {}}, {"L": [{"L": []}]}]}})", 1 + 3 + (1 + 3) + (1 + 3 + (1 + 3))},
      {R"({"ss": {"SS": ["a", "bc"]}})", 2 + (1 + 2)},
      {R"({"ns": {"NS": ["1", "-1", "100"]}})", 2 + (2 + 3 + 2)},
      {R"({"bs": {"BS": ["Zm9v", "YQ=="]}})", 2 + (3 + 1)},
      {R"({"id": {"S": "abc"}, "n": {"N": "12345"}, "flag": {"BOOL": true},
           "l": {"L": [{"S": "xy"}]}})",
       (2 + 3) + (1 + 4) + (4 + 1) + (1 + 3 + 1 + 2)},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(item_size(Json::parse(c.item)), c.size) << c.item;
  }
}

TEST(ItemSize, ValueSizeLeavesOutTheName) {
  EXPECT_EQ(value_size(Json::parse(R"({"S": "abc"})")), 3u);
  EXPECT_EQ(value_size(Json::parse(R"({"N": "1.5"})")), 3u);
  EXPECT_EQ(value_size(Json::parse(R"({"M": {"k": {"S": "v"}}})")), 3u + 1 + 1 + 1);
  EXPECT_EQ(value_size(Json::parse(R"({"L": [{"N": "1"}, {"N": "22"}]})")), 3u + 3 + 3);
  EXPECT_EQ(value_size(Json::parse(R"({})")), 0u);
}

TEST(ItemSize, AnItemOfExactly400KilobytesIsAtTheLimit) {
  Json item = {{"a", {{"S", std::string(kMaxItemSize - 1, 'x')}}}};
  EXPECT_EQ(item_size(item), kMaxItemSize);
  item["b"] = Json{{"BOOL", true}};
  EXPECT_EQ(item_size(item), kMaxItemSize + 2);
}

}  // namespace
}  // namespace preflight::dynamodb
