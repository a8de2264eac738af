#include <gtest/gtest.h>

#include "services/dynamodb/expression/lexer.h"
#include "services/dynamodb/expression/reserved_words.h"
#include "tests/unit/dynamodb_expression/helpers.h"

namespace preflight::dynamodb::expr::test {
namespace {

TEST(Lexer, SplitsTokensAndKeepsOffsets) {
  const std::vector<Token> tokens = tokenize("a.b[12] <= :v1 AND #n<>x");
  std::vector<std::string> texts;
  for (const Token& t : tokens) {
    texts.emplace_back(t.text);
  }
  EXPECT_EQ(texts, (std::vector<std::string>{"a", ".", "b", "[", "12", "]", "<=", ":v1", "AND",
                                             "#n", "<>", "x", ""}));
  EXPECT_EQ(tokens[6].begin, 8u);
  EXPECT_EQ(tokens[8].kind, TokenKind::Keyword);
  EXPECT_EQ(tokens[9].kind, TokenKind::NameRef);
  EXPECT_EQ(tokens[4].kind, TokenKind::Number);
  EXPECT_EQ(tokens.back().kind, TokenKind::End);
}

TEST(Lexer, UnknownCharactersAreSingleTokens) {
  const std::vector<Token> tokens = tokenize("_a ü # : $");
  ASSERT_EQ(tokens.size(), 7u);
  EXPECT_EQ(tokens[0].text, "_");
  EXPECT_EQ(tokens[0].kind, TokenKind::Unknown);
  EXPECT_EQ(tokens[1].text, "a");
  EXPECT_EQ(tokens[2].text, "ü");
  EXPECT_EQ(tokens[3].text, "#");
  EXPECT_EQ(tokens[4].text, ":");
  EXPECT_EQ(tokens[5].kind, TokenKind::Unknown);
}

TEST(Lexer, KeywordsInAnyCase) {
  for (const char* word : {"and", "Or", "NOT", "between", "In", "set", "REMOVE", "add", "Delete"}) {
    EXPECT_EQ(tokenize(word)[0].kind, TokenKind::Keyword) << word;
  }
  EXPECT_EQ(tokenize("android")[0].kind, TokenKind::Identifier);
}

// Messages seen from DynamoDB: the bad token, and the previous and next tokens around it.
struct SyntaxCase {
  const char* kind;
  const char* text;
  const char* message;
};

class SyntaxErrors : public ::testing::TestWithParam<SyntaxCase> {};

TEST_P(SyntaxErrors, ReportTokenAndNeighbours) {
  const SyntaxCase& c = GetParam();
  Placeholders p = placeholders();
  const std::string kind = c.kind;
  const std::string message = validation_message([&] {
    if (kind == "UpdateExpression") {
      parse_update(c.text, p);
    } else if (kind == "ProjectionExpression") {
      parse_projection(c.text, p);
    } else {
      parse_condition(c.text, p, kind);
    }
  });
  EXPECT_EQ(message, "Invalid " + kind + ": " + c.message);
}

INSTANTIATE_TEST_SUITE_P(
    Dynamodb, SyntaxErrors,
    ::testing::Values(
        SyntaxCase{"ConditionExpression", "foo", R"m(Syntax error; token: "<EOF>", near: "foo")m"},
        SyntaxCase{"ConditionExpression", "a+:delta<b",
                   R"m(Syntax error; token: "+", near: "a+:delta")m"},
        SyntaxCase{"ConditionExpression",
                   "#comment =", R"m(Syntax error; token: "<EOF>", near: "=")m"},
        SyntaxCase{"ConditionExpression", "#list[abc].#c = :v",
                   R"m(Syntax error; token: "abc", near: "[abc]")m"},
        SyntaxCase{"FilterExpression", "#list[-1].#c = :v",
                   R"m(Syntax error; token: "-", near: "[-1")m"},
        SyntaxCase{"ConditionExpression", "_hidden = :v",
                   R"m(Syntax error; token: "_", near: "_hidden")m"},
        SyntaxCase{"ConditionExpression", "a = = :v",
                   R"m(Syntax error; token: "=", near: "= = :v")m"},
        SyntaxCase{"FilterExpression", "a > 4", R"m(Syntax error; token: "4", near: "> 4")m"},
        SyntaxCase{"FilterExpression", "a IN ()", R"m(Syntax error; token: ")", near: "()")m"},
        SyntaxCase{"FilterExpression", "a in (b,c,)", R"m(Syntax error; token: ")", near: ",)")m"},
        SyntaxCase{"FilterExpression", "a in b", R"m(Syntax error; token: "b", near: "in b")m"},
        SyntaxCase{"FilterExpression", "a = :v and",
                   R"m(Syntax error; token: "<EOF>", near: "and")m"},
        SyntaxCase{"FilterExpression", "size(a).b > a",
                   R"m(Syntax error; token: ".", near: ").b")m"},
        SyntaxCase{"FilterExpression", "b[#n] > a", R"m(Syntax error; token: "#n", near: "[#n]")m"},
        SyntaxCase{"FilterExpression", "a = and", R"m(Syntax error; token: "and", near: "= and")m"},
        SyntaxCase{"FilterExpression", "ü > a", R"m(Syntax error; token: "ü", near: "ü >")m"},
        SyntaxCase{"FilterExpression", "(a = :v", R"m(Syntax error; token: "<EOF>", near: ":v")m"},
        SyntaxCase{"FilterExpression", "attribute_exists()",
                   R"m(Syntax error; token: ")", near: "()")m"},
        SyntaxCase{"FilterExpression", "   ", R"m(Syntax error; token: "<EOF>", near: "   ")m"},
        SyntaxCase{"UpdateExpression", "INVALID SYNTAX HERE",
                   R"m(Syntax error; token: "INVALID", near: "INVALID SYNTAX")m"},
        SyntaxCase{"UpdateExpression", "ADD hits : incr",
                   R"m(Syntax error; token: ":", near: "hits : incr")m"},
        SyntaxCase{"UpdateExpression", "SET _123 = :v",
                   R"m(Syntax error; token: "_", near: "SET _123")m"},
        SyntaxCase{"UpdateExpression", "ADD numx",
                   R"m(Syntax error; token: "<EOF>", near: "numx")m"},
        SyntaxCase{"UpdateExpression", "SET note = :v +",
                   R"m(Syntax error; token: "<EOF>", near: "+")m"},
        SyntaxCase{"UpdateExpression", "SET numx = numx * :v",
                   R"m(Syntax error; token: "*", near: "numx * :v")m"},
        SyntaxCase{"UpdateExpression", "ADD numx 1",
                   R"m(Syntax error; token: "1", near: "numx 1")m"},
        SyntaxCase{"UpdateExpression", "DELETE setx a",
                   R"m(Syntax error; token: "a", near: "setx a")m"},
        SyntaxCase{"UpdateExpression", "SET #l[0.#c = :v",
                   R"m(Syntax error; token: ".", near: "0.#c")m"},
        SyntaxCase{"UpdateExpression", "SET a = b + c + d",
                   R"m(Syntax error; token: "+", near: "c + d")m"},
        SyntaxCase{"UpdateExpression", "SET a = (b.c).d",
                   R"m(Syntax error; token: ".", near: ").d")m"},
        SyntaxCase{"UpdateExpression", "SET :a = :b",
                   R"m(Syntax error; token: ":a", near: "SET :a =")m"},
        SyntaxCase{"UpdateExpression", "set a=set",
                   R"m(Syntax error; token: "set", near: "=set")m"},
        SyntaxCase{"UpdateExpression", "SET a[:i] = :v",
                   R"m(Syntax error; token: ":i", near: "[:i]")m"},
        SyntaxCase{"UpdateExpression", "SET c = if_not_exists(c, :a+:b)",
                   R"m(Syntax error; token: "+", near: ":a+:b")m"},
        SyntaxCase{"UpdateExpression", "remove a = b",
                   R"m(Syntax error; token: "=", near: "a = b")m"},
        SyntaxCase{"ProjectionExpression", "#list[].#c",
                   R"m(Syntax error; token: "]", near: "[].")m"},
        SyntaxCase{"ProjectionExpression", "a,", R"m(Syntax error; token: "<EOF>", near: ",")m"},
        SyntaxCase{"ProjectionExpression", ",a", R"m(Syntax error; token: ",", near: ",a")m"},
        SyntaxCase{"ProjectionExpression", "a,,b", R"m(Syntax error; token: ",", near: ",,b")m"}));

