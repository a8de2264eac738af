#pragma once

#include <gtest/gtest.h>

#include <string>

#include "emulator/common/json.h"
#include "emulator/service/aws_error.h"
#include "services/dynamodb/partiql/parser.h"
#include "services/dynamodb/partiql/translate.h"
#include "tests/unit/support/attribute_values.h"
#include "tests/unit/support/aws_error.h"

namespace preflight::dynamodb::partiql::test {

using namespace preflight::dynamodb::testing;  // S(), N(), L(), ... builders
using core::testing::validation_message;

inline std::string parse_error(const std::string& statement, const Json& parameters = nullptr) {
  return validation_message(
      [&] { parse(statement, parameters.is_null() ? nullptr : &parameters); });
}

inline std::string malformed(const std::string& detail) {
  return "Statement wasn't well formed, can't be processed: " + detail;
}

// A table keyed pk (S) and, when asked, sk (N).
inline KeySchema keys(bool with_sort = true) {
  KeySchema k{{"pk", "S"}, std::nullopt};
  if (with_sort) {
    k.sort = KeyAttribute{"sk", "N"};
  }
  return k;
}

inline Translation translated(const std::string& statement, Context context = Context::Single,
                              const KeySchema& table_keys = keys(),
                              const KeySchema* index_keys = nullptr,
                              const Json& parameters = nullptr) {
  return translate(parse(statement, parameters.is_null() ? nullptr : &parameters), table_keys,
                   index_keys, context);
}

inline std::string translate_error(const std::string& statement, Context context = Context::Single,
                                   const KeySchema& table_keys = keys()) {
  return validation_message([&] { translated(statement, context, table_keys); });
}

}  // namespace preflight::dynamodb::partiql::test
