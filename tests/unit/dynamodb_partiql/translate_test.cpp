#include <gtest/gtest.h>

#include "tests/unit/dynamodb_partiql/helpers.h"

namespace preflight::dynamodb::partiql::test {
namespace {

using Action = Translation::Action;

const std::string kMissingKey =
    "Where clause does not contain a mandatory equality on all key attributes";

TEST(PartiqlTranslate, InsertIsAPutThatMustNotFindTheKey) {
  const auto t = translated("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 1, 'v': 'x'}");
  EXPECT_EQ(t.action, Action::PutItem);
  EXPECT_TRUE(t.insert);
  EXPECT_EQ(t.request, (Json{{"TableName", "tbl"},
                             {"Item", {{"pk", S("a")}, {"sk", N("1")}, {"v", S("x")}}},
                             {"ConditionExpression", "attribute_not_exists(#n0)"},
                             {"ExpressionAttributeNames", {{"#n0", "pk"}}}}));
}

TEST(PartiqlTranslate, UpdateIsAnUpdateItemOnAnExistingItem) {
  const auto t = translated(
      "UPDATE tbl SET a = a + 1, b = 'x' REMOVE c WHERE pk = 'p' AND sk = 1 AND d > 2 "
      "RETURNING ALL NEW *");
  EXPECT_EQ(t.action, Action::UpdateItem);
  EXPECT_EQ(t.request["Key"], (Json{{"pk", S("p")}, {"sk", N("1")}}));
  EXPECT_EQ(t.request["UpdateExpression"], "SET #n0 = #n0 + :v0, #n1 = :v1 REMOVE #n2");
  EXPECT_EQ(t.request["ConditionExpression"], "attribute_exists(#n3) AND #n4 > :v2");
  EXPECT_EQ(t.request["ExpressionAttributeNames"],
            (Json{{"#n0", "a"}, {"#n1", "b"}, {"#n2", "c"}, {"#n3", "pk"}, {"#n4", "d"}}));
  EXPECT_EQ(t.request["ExpressionAttributeValues"],
            (Json{{":v0", N("1")}, {":v1", S("x")}, {":v2", N("2")}}));
  EXPECT_EQ(t.request["ReturnValues"], "ALL_NEW");
}

TEST(PartiqlTranslate, SetAddAndSetDeleteBecomeAddAndDelete) {
  const auto t = translated(
      "UPDATE tbl SET s = set_add(s, <<'a'>>) SET n = SET_DELETE(n, <<1>>) WHERE pk = 'p' AND "
      "sk = 1");
  EXPECT_EQ(t.request["UpdateExpression"], "ADD #n0 :v0 DELETE #n1 :v1");
  EXPECT_EQ(translate_error("UPDATE tbl SET s = set_add(t, <<'a'>>) WHERE pk = 'p' AND sk = 1"),
            "The first argument to SET_ADD must equal the assignment value");
  EXPECT_EQ(translate_error("UPDATE tbl SET s = set_add(s, 'a') WHERE pk = 'p' AND sk = 1"),
            "The second argument to SET_ADD must be a value with type SET");
  EXPECT_EQ(translate_error("UPDATE tbl SET s = set_delete(s) WHERE pk = 'p' AND sk = 1"),
            "SET_DELETE must have exactly two arguments");
}

TEST(PartiqlTranslate, DeleteConditionsOnlyAnItemThatExists) {
  auto t = translated("DELETE FROM tbl WHERE sk = 1 AND pk = 'p'");
  EXPECT_EQ(t.action, Action::DeleteItem);
  EXPECT_EQ(t.request, (Json{{"TableName", "tbl"}, {"Key", {{"pk", S("p")}, {"sk", N("1")}}}}));

  t = translated("DELETE FROM tbl WHERE pk = 'p' AND sk = 1 AND a = 'x' RETURNING ALL OLD *");
  EXPECT_EQ(t.request["ConditionExpression"], "attribute_not_exists(#n0) OR #n1 = :v0");
  EXPECT_EQ(t.request["ReturnValues"], "ALL_OLD");

  t = translated("DELETE FROM tbl WHERE pk = 'p' AND sk = 1 AND (a = 'x' OR b = 'y')");
  EXPECT_EQ(t.request["ConditionExpression"],
            "attribute_not_exists(#n0) OR (#n1 = :v0 OR #n2 = :v1)");
}

TEST(PartiqlTranslate, WritesNeedTheWholeKey) {
  EXPECT_EQ(translate_error("DELETE FROM tbl WHERE pk = 'p'"), kMissingKey);
  EXPECT_EQ(translate_error("DELETE FROM tbl WHERE pk = 'p' OR sk = 1"), kMissingKey);
  EXPECT_EQ(translate_error("DELETE FROM tbl WHERE pk > 'p' AND sk = 1"), kMissingKey);
  EXPECT_EQ(translate_error("UPDATE tbl SET a = 1 WHERE pk = 'p' AND sk = 1 AND pk = 'q'"),
            "Multiple conditions on same key pk. Only single item Update/Insert/Delete are "
            "supported");
  EXPECT_EQ(translate_error("DELETE FROM tbl WHERE pk = true AND sk = 1"),
            "Key value must be of type S, N, or B. Key name: pk, Key type: BOOL");
  EXPECT_EQ(translate_error("DELETE FROM tbl WHERE pk = 1 AND sk = 1"),
            "Key attribute's data type should match its data type in table's schema: Key pk");
  // The same equality twice is one key.
  EXPECT_EQ(translated("DELETE FROM tbl WHERE pk = 'p' AND sk = 1 AND pk = 'p'").request["Key"],
            (Json{{"pk", S("p")}, {"sk", N("1")}}));
}

TEST(PartiqlTranslate, SelectWithThePartitionKeyIsAQuery) {
  auto t = translated("SELECT a, m.b FROM tbl WHERE pk = 'p' AND sk BETWEEN 1 AND 5 AND x <> 2");
  EXPECT_EQ(t.action, Action::Query);
  EXPECT_EQ(t.request["ProjectionExpression"], "#n0, #n1.#n2");
  EXPECT_EQ(t.request["KeyConditionExpression"], "#n3 = :v0 AND #n4 BETWEEN :v1 AND :v2");
  EXPECT_EQ(t.request["FilterExpression"], "#n5 <> :v3");

  // A value on the left flips the comparison; a second sort-key condition is a filter.
  t = translated("SELECT * FROM tbl WHERE 'p' = pk AND 3 < sk AND sk < 9");
  EXPECT_EQ(t.request["KeyConditionExpression"], "#n0 = :v0 AND #n1 > :v1");
  EXPECT_EQ(t.request["FilterExpression"], "#n1 < :v2");

  t = translated("SELECT * FROM tbl WHERE pk = 'p' ORDER BY sk DESC");
  EXPECT_EQ(t.request["ScanIndexForward"], false);
  ASSERT_EQ(t.order_by.size(), 1u);

  EXPECT_EQ(translate_error("SELECT * FROM tbl WHERE pk = 1"),
            "Key attribute's data type should match its data type in table's schema: Key pk");
}

TEST(PartiqlTranslate, SelectWithoutThePartitionKeyIsAScan) {
  for (const char* where : {"pk > 'a'", "pk = 'a' OR pk = 'b'", "pk IN ['a', 'b']",
                            "a = 1 AND pk = 'a' AND pk = 'b'"}) {
    const auto t = translated(std::string("SELECT * FROM tbl WHERE ") + where);
    EXPECT_EQ(t.action, Action::Scan) << where;
    EXPECT_FALSE(t.request.contains("KeyConditionExpression"));
    EXPECT_TRUE(t.request.contains("FilterExpression"));
  }
  EXPECT_EQ(translated("SELECT * FROM tbl").request, (Json{{"TableName", "tbl"}}));
  EXPECT_EQ(translated("SELECT * FROM tbl WHERE pk IN ['a', 'b']").request["FilterExpression"],
            "#n0 IN (:v0, :v1)");
}

TEST(PartiqlTranslate, SelectFromAnIndexUsesItsKeys) {
  const KeySchema index{{"g", "S"}, std::nullopt};
  const auto t =
      translate(parse("SELECT * FROM \"tbl\".\"byg\" WHERE g = 'x' AND pk = 'p'", nullptr), keys(),
                &index, Context::Single);
  EXPECT_EQ(t.action, Action::Query);
  EXPECT_EQ(t.request["IndexName"], "byg");
  EXPECT_EQ(t.request["KeyConditionExpression"], "#n0 = :v0");
  EXPECT_EQ(t.request["FilterExpression"], "#n1 = :v1");
}

TEST(PartiqlTranslate, OrderByNeedsThePartitionKey) {
  EXPECT_EQ(translate_error("SELECT * FROM tbl ORDER BY pk"),
            "Must have WHERE clause in the statement when using ORDER BY clause.");
  EXPECT_EQ(translate_error("SELECT * FROM tbl WHERE a = 1 ORDER BY pk"),
            "Must have at least one non-optional hash key condition in WHERE clause when using "
            "ORDER BY clause.");
  EXPECT_EQ(translate_error("SELECT * FROM tbl WHERE pk = 'a' OR a = 1 ORDER BY pk"),
            "Must have at least one non-optional hash key condition in WHERE clause when using "
            "ORDER BY clause.");
  EXPECT_EQ(translate_error("SELECT * FROM tbl WHERE pk = 'a' ORDER BY a"),
            "Variable reference a in ORDER BY clause must be part of the primary key");
  EXPECT_EQ(translated("SELECT * FROM tbl WHERE pk IN ['a', 'b'] ORDER BY pk DESC").action,
            Action::Scan);
}

TEST(PartiqlTranslate, ConditionsKeepOnlyNeededParentheses) {
  auto where = [](const std::string& condition) {
    return translated("SELECT * FROM tbl WHERE " + condition).request["FilterExpression"];
  };
  EXPECT_EQ(where("((a = 1))"), "#n0 = :v0");
  EXPECT_EQ(where("(a = 1 OR b = 2) AND c = 3"), "(#n0 = :v0 OR #n1 = :v1) AND #n2 = :v2");
  EXPECT_EQ(where("NOT (a = 1 AND b = 2)"), "NOT (#n0 = :v0 AND #n1 = :v1)");
  EXPECT_EQ(where("a NOT BETWEEN 1 AND 2"), "NOT #n0 BETWEEN :v0 AND :v1");
  EXPECT_EQ(where("\"x y\" IS MISSING OR z IS NOT MISSING"),
            "attribute_not_exists(#n0) OR attribute_exists(#n1)");
  EXPECT_EQ(where("a IS STRING AND b IS NOT NULL"),
            "attribute_type(#n0, :v0) AND NOT attribute_type(#n1, :v1)");
  EXPECT_EQ(where("begins_with(a, 'x') AND contains(l, 1) AND size(m) > 2"),
            "begins_with(#n0, :v0) AND contains(#n1, :v1) AND size(#n2) > :v2");
  EXPECT_EQ(where("a.b[2] = 1"), "#n0.#n1[2] = :v0");
  EXPECT_EQ(translate_error("SELECT * FROM tbl WHERE a = MISSING"),
            "MISSING must be compared using IS operator");
  EXPECT_EQ(translated("SELECT * FROM tbl WHERE a IS BOOLEAN")
                .request["ExpressionAttributeValues"][":v0"],
            S("BOOL"));
}

TEST(PartiqlTranslate, BatchAndTransactionReadsNameOneItem) {
  const auto t = translated("SELECT a FROM tbl WHERE pk = 'p' AND sk = 1", Context::Batch);
  EXPECT_EQ(t.action, Action::GetItem);
  EXPECT_EQ(t.request, (Json{{"TableName", "tbl"},
                             {"Key", {{"pk", S("p")}, {"sk", N("1")}}},
                             {"ProjectionExpression", "#n0"},
                             {"ExpressionAttributeNames", {{"#n0", "a"}}}}));
  EXPECT_EQ(translate_error("SELECT * FROM tbl WHERE pk = 'p'", Context::Batch),
            "Only single item select is supported");
  EXPECT_EQ(
      translate_error("SELECT * FROM tbl WHERE pk = 'p' AND sk = 1 AND a = 1", Context::Batch),
      "Only single item select is supported");
  EXPECT_EQ(translate_error("SELECT * FROM tbl WHERE pk = 'p'", Context::Transaction),
            "Select statements within ExecuteTransaction must specify the primary key in the "
            "where clause.");
  EXPECT_EQ(translate_error("SELECT * FROM \"tbl\".\"idx\" WHERE pk = 'p' AND sk = 1",
                            Context::Transaction),
            "Reads on indices are not supported within transactions.");
  EXPECT_EQ(translate_error("SELECT * FROM tbl WHERE pk = 'p' AND sk = '1'", Context::Batch),
            "Key attribute's data type should match its data type in table's schema: Key sk");
}

TEST(PartiqlTranslate, ExistsIsAConditionCheckInTransactionsOnly) {
  const auto t = translated("EXISTS(SELECT * FROM tbl WHERE pk = 'p' AND sk = 1 AND a IS MISSING)",
                            Context::Transaction);
  EXPECT_EQ(t.action, Action::ConditionCheck);
  EXPECT_EQ(t.request["ConditionExpression"],
            "attribute_exists(#n0) AND attribute_not_exists(#n1)");
  EXPECT_EQ(translate_error("EXISTS(SELECT * FROM tbl WHERE pk = 'p' AND sk = 1)"),
            "EXISTS can only be used in ExecuteTransaction write requests.");
  EXPECT_EQ(translate_error("EXISTS(SELECT * FROM tbl WHERE pk = 'p')", Context::Transaction),
            "EXISTS() must contain a single item read with additional condition");
  EXPECT_EQ(translate_error("UPDATE tbl SET a = 1 WHERE pk = 'p' AND sk = 1 RETURNING ALL NEW *",
                            Context::Transaction),
            "RETURNING clause is not supported in ExecuteTransaction.");
}

TEST(PartiqlOutput, ProjectedPathsComeBackUnderTheirLastName) {
  const Json item = {
      {"pk", S("p")},
      {"m", {{"M", {{"k", {{"L", {S("a"), S("b")}}}}, {"z", N("1")}}}}},
      {"l", {{"L", {S("x")}}}},
  };
  const std::vector<Path> paths = {
      {expr::PathElement::key("m"), expr::PathElement::key("k"), expr::PathElement::list_index(1)},
      {expr::PathElement::key("l"), expr::PathElement::list_index(0)},
      {expr::PathElement::key("m"), expr::PathElement::key("z")},
      {expr::PathElement::key("absent")},
      {expr::PathElement::key("l"), expr::PathElement::list_index(5)},
  };
  EXPECT_EQ(select_output(item, paths), (Json{{"k[1]", S("b")}, {"l[0]", S("x")}, {"z", N("1")}}));
  EXPECT_EQ(select_output(item, {{expr::PathElement::key("nothing")}}), Json::object());
}

}  // namespace
}  // namespace preflight::dynamodb::partiql::test