TEST(Syntax, EmptyAndOversizedExpressions) {
  EXPECT_EQ(condition_error("", {}, {}, "ConditionExpression"),
            "Invalid ConditionExpression: The expression can not be empty;");
  EXPECT_EQ(update_error(""), "Invalid UpdateExpression: The expression can not be empty;");
  EXPECT_EQ(projection_error(""), "Invalid ProjectionExpression: The expression can not be empty;");
  std::string big = "a = :v OR " + std::string(4090, ' ') + "b = :v";
  EXPECT_EQ(condition_error(big),
            "Invalid FilterExpression: Expression size has exceeded the maximum allowed size; "
            "expression size: " +
                std::to_string(big.size()));
  // Exactly 4096 bytes is allowed.
  std::string exact = "a" + std::string(4095, 'b');
  Placeholders p = placeholders();
  EXPECT_NO_THROW(parse_projection(exact, p));
}

TEST(Syntax, RedundantParentheses) {
  for (const char* text :
       {"((a = :v))", "a = :v and a > ((b))", "(a)between(((b.c)).d)and(c)",
        "a > whatever((:v), ((a)))", "a = :v AND ((a = :v AND b = :v)) AND c = :v",
        "a = :v OR ((a = :v OR (b = :v OR c = :v)))", "(((attribute_exists(a))))"}) {
    EXPECT_EQ(condition_error(text),
              "Invalid FilterExpression: The expression has redundant parentheses;")
        << text;
  }
  EXPECT_EQ(update_error("SET a = ((:v))"),
            "Invalid UpdateExpression: The expression has redundant parentheses;");
  EXPECT_EQ(update_error("SET a = ((b + :v))"),
            "Invalid UpdateExpression: The expression has redundant parentheses;");
}

