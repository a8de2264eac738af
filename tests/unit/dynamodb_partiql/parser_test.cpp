#include <gtest/gtest.h>

#include "services/dynamodb/partiql/lexer.h"
#include "tests/unit/dynamodb_partiql/helpers.h"

namespace preflight::dynamodb::partiql::test {
namespace {

Path path_of(std::initializer_list<expr::PathElement> elements) {
  return Path(elements);
}

TEST(PartiqlLexer, SkipsCommentsAndUnescapesQuotes) {
  const auto tokens = tokenize("SELECT /* c */ \"a\"\"b\", 'it''s' -- rest\n FROM x != <<1>>");
  ASSERT_EQ(tokens.size(), 11u);
  EXPECT_EQ(tokens[1].kind, TokenKind::Quoted);
  EXPECT_EQ(tokens[1].text, "a\"b");
  EXPECT_EQ(tokens[3].kind, TokenKind::String);
  EXPECT_EQ(tokens[3].text, "it's");
  EXPECT_EQ(tokens[6].text, "<>");  // != is <>
  EXPECT_EQ(tokens[7].text, "<<");
  EXPECT_EQ(tokens[9].text, ">>");
  EXPECT_TRUE(tokens[4].is_keyword());
  EXPECT_FALSE(tokens[5].is_keyword());
}

TEST(PartiqlLexer, UnterminatedTextAndUnknownCharactersAreMalformed) {
  for (const char* text : {"SELECT 'abc", "SELECT \"abc", "SELECT /* x", "SELECT # x", "a @ b"}) {
    EXPECT_EQ(validation_message([&] { tokenize(text); }), malformed("")) << text;
  }
}

TEST(PartiqlParser, SelectShapes) {
  auto s = parse("select * from Music", nullptr);
  EXPECT_EQ(s.kind, Statement::Kind::Select);
  EXPECT_EQ(s.table, "Music");
  EXPECT_FALSE(s.index);
  EXPECT_TRUE(s.projection.empty());
  EXPECT_FALSE(s.where);

  s = parse("SELECT a, \"b c\", m.x[1], m['k'] FROM \"my-table\".\"by-date\" WHERE a = 1;",
            nullptr);
  EXPECT_EQ(s.table, "my-table");
  EXPECT_EQ(s.index, "by-date");
  ASSERT_EQ(s.projection.size(), 4u);
  EXPECT_EQ(s.projection[1], path_of({expr::PathElement::key("b c")}));
  EXPECT_EQ(s.projection[2], path_of({expr::PathElement::key("m"), expr::PathElement::key("x"),
                                      expr::PathElement::list_index(1)}));
  EXPECT_EQ(s.projection[3], path_of({expr::PathElement::key("m"), expr::PathElement::key("k")}));
  ASSERT_TRUE(s.where);
  EXPECT_EQ(s.where->kind, Node::Kind::Compare);

  s = parse("SELECT * FROM tbl WHERE pk = 'a' ORDER BY sk DESC, pk", nullptr);
  ASSERT_EQ(s.order_by.size(), 2u);
  EXPECT_EQ(s.order_by[0].name, "sk");
  EXPECT_TRUE(s.order_by[0].descending);
  EXPECT_FALSE(s.order_by[1].descending);
}

TEST(PartiqlParser, ConditionPrecedence) {
  // NOT binds tighter than AND, AND tighter than OR; BETWEEN takes its own AND.
  const auto s =
      parse("SELECT * FROM tbl WHERE NOT a = 1 AND b BETWEEN 1 AND 2 OR c IN [1, 2]", nullptr);
  const Node& root = *s.where;
  ASSERT_EQ(root.kind, Node::Kind::Or);
  ASSERT_EQ(root.children.size(), 2u);
  const Node& conj = root.children[0];
  ASSERT_EQ(conj.kind, Node::Kind::And);
  EXPECT_EQ(conj.children[0].kind, Node::Kind::Not);
  EXPECT_EQ(conj.children[1].kind, Node::Kind::Between);
  EXPECT_EQ(root.children[1].kind, Node::Kind::In);
  EXPECT_EQ(root.children[1].children.size(), 3u);

  const auto t = parse("SELECT * FROM tbl WHERE a NOT IN (1) AND x IS NOT MISSING", nullptr);
  EXPECT_EQ(t.where->children[0].kind, Node::Kind::Not);
  EXPECT_EQ(t.where->children[1].kind, Node::Kind::IsType);
  EXPECT_EQ(t.where->children[1].name, "MISSING");
  EXPECT_TRUE(t.where->children[1].negated);
}

TEST(PartiqlParser, LiteralsBecomeAttributeValues) {
  const auto s = parse(
      "INSERT INTO tbl VALUE {'s': 'it''s', 'n': 1.50, 'neg': -0, 'e': 1e2, 't': true, "
      "'f': FALSE, 'z': null, 'm': {'k': [1, 'two']}, 'ss': <<'a', 'b'>>, 'ns': <<1, 2.0>>}",
      nullptr);
  EXPECT_EQ(s.kind, Statement::Kind::Insert);
  EXPECT_EQ(s.item["s"], S("it's"));
  EXPECT_EQ(s.item["n"], N("1.5"));
  EXPECT_EQ(s.item["neg"], N("0"));
  EXPECT_EQ(s.item["e"], N("100"));
  EXPECT_EQ(s.item["t"], (Json{{"BOOL", true}}));
  EXPECT_EQ(s.item["f"], (Json{{"BOOL", false}}));
  EXPECT_EQ(s.item["z"], (Json{{"NULL", true}}));
  EXPECT_EQ(s.item["m"], (Json{{"M", {{"k", {{"L", {N("1"), S("two")}}}}}}}));
  EXPECT_EQ(s.item["ss"], (Json{{"SS", {"a", "b"}}}));
  EXPECT_EQ(s.item["ns"], (Json{{"NS", {"1", "2"}}}));
}

TEST(PartiqlParser, ParametersBindInOrder) {
  const Json params = Json::array({S("p"), N("7"), S("x")});
  const auto s = parse("INSERT INTO tbl VALUE {'pk': ?, 'm': {'n': ?}, 'l': [?]}", &params);
  EXPECT_EQ(s.item["pk"], S("p"));
  EXPECT_EQ(s.item["m"], (Json{{"M", {{"n", N("7")}}}}));
  EXPECT_EQ(s.item["l"], (Json{{"L", {S("x")}}}));

  // A ? inside a string is text; extra parameters are ignored.
  const Json more = Json::array({S("a"), S("b")});
  EXPECT_EQ(parse("SELECT * FROM tbl WHERE pk = '?' AND a = ?", &more)
                .where->children[1]
                .children[1]
                .value,
            S("a"));
  EXPECT_EQ(parse_error("SELECT * FROM tbl WHERE pk = ? AND a = ?", Json::array({S("a")})),
            "Number of parameters in request and statement don't match.");
  EXPECT_EQ(parse_error("SELECT * FROM tbl WHERE pk = ?"),
            "Number of parameters in request and statement don't match.");
}

TEST(PartiqlParser, SyntaxErrorsAsDynamoDbReportsThem) {
  const std::pair<const char*, const char*> cases[] = {
      {"SLECT * FROM tbl", "Expected data manipulation"},
      {"SELECT * FROM tbl WHERE", "Unexpected term"},
      {"SELECT * FROM tbl WHERE NOT", "Unexpected term"},
      {"SELECT * FROM tbl WHERE (", "Unexpected term"},
      {"SELECT * FROM tbl WHERE;", "Unexpected term"},
      {"SELECT * FROM", "Unexpected term"},
      {"SELECT * FROM tbl WHERE pk = 'a' AND",
       "Missing right-hand side expression of infix operator"},
      {"SELECT * FROM tbl WHERE pk = 'a' OR",
       "Missing right-hand side expression of infix operator"},
      {"SELECT * FROM tbl WHERE ORDER BY pk", "Unexpected keyword"},
      {"SELECT * FROM tbl WHERE IS NULL", "Unexpected operator"},
      {"SELECT * FROM tbl WHERE pk = 1 foo", "Unexpected token after expression"},
      {"SELECT * FROM tbl WHERE pk = 1 e5", "Unexpected token after expression"},
      {"SELECT * FROM tbl WHERE pk = 1)", "Unexpected token after expression"},
      {"SELECT * FROM tbl ORDER BY pk WHERE pk = 1", "Unexpected token after expression"},
      {"DELETE FROM tbl WHERE pk = 1 ORDER BY pk", "Unexpected token after expression"},
      {"INSERT INTO tbl t VALUE {'pk': 'x'}", "Unexpected token after expression"},
      {"DELETE FROM", "Expected identifier for simple path"},
      {"DELETE FROM WHERE pk = 'a'", "Expected identifier for simple path"},
      {"SELECT * FROM tbl WHERE pk = 'a' AND x IS FOO", "Expected type name"},
      {"SELECT * FROM tbl WHERE pad = 'none'", "Unexpected keyword"},
  };
  for (const auto& [statement, detail] : cases) {
    EXPECT_EQ(parse_error(statement), malformed(detail)) << statement;
  }
  EXPECT_EQ(parse(R"(SELECT * FROM tbl WHERE "pad" = 'none')", nullptr).where->kind,
            Node::Kind::Compare);
}

TEST(PartiqlParser, UnsupportedButWellFormed) {
  const std::pair<const char*, const char*> cases[] = {
      {"SELECT * FROM tbl t WHERE pk = 'x'", "Aliasing is not supported"},
      {"SELECT * FROM tbl AS t", "Aliasing is not supported"},
      {"SELECT a AS b FROM tbl", "Aliasing is not supported"},
      {"UPDATE tbl t SET a = 3 WHERE pk = 'x'", "Aliasing is not supported"},
      {"SELECT * FROM tbl LIMIT 1", "Unsupported clause: LIMIT"},
      {"SELECT count(*) FROM tbl", "Unexpected path component"},
      {"SELECT a, m.a FROM tbl", "Duplicate identifiers in select clause: a"},
      {"SELECT * FROM \"\" WHERE pk = 'x'", "Path component cannot be an empty string"},
      {"SELECT * FROM \"tbl\".\"i\".\"x\"",
       "A path may contain at most 2 components in the FROM clause"},
      {"INSERT INTO \"tbl\".\"idx\" VALUE {'pk': 'x'}",
       "FROM clause may only contain a single table name in data manipulation statements"},
      {"UPDATE \"tbl\".\"idx\" SET a = 1 WHERE pk = 'x'",
       "This operation is not supported on an index"},
      {"DELETE FROM \"tbl\".\"idx\" WHERE pk = 'x'", "This operation is not supported on an index"},
      {"INSERT INTO tbl VALUE [1]",
       "Unsupported format in item expression. Please use struct format {...} to express item "
       "values for insert statement."},
      {"INSERT INTO tbl VALUE {'pk': 'x'} RETURNING ALL OLD *",
       "RETURNING is not supported in INSERT"},
      {"UPDATE tbl SET a = 1",
       "Where clause does not contain a mandatory equality on all key attributes"},
      {"DELETE FROM tbl",
       "Where clause does not contain a mandatory equality on all key attributes"},
      {"DELETE FROM tbl WHERE pk = 'x' RETURNING MODIFIED OLD *",
       "Invalid returning clause: RETURNING MODIFIED OLD *. Only RETURNING ALL OLD * is allowed in "
       "DELETE statements."},
      {"UPDATE tbl SET a = 1 WHERE pk = 'x' RETURNING ALL NEW",
       "Expected '*' after ( MODIFIED | ALL ) ( NEW | OLD ) in RETURNING clause"},
      {"SELECT * FROM tbl WHERE a IS INT",
       "Unsupported data type for IS operator: INT. Supported "
       "data types are [MISSING, NULL, BOOLEAN, BLOB, STRING, "
       "NUMERIC, STRUCT, TUPLE, LIST]"},
      {"SELECT * FROM tbl WHERE a IN []",
       "IN operator must have a left hand argument of type Variable Reference and right hand "
       "argument of type Seq with at least one member"},
      {"SELECT * FROM x",
       "Table name should be within the length [3, 255] and only contain 'a-z', "
       "'A-Z', '0-9', '-', '_', '.'."},
  };
  for (const auto& [statement, message] : cases) {
    EXPECT_EQ(parse_error(statement), message) << statement;
  }
}

TEST(PartiqlParser, LiteralValueErrors) {
  const std::string overflow =
      "Number overflow. Attempting to store a number with magnitude larger than supported range";
  EXPECT_EQ(parse_error("SELECT * FROM tbl WHERE pk = 1e126"), overflow + " under root");
  EXPECT_EQ(parse_error("INSERT INTO tbl VALUE {'pk': 1, 'm': {'x': 1e126}}"),
            overflow + " under root.x");
  EXPECT_EQ(parse_error("INSERT INTO tbl VALUE {'pk': 1, 'l': [1, 1e126]}"),
            overflow + " under root[1]");
  EXPECT_EQ(parse_error("UPDATE tbl SET a = 1e-131 WHERE pk = 1"),
            "Number underflow. Attempting to store a number with magnitude smaller than supported "
            "range under root");
  const std::string bag_types =
      "Unsupported data type in Bag. DynamoDB only supports either numbers or strings in bags";
  EXPECT_EQ(parse_error("UPDATE tbl SET a = <<>> WHERE pk = 1"), "Empty bags are not supported");
  EXPECT_EQ(parse_error("UPDATE tbl SET a = <<1, 'a'>> WHERE pk = 1"), bag_types);
  EXPECT_EQ(parse_error("UPDATE tbl SET a = <<?>> WHERE pk = 1", Json::array({S("a")})), bag_types);
  EXPECT_EQ(parse_error("UPDATE tbl SET a = <<1, 1.0>> WHERE pk = 1"),
            "Input collection contains duplicates");
  // Exponents no number can hold are beyond what the parser reads at all.
  EXPECT_EQ(parse_error("SELECT * FROM tbl WHERE pk = 1e2147483648"), malformed(""));
  EXPECT_EQ(parse_error("INSERT INTO tbl VALUE {'pk': 1, 'pk': 2}"),
            "Duplicate keys in tuple. Key: pk under root");
  EXPECT_EQ(parse_error("SELECT * FROM tbl WHERE pk = ?", Json::array({Json{{"N", "abc"}}})),
            "The parameter cannot be converted to a numeric value: abc");
}

TEST(PartiqlParser, UpdateAndDeleteShapes) {
  const auto u = parse(
      "UPDATE tbl SET a = 1, b.c[0] = a + 2 SET d = list_append(d, [1]) REMOVE e, f[1] "
      "WHERE pk = 'x' RETURNING MODIFIED NEW *",
      nullptr);
  EXPECT_EQ(u.kind, Statement::Kind::Update);
  ASSERT_EQ(u.assignments.size(), 5u);
  EXPECT_EQ(u.assignments[1].value.kind, Node::Kind::Arith);
  EXPECT_EQ(u.assignments[2].value.kind, Node::Kind::Call);
  EXPECT_EQ(u.assignments[2].value.name, "list_append");
  EXPECT_TRUE(u.assignments[3].remove);
  EXPECT_EQ(u.returning, "UPDATED_NEW");

  const auto d = parse("DELETE FROM tbl WHERE pk = 'x' RETURNING ALL OLD *", nullptr);
  EXPECT_EQ(d.kind, Statement::Kind::Delete);
  EXPECT_EQ(d.returning, "ALL_OLD");

  const auto e = parse("EXISTS(SELECT * FROM tbl WHERE pk = 'x' AND a IS MISSING)", nullptr);
  EXPECT_EQ(e.kind, Statement::Kind::Exists);
  EXPECT_FALSE(e.is_read());
}

}  // namespace
}  // namespace preflight::dynamodb::partiql::test
