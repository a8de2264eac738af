#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/common/json.h"

// CloudWatch Logs filter patterns, the subset FilterLogEvents supports:
// - "" (or blanks): every event.
// - Terms: `ERROR timeout` (every term), `"disk full"` (a quoted phrase, \" escapes a quote),
//   `?ERROR ?WARN` (at least one of the ?-terms), `-DEBUG` (none of the --terms); mixed, an event
//   must have every plain term, one ?-term if any, and no --term. Matching is case-sensitive and
//   by substring.
// - JSON: `{ $.level = "ERROR" }` over events whose message is a JSON object. Selectors `$.a.b`
//   and `$.list[0]`; `=` and `!=` against strings (`*` is a wildcard) or numbers, `<` `>` `<=`
//   `>=` against numbers, `IS TRUE`, `IS FALSE`, `IS NULL`, `NOT EXISTS`; `&&`, `||` (&& binds
//   tighter) and parentheses.
// Not supported (PatternError): space-delimited patterns `[ip, user, ...]`, regular
// expressions `%...%`.
namespace preflight::logs {

struct PatternError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A compiled JSON pattern (json_pattern.cpp).
class JsonPattern {
 public:
  struct Node;
  static JsonPattern parse(std::string_view text);  // "{ ... }"
  bool matches(const Json& event) const;

 private:
  std::shared_ptr<const Node> root_;
};

class FilterPattern {
 public:
  static FilterPattern parse(std::string_view text);  // throws PatternError
  bool matches(std::string_view message) const;

 private:
  std::vector<std::string> required_;
  std::vector<std::string> any_of_;
  std::vector<std::string> excluded_;
  std::shared_ptr<const JsonPattern> json_;
};

}  // namespace preflight::logs