TEST(Syntax, ParenthesesThatAreNotRedundant) {
  const Json values = {{":v", N("1")}};
  for (const char* text : {"(a = :v)", "((a = :v) OR (b = :v))", "(a) = :v", "NOT (a = :v)",
                           "(a.b).c = :v", "(attribute_exists(a))", "a IN ((:v), b)"}) {
    Placeholders p = placeholders({}, values);
    EXPECT_NO_THROW(parse_condition(text, p, "FilterExpression")) << text;
  }
  Placeholders p = placeholders({}, values);
  EXPECT_NO_THROW(parse_update("SET a = (b + :v), c = (d)", p));
}

TEST(ReservedWords, ListFromTheDeveloperGuide) {
  for (const char* word : {"abort", "ABSOLUTE", "Status", "size", "zone", "TTL", "comment", "count",
                           "name", "data", "date", "key", "value", "values", "year"}) {
    EXPECT_TRUE(is_reserved_word(word)) << word;
  }
  for (const char* word : {"", "a", "abortx", "price", "attribute_exists", "contains", "x1"}) {
    EXPECT_FALSE(is_reserved_word(word)) << word;
  }
}

TEST(ReservedWords, BareNamesAreRejectedInEveryExpressionKind) {
  EXPECT_EQ(update_error("SET status = :s", {}, {{":s", S("x")}}),
            "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: "
            "status");
  EXPECT_EQ(update_error(" remove Absolute "),
            "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: "
            "Absolute");
  EXPECT_EQ(
      condition_error(":a < abOrT"),
      "Invalid FilterExpression: Attribute name is a reserved keyword; reserved keyword: abOrT");
  EXPECT_EQ(condition_error("#l[0].COMMENT = :v", {{"#l", "list"}}, {{":v", S("x")}},
                            "ConditionExpression"),
            "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: "
            "COMMENT");
  EXPECT_EQ(projection_error("list[0].COMMENT"),
            "Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: "
            "list");
  // Reserved words behind placeholders are fine.
  Placeholders p = placeholders({{"#l", "list"}, {"#c", "COMMENT"}});
  EXPECT_NO_THROW(parse_projection("#l[0].#c", p));
}

}  // namespace
}  // namespace preflight::dynamodb::expr::test

namespace preflight::dynamodb::expr::test {
namespace {

// The 4 KB limit bounds nesting; the deepest expressions must still parse quickly and safely.
TEST(Syntax, DeepNestingWithinTheSizeLimit) {
  const std::string deep = std::string(2000, '(') + "a = :v" + std::string(2000, ')');
  EXPECT_EQ(condition_error(deep, {}, {{":v", N("1")}}),
            "Invalid FilterExpression: The expression has redundant parentheses;");
  std::string nots;
  for (int i = 0; i < 298; ++i) {
    nots += "NOT ";  // an even number of NOTs, and 299 operators with the comparison
  }
  Placeholders p = placeholders({}, {{":v", N("1")}});
  EXPECT_TRUE(evaluate(parse_condition(nots + "a = :v", p, "FilterExpression"), {{"a", N("1")}}));
  const std::string unbalanced = std::string(250, '(') + "a";
  EXPECT_NE(condition_error(unbalanced).find("Syntax error; token: \"<EOF>\""), std::string::npos);
  // Deeper than any valid expression can nest: refused before the stack runs out.
  EXPECT_EQ(condition_error(std::string(2040, '(') + "a"),
            "Invalid FilterExpression: The expression has redundant parentheses;");
  std::string deep_nots;
  for (int i = 0; i < 340; ++i) {
    deep_nots += "NOT ";
  }
  EXPECT_EQ(condition_error(deep_nots + "a = b"),
            "Invalid FilterExpression: The expression contains too many operators; operator "
            "count: 301");
  std::string calls;
  for (int i = 0; i < 400; ++i) {
    calls += "size(";
  }
  EXPECT_EQ(condition_error(calls + "a" + std::string(400, ')') + " = :v"),
            "Invalid FilterExpression: The expression contains too many operators; operator "
            "count: 301");
}

}  // namespace
}  // namespace preflight::dynamodb::expr::test
