#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace preflight::core {
struct RequestContext;
}

namespace preflight::lambda {

inline constexpr std::string_view kLatest = "$LATEST";

// A function as a request names it: "name", "name:qualifier", "ACCOUNT:function:name[:q]" or
// "arn:aws:lambda:REGION:ACCOUNT:function:name[:q]", with an optional Qualifier parameter.
struct FunctionRef {
  std::string account_id;
  std::string region;
  std::string name;
  std::string qualifier;  // empty: unqualified ($LATEST for invokes)

  std::string arn() const;            // unqualified
  std::string qualified_arn() const;  // with the qualifier when there is one
};

// Throws ValidationException for a malformed name and InvalidParameterValueException when the
// name's qualifier and the Qualifier parameter disagree.
FunctionRef parse_function_ref(const core::RequestContext& ctx, std::string_view text,
                               const std::optional<std::string>& qualifier = std::nullopt);
// Same, with the account and region given (event source mappings, destinations).
FunctionRef parse_function_ref(std::string_view account_id, std::string_view region,
                               std::string_view text);

std::string function_arn(std::string_view region, std::string_view account, std::string_view name,
                         std::string_view qualifier = {});

bool is_version_number(std::string_view qualifier);  // "1", "42"
// A name Lambda accepts for a function (1-64 of [A-Za-z0-9_-]) or an alias (which must not be a
// number).
bool valid_function_name(std::string_view name);
bool valid_alias_name(std::string_view name);

}  // namespace preflight::lambda
