// libFuzzer target: DynamoDB's expression language. The first byte picks the parser (condition,
// update, projection, key condition); the rest is the expression text. Parsing may reject input
// only with an AwsError; anything else (another exception, a crash, a sanitizer report) is a bug.
// Parsed conditions are evaluated and updates applied to a sample item, so the evaluator is
// fuzzed too.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "emulator/service/aws_error.h"
#include "services/dynamodb/expression/expression.h"

namespace {

using preflight::Json;
namespace expr = preflight::dynamodb::expr;

const Json& names() {
  static const Json n = {{"#a", "a"}, {"#b", "b"}, {"#n", "name"}, {"#k", "pk"}};
  return n;
}

const Json& values() {
  static const Json v = Json::parse(R"({
    ":s": {"S": "text"}, ":n": {"N": "-12.5e3"}, ":z": {"N": "0"}, ":b": {"B": "AAE="},
    ":t": {"BOOL": true}, ":nul": {"NULL": true}, ":l": {"L": [{"N": "1"}, {"S": "x"}]},
    ":m": {"M": {"x": {"N": "1"}}}, ":ss": {"SS": ["a", "b"]}, ":ns": {"NS": ["1", "2"]}
  })");
  return v;
}

const Json& sample_item() {
  static const Json item = Json::parse(R"({
    "pk": {"S": "key"}, "a": {"N": "1"}, "b": {"S": "str"}, "name": {"L": [{"N": "1"},
    {"M": {"c": {"SS": ["x"]}}}]}, "m": {"M": {"x": {"N": "99999999999999999999999999999999999999"}}},
    "s": {"NS": ["1", "2"]}, "bin": {"B": "AAE="}
  })");
  return item;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) {
    return 0;
  }
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    expr::Placeholders placeholders(&names(), &values());
    switch (data[0] % 4) {
      case 0:
        (void)expr::evaluate(expr::parse_condition(text, placeholders, "ConditionExpression"),
                             sample_item());
        break;
      case 1: {
        Json item = sample_item();
        expr::apply_update(expr::parse_update(text, placeholders), item);
        break;
      }
      case 2:
        (void)expr::project(sample_item(), expr::parse_projection(text, placeholders));
        break;
      default:
        (void)expr::parse_key_condition(text, placeholders, "pk", std::string("a"));
        break;
    }
    placeholders.check_all_used();
  } catch (const preflight::core::AwsError&) {
    // Rejected the way DynamoDB rejects it.
  }
  return 0;
}
