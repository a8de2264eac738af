#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace preflight {

std::string to_lower(std::string_view s);
bool iequals(std::string_view a, std::string_view b);
bool starts_with_icase(std::string_view s, std::string_view prefix);
std::string_view trim(std::string_view s);
std::vector<std::string_view> split(std::string_view s, char sep);

// RFC 3986 percent-encoding as SigV4 and AWS query strings want it: unreserved characters stay,
// everything else becomes %XX (upper-case hex). keep_slash leaves '/' alone (URI paths).
std::string uri_encode(std::string_view s, bool keep_slash = false);
// Decodes %XX (and '+' as space when plus_is_space). Returns nullopt on a malformed escape.
std::optional<std::string> uri_decode(std::string_view s, bool plus_is_space = false);

using FormParams = std::vector<std::pair<std::string, std::string>>;
// Parses "a=1&b=2" (application/x-www-form-urlencoded or a URL query). nullopt on a bad escape.
std::optional<FormParams> parse_form(std::string_view s);

std::string to_hex(std::string_view bytes);
bool is_all_digits(std::string_view s);

}  // namespace preflight
