#include "services/dynamodb/partiql/translate.h"

#include "services/dynamodb/model/attribute_value.h"
#include "services/dynamodb/model/errors.h"
#include "services/dynamodb/partiql/keys.h"
#include "services/dynamodb/partiql/render.h"

namespace preflight::dynamodb::partiql {
namespace {

using Action = Translation::Action;

std::string projection_text(ExpressionBuilder& b, const std::vector<Path>& paths) {
  std::string text;
  for (const auto& path : paths) {
    text += (text.empty() ? "" : ", ") + b.path(path);
  }
  return text;
}

// The conjuncts left after the key, as one condition (nullopt when none are left).
std::optional<Rendered> rest_of(ExpressionBuilder& b, const std::vector<const Node*>& rest) {
  if (rest.empty()) {
    return std::nullopt;
  }
  std::vector<Rendered> parts;
  for (const Node* node : rest) {
    parts.push_back(b.condition(*node));
  }
  return b.all_of(parts);
}

Translation put(const Statement& s, const KeySchema& keys) {
  ExpressionBuilder b;
  Translation t;
  t.action = Action::PutItem;
  t.insert = true;
  t.request = {{"TableName", s.table}, {"Item", s.item}};
  t.request["ConditionExpression"] = "attribute_not_exists(" + b.name(keys.partition.name) + ")";
  b.add_to(t.request);
  return t;
}

// SET and REMOVE as an UpdateExpression; set_add / set_delete become ADD / DELETE.
std::string update_expression(ExpressionBuilder& b, const std::vector<Assignment>& assignments) {
  std::string set, remove, add, del;
  for (const auto& a : assignments) {
    const std::string target = b.path(a.path);
    if (a.remove) {
      remove += (remove.empty() ? "" : ", ") + target;
      continue;
    }
    const Node& v = a.value;
    if (v.kind == Node::Kind::Call && (v.name == "set_add" || v.name == "set_delete")) {
      const std::string op = v.name == "set_add" ? "ADD" : "DELETE";
      if (v.children.size() != 2) {
        throw errors::validation("SET_" + op + " must have exactly two arguments");
      }
      if (v.children[0].kind != Node::Kind::Path || !(v.children[0].path == a.path)) {
        throw errors::validation("The first argument to SET_" + op +
                                 " must equal the assignment value");
      }
      const auto type =
          v.children[1].kind == Node::Kind::Value ? type_of(v.children[1].value) : std::nullopt;
      if (!type || (*type != Type::SS && *type != Type::NS && *type != Type::BS)) {
        throw errors::validation("The second argument to SET_" + op +
                                 " must be a value with type SET");
      }
      std::string& section = op == "ADD" ? add : del;
      section += (section.empty() ? "" : ", ") + target + " " + b.value(v.children[1].value);
      continue;
    }
    set += (set.empty() ? "" : ", ") + target + " = " + b.update_value(v);
  }
  std::string text;
  for (const auto& [keyword, section] : {std::pair<const char*, const std::string&>{"SET", set},
                                         {"REMOVE", remove},
                                         {"ADD", add},
                                         {"DELETE", del}}) {
    if (!section.empty()) {
      text += (text.empty() ? "" : " ") + std::string(keyword) + " " + section;
    }
  }
  return text;
}

Translation update(const Statement& s, const KeySchema& keys) {
  const auto extracted = extract_key(*s.where, keys, KeyUse::Write);
  ExpressionBuilder b;
  Translation t;
  t.action = Action::UpdateItem;
  t.request = {{"TableName", s.table}, {"Key", extracted.key}};
  t.request["UpdateExpression"] = update_expression(b, s.assignments);
  // An UPDATE never creates an item: a missing one fails its condition.
  std::vector<Rendered> condition{{"attribute_exists(" + b.name(keys.partition.name) + ")"}};
  if (auto rest = rest_of(b, extracted.rest)) {
    condition.push_back(*rest);
  }
  t.request["ConditionExpression"] = b.all_of(condition).text;
  if (!s.returning.empty()) {
    t.request["ReturnValues"] = s.returning;
  }
  b.add_to(t.request);
  return t;
}

Translation remove(const Statement& s, const KeySchema& keys) {
  const auto extracted = extract_key(*s.where, keys, KeyUse::Write);
  ExpressionBuilder b;
  Translation t;
  t.action = Action::DeleteItem;
  t.request = {{"TableName", s.table}, {"Key", extracted.key}};
  // The rest of the WHERE must hold for an item that exists; deleting nothing always succeeds.
  const std::string partition = b.name(keys.partition.name);
  if (auto rest = rest_of(b, extracted.rest)) {
    t.request["ConditionExpression"] =
        "attribute_not_exists(" + partition + ") OR " + wrapped(*rest, Rendered::Atom);
  } else {
    b = ExpressionBuilder();  // no condition: no placeholders either
  }
  if (!s.returning.empty()) {
    t.request["ReturnValues"] = s.returning;
  }
  b.add_to(t.request);
  return t;
}

Translation check(const Statement& s, const KeySchema& keys) {
  if (s.index) {
    throw errors::validation("Operations on indices are not supported in transactions");
  }
  if (!s.where) {
    throw errors::validation("EXISTS() must contain a single item read with additional condition");
  }
  const auto extracted = extract_key(*s.where, keys, KeyUse::Check);
  ExpressionBuilder b;
  Translation t;
  t.action = Action::ConditionCheck;
  t.request = {{"TableName", s.table}, {"Key", extracted.key}};
  std::vector<Rendered> condition{{"attribute_exists(" + b.name(keys.partition.name) + ")"}};
  if (auto rest = rest_of(b, extracted.rest)) {
    condition.push_back(*rest);
  }
  t.request["ConditionExpression"] = b.all_of(condition).text;
  b.add_to(t.request);
  return t;
}

// A SELECT in a batch or a transaction reads one item by its full key, nothing more.
Translation get(const Statement& s, const KeySchema& keys, Context context) {
  const char* message = context == Context::Transaction
                            ? "Select statements within ExecuteTransaction must specify the "
                              "primary key in the where clause."
                            : "Only single item select is supported";
  if (s.index && context == Context::Transaction) {
    throw errors::validation("Reads on indices are not supported within transactions.");
  }
  if (!s.where) {
    throw errors::validation(message);
  }
  ExtractedKey extracted;
  try {
    extracted = extract_key(*s.where, keys, KeyUse::Read);
  } catch (const core::AwsError&) {
    throw errors::validation(message);
  }
  if (!extracted.rest.empty()) {
    throw errors::validation(message);
  }
  check_key_types(extracted.key, keys);
  ExpressionBuilder b;
  Translation t;
  t.action = Action::GetItem;
  t.request = {{"TableName", s.table}, {"Key", extracted.key}};
  if (!s.projection.empty()) {
    t.request["ProjectionExpression"] = projection_text(b, s.projection);
  }
  b.add_to(t.request);
  return t;
}

}  // namespace

Translation translate(const Statement& statement, const KeySchema& table_keys,
                      const KeySchema* index_keys, Context context) {
  if (context == Context::Transaction && !statement.returning.empty()) {
    throw errors::validation("RETURNING clause is not supported in ExecuteTransaction.");
  }
  switch (statement.kind) {
    case Statement::Kind::Select:
      return context == Context::Single ? select(statement, table_keys, index_keys)
                                        : get(statement, table_keys, context);
    case Statement::Kind::Insert:
      return put(statement, table_keys);
    case Statement::Kind::Update:
      return update(statement, table_keys);
    case Statement::Kind::Delete:
      return remove(statement, table_keys);
    case Statement::Kind::Exists:
      if (context != Context::Transaction) {
        throw errors::validation("EXISTS can only be used in ExecuteTransaction write requests.");
      }
      return check(statement, table_keys);
  }
  return {};
}

}  // namespace preflight::dynamodb::partiql
