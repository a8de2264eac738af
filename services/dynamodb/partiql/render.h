#pragma once

#include <map>
#include <string>
#include <vector>

#include "emulator/common/json.h"
#include "services/dynamodb/partiql/ast.h"

// Writes PartiQL conditions and values as DynamoDB expression text, every attribute name behind
// a generated #n placeholder and every value behind a :v one, so that no reserved word or odd
// character can break the expression and execution can reuse DynamoDB's expression machinery.
namespace preflight::dynamodb::partiql {

// Expression text and how tightly it binds, so that parentheses go exactly where they are needed
// (DynamoDB rejects redundant ones).
struct Rendered {
  enum Binding { Or, And, Atom };
  std::string text;
  Binding binding = Atom;
};

class ExpressionBuilder {
 public:
  std::string name(const std::string& attribute);  // #n0, the same one for the same name
  std::string value(const Json& value);            // :v0, :v1, ... one per value
  std::string path(const Path& path);              // #n0.#n1[2]

  Rendered condition(const Node& node);
  // Several conditions that must all hold (a WHERE clause's conjuncts).
  Rendered all_of(const std::vector<Rendered>& parts);
  std::string operand(const Node& node);
  // The value of a SET action: an operand, or operand + operand / operand - operand.
  std::string update_value(const Node& node);

  // Adds ExpressionAttributeNames / ExpressionAttributeValues to a request when used.
  void add_to(Json& request) const;

 private:
  Rendered compound(const Node& node, const char* separator, Rendered::Binding binding);

  std::map<std::string, std::string> names_;
  Json name_map_ = Json::object();
  Json value_map_ = Json::object();
};

// Text wrapped in parentheses unless it binds at least as tightly as `binding` needs.
std::string wrapped(const Rendered& r, Rendered::Binding at_least);

}  // namespace preflight::dynamodb::partiql
