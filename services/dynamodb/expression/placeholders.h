#pragma once

#include <set>
#include <string>
#include <string_view>

#include "emulator/common/json.h"

namespace preflight::dynamodb::expr {

// One request's ExpressionAttributeNames (#n -> name) and ExpressionAttributeValues
// (:v -> AttributeValue), and which of them its expressions used. Shared by every expression of
// the request, because DynamoDB rejects placeholders that none of them uses.
class Placeholders {
 public:
  // Either may be null (absent). Validates and normalises the values; throws ValidationException
  // for an empty map, a key without its '#' / ':' prefix, or an invalid value.
  Placeholders(const Json* names, const Json* values);

  // expression_kind names the expression in errors: "ConditionExpression", "UpdateExpression"...
  const std::string& name(std::string_view placeholder, std::string_view expression_kind);
  const Json& value(std::string_view placeholder, std::string_view expression_kind);

  bool empty() const { return names_.empty() && values_.empty(); }
  // Throws "Value provided in ExpressionAttribute{Names,Values} unused in expressions: keys: {..}".
  void check_all_used() const;

 private:
  Json names_ = Json::object();
  Json values_ = Json::object();
  std::set<std::string, std::less<>> used_names_;
  std::set<std::string, std::less<>> used_values_;
};

}  // namespace preflight::dynamodb::expr
