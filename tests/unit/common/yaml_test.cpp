#include <gtest/gtest.h>

#include <string>

#include "emulator/common/yaml.h"

namespace preflight {
namespace {

TEST(ParseYaml, TypesPlainScalarsByTheCoreSchema) {
  const Json doc = parse_yaml(
      "n1: null\nn2: ~\nn3:\nb1: true\nb2: False\nyes_is_text: yes\ni: 42\nneg: -7\nhex: 0x1F\n"
      "oct: 0o17\nf: 1.5\nexp: 2e3\ns: hello world\n");
  EXPECT_TRUE(doc["n1"].is_null());
  EXPECT_TRUE(doc["n2"].is_null());
  EXPECT_TRUE(doc["n3"].is_null());
  EXPECT_EQ(doc["b1"], true);
  EXPECT_EQ(doc["b2"], false);
  EXPECT_EQ(doc["yes_is_text"], "yes");
  EXPECT_EQ(doc["i"], 42);
  EXPECT_TRUE(doc["i"].is_number_integer());
  EXPECT_EQ(doc["neg"], -7);
  EXPECT_EQ(doc["hex"], 31);
  EXPECT_EQ(doc["oct"], 15);
  EXPECT_DOUBLE_EQ(doc["f"].get<double>(), 1.5);
  EXPECT_DOUBLE_EQ(doc["exp"].get<double>(), 2000.0);
  EXPECT_EQ(doc["s"], "hello world");
}

TEST(ParseYaml, KeepsTextThatJsonCannotHoldExactly) {
  const Json doc = parse_yaml(
      "big: 123456789012345678901234567890\naccount: 012345678901\ninf: .inf\nnan: .nan\n"
      "u64: 18446744073709551615\nmin: -9223372036854775808\n");
  EXPECT_EQ(doc["big"], "123456789012345678901234567890");
  EXPECT_EQ(doc["account"], "012345678901");
  EXPECT_EQ(doc["inf"], ".inf");
  EXPECT_EQ(doc["nan"], ".nan");
  EXPECT_EQ(doc["u64"].get<std::uint64_t>(), 18446744073709551615ULL);
  EXPECT_EQ(doc["min"].get<std::int64_t>(), INT64_MIN);
}

TEST(ParseYaml, QuotedScalarsAreAlwaysStrings) {
  const Json doc = parse_yaml("a: '1'\nb: \"true\"\nc: 'null'\nd: \"\"\n\"200\": x\n");
  EXPECT_EQ(doc["a"], "1");
  EXPECT_EQ(doc["b"], "true");
  EXPECT_EQ(doc["c"], "null");
  EXPECT_EQ(doc["d"], "");
  EXPECT_EQ(doc["200"], "x");
}

TEST(ParseYaml, NumericKeysBecomeTheirText) {
  const Json doc = parse_yaml("responses:\n  200:\n    description: ok\n  404: {}\n");
  EXPECT_EQ(doc["responses"]["200"]["description"], "ok");
  EXPECT_TRUE(doc["responses"]["404"].is_object());
}

TEST(ParseYaml, CoreTagsOverrideTyping) {
  const Json doc = parse_yaml("s: !!str 5\ni: !!int 7\nf: !!float 3\nempty: !!str\n");
  EXPECT_EQ(doc["s"], "5");
  EXPECT_EQ(doc["i"], 7);
  EXPECT_TRUE(doc["f"].is_number_float());
  EXPECT_EQ(doc["empty"], "");
  EXPECT_THROW(parse_yaml("i: !!int abc\n"), YamlError);
}

TEST(ParseYaml, BlockScalarsAndFlowCollections) {
  const Json doc = parse_yaml("t: |\n  line1\n  line2\nf: >\n  a\n  b\nl: [1, two, {k: v}]\n");
  EXPECT_EQ(doc["t"], "line1\nline2\n");
  EXPECT_EQ(doc["f"], "a b\n");
  EXPECT_EQ(doc["l"], Json::parse(R"([1, "two", {"k": "v"}])"));
}

TEST(ParseYaml, ResolvesAnchorsAliasesAndMergeKeys) {
  const Json doc = parse_yaml(
      "base: &base {a: 1, b: 2}\nother: &other {c: 3}\n"
      "x:\n  <<: *base\n  b: 20\ny:\n  <<: [*base, *other]\nz: *other\n");
  EXPECT_EQ(doc["x"], Json::parse(R"({"a": 1, "b": 20})"));
  EXPECT_EQ(doc["y"], Json::parse(R"({"a": 1, "b": 2, "c": 3})"));
  EXPECT_EQ(doc["z"], Json::parse(R"({"c": 3})"));
  EXPECT_THROW(parse_yaml("a: &s text\nb:\n  <<: *s\n"), YamlError);
}

TEST(ParseYaml, TagHookSeesCloudFormationShortForms) {
  const YamlTagHook hook = [](std::string_view tag, Json value) {
    std::string name(tag.substr(1));
    if (name == "GetAtt" && value.is_string()) {
      const std::string s = value;
      const auto dot = s.find('.');
      return Json{{"Fn::GetAtt", {s.substr(0, dot), s.substr(dot + 1)}}};
    }
    return Json{{name == "Ref" ? "Ref" : "Fn::" + name, value}};
  };
  const Json doc = parse_yaml(
      "a: !Ref MyBucket\nb: !Sub '${AWS::Region}-x'\nc: !GetAtt Fn.Arn\n"
      "d: !Join [',', [a, !Ref B]]\ne: !Ref 5\n",
      hook);
  EXPECT_EQ(doc["a"], Json::parse(R"({"Ref": "MyBucket"})"));
  EXPECT_EQ(doc["b"], Json::parse(R"({"Fn::Sub": "${AWS::Region}-x"})"));
  EXPECT_EQ(doc["c"], Json::parse(R"({"Fn::GetAtt": ["Fn", "Arn"]})"));
  EXPECT_EQ(doc["d"], Json::parse(R"({"Fn::Join": [",", ["a", {"Ref": "B"}]]})"));
  EXPECT_EQ(doc["e"], Json::parse(R"({"Ref": "5"})"));  // a tagged scalar stays text
}

TEST(ParseYaml, WithoutAHookLocalTagsAreDropped) {
  const Json doc = parse_yaml("a: !Ref MyBucket\nb: !Thing [1]\n");
  EXPECT_EQ(doc["a"], "MyBucket");
  EXPECT_EQ(doc["b"], Json::parse("[1]"));
}

TEST(ParseYaml, ReportsErrorsWithLineAndColumn) {
  try {
    parse_yaml("a: 1\nb: [1,\n");
    FAIL() << "expected YamlError";
  } catch (const YamlError& e) {
    EXPECT_GT(e.line(), 0);
    EXPECT_GT(e.column(), 0);
    EXPECT_NE(std::string(e.what()).find("line"), std::string::npos);
  }
  EXPECT_THROW(parse_yaml("a: 1\na: 2\n"), YamlError);       // duplicate key
  EXPECT_THROW(parse_yaml("? [1]\n: x\n"), YamlError);       // non-scalar key
  EXPECT_THROW(parse_yaml("a: 1\n---\nb: 2\n"), YamlError);  // two documents
  EXPECT_THROW(parse_yaml("a: *nowhere\n"), YamlError);      // unknown alias
}

TEST(ParseYaml, InputThatMadeYamlCppLoopForeverEnds) {
  // yaml-cpp 0.7's LoadAll never returns on these (jbeder/yaml-cpp#1040, #1319).
  EXPECT_ANY_THROW(parse_yaml(",wagge#r: \"2.0\"\nswafo:\n.execute"));
  EXPECT_ANY_THROW(parse_yaml(","));
  EXPECT_THROW(parse_yaml("[:"), YamlError);
}

TEST(ParseYaml, EmptyDocumentIsNull) {
  EXPECT_TRUE(parse_yaml("").is_null());
  EXPECT_TRUE(parse_yaml("# only a comment\n").is_null());
  EXPECT_EQ(parse_yaml("just text"), "just text");
}

TEST(ParseYaml, BoundsNestingDepth) {
  const std::string deep = std::string(200, '[') + std::string(200, ']');
  EXPECT_THROW(parse_yaml(deep), YamlError);
  std::string block;
  for (int i = 0; i < 200; ++i) {
    block += std::string(static_cast<std::size_t>(i) * 2, ' ') + "k:\n";
  }
  EXPECT_THROW(parse_yaml(block), YamlError);
  EXPECT_NO_THROW(parse_yaml(std::string(100, '[') + std::string(100, ']')));
  // Deeper than yaml-cpp's own guard: still a YamlError, never a crash.
  EXPECT_THROW(parse_yaml(std::string(100000, '[')), YamlError);
}

TEST(ParseYaml, BoundsAliasExpansion) {
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'j'; ++c) {
    const char prev = static_cast<char>(c - 1);
    bomb += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 10; ++i) {
      bomb += std::string(i ? ", *" : "*") + prev;
    }
    bomb += "]\n";
  }
  EXPECT_THROW(parse_yaml(bomb), YamlError);
  EXPECT_THROW(parse_yaml("a: &a [*a]\n"), YamlError);  // a cycle is just endless depth
  YamlLimits tight;
  tight.max_scalar_bytes = 10;
  EXPECT_THROW(parse_yaml("a: &s 0123456789\nb: *s\n", tight), YamlError);
}

