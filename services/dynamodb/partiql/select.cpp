#include "services/dynamodb/model/attribute_value.h"
#include "services/dynamodb/model/errors.h"
#include "services/dynamodb/partiql/keys.h"
#include "services/dynamodb/partiql/render.h"

// SELECT in ExecuteStatement. When the top-level ANDs hold one equality on the partition key the
// statement is a Query (with the first usable sort-key condition as its range); anything else is
// a Scan, the whole WHERE its filter, as DynamoDB's "full table scan".
namespace preflight::dynamodb::partiql {
namespace {

bool names(const Node& node, const std::string& attribute) {
  return node.kind == Node::Kind::Path && !node.path.empty() && !node.path[0].is_index &&
         node.path[0].name == attribute;
}

// Whether every way the condition can hold constrains the partition key (ORDER BY needs that).
bool bounds_partition(const Node& node, const std::string& partition) {
  switch (node.kind) {
    case Node::Kind::And:
      for (const auto& child : node.children) {
        if (bounds_partition(child, partition)) {
          return true;
        }
      }
      return false;
    case Node::Kind::Or:
      for (const auto& child : node.children) {
        if (!bounds_partition(child, partition)) {
          return false;
        }
      }
      return true;
    case Node::Kind::Compare:
      return (names(node.children[0], partition) && node.children[1].kind == Node::Kind::Value) ||
             (names(node.children[1], partition) && node.children[0].kind == Node::Kind::Value);
    case Node::Kind::In:
    case Node::Kind::Between:
      return names(node.children[0], partition);
    default:
      return false;
  }
}

void check_order_by(const Statement& s, const KeySchema& keys, const KeySchema& table_keys) {
  if (!s.where) {
    throw errors::validation("Must have WHERE clause in the statement when using ORDER BY clause.");
  }
  if (!bounds_partition(*s.where, keys.partition.name)) {
    throw errors::validation(
        "Must have at least one non-optional hash key condition in WHERE clause when using ORDER "
        "BY clause.");
  }
  for (const auto& key : s.order_by) {
    bool found = false;
    for (const KeySchema* schema : {&keys, &table_keys}) {
      found = found || key.name == schema->partition.name ||
              (schema->sort && key.name == schema->sort->name);
    }
    if (!found) {
      throw errors::validation("Variable reference " + key.name +
                               " in ORDER BY clause must be part of the primary key");
    }
  }
}

std::string flipped(const std::string& op) {
  if (op == "<") {
    return ">";
  }
  if (op == "<=") {
    return ">=";
  }
  if (op == ">") {
    return "<";
  }
  if (op == ">=") {
    return "<=";
  }
  return op;
}

bool is_value(const Node& node) {
  return node.kind == Node::Kind::Value;
}

// A conjunct a key condition can take on the sort key, as KeyConditionExpression text.
std::optional<std::string> sort_condition(ExpressionBuilder& b, const Node& c,
                                          const KeyAttribute& sort) {
  const auto& args = c.children;
  if (c.kind == Node::Kind::Compare && c.name != "<>") {
    const bool forward = names(args[0], sort.name) && args[0].path.size() == 1 && is_value(args[1]);
    const bool backward =
        names(args[1], sort.name) && args[1].path.size() == 1 && is_value(args[0]);
    if (!forward && !backward) {
      return std::nullopt;
    }
    const Json& value = forward ? args[1].value : args[0].value;
    check_key_type(sort.name, value, sort);
    const std::string key = b.name(sort.name);
    return key + " " + (forward ? c.name : flipped(c.name)) + " " + b.value(value);
  }
  if (c.kind == Node::Kind::Between && names(args[0], sort.name) && args[0].path.size() == 1 &&
      is_value(args[1]) && is_value(args[2])) {
    check_key_type(sort.name, args[1].value, sort);
    check_key_type(sort.name, args[2].value, sort);
    const std::string key = b.name(sort.name);
    const std::string low = b.value(args[1].value);
    return key + " BETWEEN " + low + " AND " + b.value(args[2].value);
  }
  if (c.kind == Node::Kind::Call && c.name == "begins_with" && args.size() == 2 &&
      sort.type != "N" && names(args[0], sort.name) && args[0].path.size() == 1 &&
      is_value(args[1])) {
    check_key_type(sort.name, args[1].value, sort);
    const std::string key = b.name(sort.name);
    return "begins_with(" + key + ", " + b.value(args[1].value) + ")";
  }
  return std::nullopt;
}

}  // namespace

Translation select(const Statement& s, const KeySchema& table_keys, const KeySchema* index_keys) {
  const KeySchema& keys = index_keys != nullptr ? *index_keys : table_keys;
  if (!s.order_by.empty()) {
    check_order_by(s, keys, table_keys);
  }
  ExpressionBuilder b;
  Translation t;
  t.action = Translation::Action::Scan;
  t.order_by = s.order_by;
  t.request = {{"TableName", s.table}};
  if (s.index) {
    t.request["IndexName"] = *s.index;
  }
  if (!s.projection.empty()) {
    std::string text;
    for (const auto& path : s.projection) {
      text += (text.empty() ? "" : ", ") + b.path(path);
    }
    t.request["ProjectionExpression"] = text;
  }
  if (!s.where) {
    b.add_to(t.request);
    return t;
  }

  const auto parts = conjuncts(*s.where);
  const Node* partition = nullptr;
  bool conflicting = false;
  for (const Node* c : parts) {
    if (const Node* value = equality_on(*c, keys.partition.name)) {
      conflicting =
          conflicting || (partition != nullptr && !equals(partition->value, value->value));
      partition = partition == nullptr ? value : partition;
    }
  }
  if (partition == nullptr || conflicting) {
    t.request["FilterExpression"] = b.condition(*s.where).text;
    b.add_to(t.request);
    return t;
  }

  check_key_type(keys.partition.name, partition->value, keys.partition);
  std::string key_condition = b.name(keys.partition.name);
  key_condition += " = " + b.value(partition->value);
  std::optional<std::string> sort;
  std::vector<Rendered> filter;
  for (const Node* c : parts) {
    if (equality_on(*c, keys.partition.name) != nullptr) {
      continue;
    }
    if (!sort && keys.sort && (sort = sort_condition(b, *c, *keys.sort))) {
      continue;
    }
    filter.push_back(b.condition(*c));
  }
  if (sort) {
    key_condition += " AND " + *sort;
  }
  t.action = Translation::Action::Query;
  t.request["KeyConditionExpression"] = key_condition;
  if (!filter.empty()) {
    t.request["FilterExpression"] = b.all_of(filter).text;
  }
  for (const auto& key : s.order_by) {
    if (keys.sort && key.name == keys.sort->name) {
      t.request["ScanIndexForward"] = !key.descending;
      break;
    }
  }
  b.add_to(t.request);
  return t;
}

}  // namespace preflight::dynamodb::partiql
