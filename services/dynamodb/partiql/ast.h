#pragma once

#include <optional>
#include <string>
#include <vector>

#include "emulator/common/json.h"
#include "services/dynamodb/expression/ast.h"

// The statements DynamoDB's PartiQL accepts, as the parser leaves them: names resolved, literals
// and `?` parameters already turned into AttributeValues, nothing yet known about the table.
namespace preflight::dynamodb::partiql {

using expr::Path;

// One node of a WHERE condition or of a SET value.
struct Node {
  enum class Kind {
    Path,     // path
    Value,    // value (an AttributeValue)
    Missing,  // the MISSING literal, which only IS may compare
    Call,     // name(children...), name lower-cased
    Compare,  // children[0] name children[1]; name is = <> < <= > >=
    Between,  // children[0] BETWEEN children[1] AND children[2]
    In,       // children[0] IN (children[1..])
    IsType,   // children[0] IS [NOT] name (MISSING, NULL, STRING, ...); negated for IS NOT
    Arith,    // children[0] name children[1]; name is + or -
    And,
    Or,
    Not,
  };
  Kind kind = Kind::Value;
  Path path;
  Json value;
  std::string name;
  std::vector<Node> children;
  bool negated = false;

  static Node of_path(Path p) {
    Node n;
    n.kind = Kind::Path;
    n.path = std::move(p);
    return n;
  }
  static Node of_value(Json v) {
    Node n;
    n.kind = Kind::Value;
    n.value = std::move(v);
    return n;
  }
  static Node op(Kind kind, std::string name, std::vector<Node> children) {
    Node n;
    n.kind = kind;
    n.name = std::move(name);
    n.children = std::move(children);
    return n;
  }
};

struct OrderKey {
  std::string name;
  bool descending = false;
};

// One action of an UPDATE: SET path = value, or REMOVE path (no value).
struct Assignment {
  bool remove = false;
  Path path;
  Node value;
};

struct Statement {
  enum class Kind { Select, Insert, Update, Delete, Exists };
  Kind kind = Kind::Select;
  std::string table;
  std::optional<std::string> index;  // FROM "table"."index"
  // SELECT (and the SELECT inside EXISTS): no paths means *.
  std::vector<Path> projection;
  std::vector<OrderKey> order_by;
  // SELECT, UPDATE, DELETE, EXISTS
  std::optional<Node> where;
  // INSERT: the item (an attribute map)
  Json item = Json::object();
  // UPDATE
  std::vector<Assignment> assignments;
  // UPDATE, DELETE: RETURNING as DynamoDB's ReturnValues (ALL_OLD, UPDATED_NEW, ...); empty when
  // there is none.
  std::string returning;

  bool is_read() const { return kind == Kind::Select; }
};

}  // namespace preflight::dynamodb::partiql
