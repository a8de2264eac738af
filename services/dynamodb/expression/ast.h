#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/common/json.h"

// The syntax trees every expression kind shares. The parser fills them with names as written
// (#placeholders unresolved, :values empty); the checker resolves them in place.
namespace preflight::dynamodb::expr {

// One step of a document path: a map key (attribute name) or a list index.
struct PathElement {
  std::string name;
  std::size_t index = 0;
  bool is_index = false;
  bool is_placeholder = false;  // `name` is a #placeholder the checker has not resolved yet

  static PathElement key(std::string name) { return {std::move(name), 0, false, false}; }
  static PathElement list_index(std::size_t i) { return {{}, i, true, false}; }
  friend bool operator==(const PathElement& a, const PathElement& b) {
    return a.is_index == b.is_index && (a.is_index ? a.index == b.index : a.name == b.name);
  }
  // Orders list indexes numerically (which is the order list updates and projections need).
  friend bool operator<(const PathElement& a, const PathElement& b) {
    if (a.is_index != b.is_index) {
      return a.is_index;
    }
    return a.is_index ? a.index < b.index : a.name < b.name;
  }
};
using Path = std::vector<PathElement>;

// The index of a list step written beyond a Java int ("a[99999999999]"); DynamoDB rejects it
// with the index as written, which the element keeps in `name`.
inline constexpr std::size_t kInvalidListIndex = static_cast<std::size_t>(-1);

// DynamoDB's rendering of a path in messages: "[a, b, [1], c]".
std::string path_to_string(const Path& path);

enum class Comparator { Eq, Ne, Lt, Le, Gt, Ge };
std::string_view comparator_symbol(Comparator op);

// An operand: a document path, a value (an ExpressionAttributeValue, or a constant from a
// legacy parameter), or a function call such as size(path).
struct Operand {
  enum class Kind { Path, Value, Call };
  Kind kind = Kind::Value;
  Path path;
  std::string placeholder;  // Value: ":v" as written; empty for a constant
  Json value;               // Value: the AttributeValue once resolved
  std::string function;     // Call: the name as written (function names are case-sensitive)
  std::vector<Operand> args;
  int parens = 0;  // parenthesis pairs written directly around this operand

  static Operand of_path(Path p);
  static Operand constant(Json v);
  static Operand call(std::string name, std::vector<Operand> call_args);
};

// A node of a condition (ConditionExpression, FilterExpression, KeyConditionExpression, or a
// legacy Expected / QueryFilter / ScanFilter mapped onto the same tree).
struct ConditionNode {
  enum class Kind { Compare, Between, In, Call, And, Or, Not };
  Kind kind = Kind::Call;
  Comparator op = Comparator::Eq;
  std::vector<Operand> operands;        // Compare 2, Between 3, In 1 + list, Call 1 (the call)
  std::vector<ConditionNode> children;  // And/Or 2 or more, Not 1
  int parens = 0;
};

// One action of an update. SET's value is `left`, or `left + right` / `left - right`; ADD and
// DELETE keep their :value in `left`; REMOVE (and a legacy DELETE without value) has none.
struct UpdateAction {
  enum class Kind { Set, Remove, Add, Delete };
  Kind kind = Kind::Set;
  Path path;
  Operand left;
  std::optional<Operand> right;
  char arithmetic = 0;  // '+' or '-' when `right` is set
  int value_parens = 0;
  bool legacy = false;  // from AttributeUpdates: ADD also appends lists; other type messages
};

}  // namespace preflight::dynamodb::expr