TEST(ParseJsonOrYaml, PrefersJsonThenFallsBackToYaml) {
  EXPECT_EQ(parse_json_or_yaml(R"(  {"a": [1, "2"]})"), Json::parse(R"({"a": [1, "2"]})"));
  EXPECT_EQ(parse_json_or_yaml("{a: 1}"), Json::parse(R"({"a": 1})"));
  EXPECT_EQ(parse_json_or_yaml("a: 1\n"), Json::parse(R"({"a": 1})"));
  EXPECT_THROW(parse_json_or_yaml(std::string(1000, '[') + std::string(1000, ']')), YamlError);
  EXPECT_THROW(parse_json_or_yaml("{a: [}"), YamlError);
}

TEST(ToYaml, RoundTripsThroughParseYaml) {
  const Json doc = Json::parse(R"({
    "openapi": "3.0.1",
    "info": {"title": "Books API", "version": "1.0"},
    "tricky": ["true", "yes", "null", "", "123", "0123", "1.5", "- x", "a: b", "#c", "x #y",
               " lead", "trail ", "multi\nline", "quote\"s", "arn:aws:lambda:us-east-1:0:function:f",
               "/books/{id}", "${stageVariables.fn}", "*star", "&amp", "!bang", "@at", "%p",
               "caf\u00e9", "tab\there", "{x}", "[y]", "a,b", "~", ".inf", "-1", "on", "N"],
    "numbers": [0, -1, 2.5, 1e300, 18446744073709551615],
    "bools": [true, false], "nothing": null,
    "empty_object": {}, "empty_array": [],
    "nested": [[1, [2, {"k": [3]}]], {"a": {"b": {}}}],
    "200": {"description": "ok"},
    "method.response.header.Access-Control-Allow-Origin": "'*'"
  })");
  const std::string text = to_yaml(doc);
  EXPECT_EQ(parse_yaml(text), doc) << text;
  EXPECT_NE(text.find("title: Books API\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\"200\":"), std::string::npos) << text;
}

TEST(ToYaml, ScalarsAtTheTop) {
  EXPECT_EQ(parse_yaml(to_yaml(Json("true"))), "true");
  EXPECT_EQ(parse_yaml(to_yaml(Json(5))), 5);
  EXPECT_EQ(parse_yaml(to_yaml(Json::object())), Json::object());
}

}  // namespace
}  // namespace preflight
