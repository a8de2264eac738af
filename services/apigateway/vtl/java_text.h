#pragma once

// Java's text conventions, which API Gateway's output follows: strings are UTF-16 (length,
// indexOf and substring count UTF-16 units), doubles print as Double.toString, and $util's
// escaping and URL coding come from commons-lang and java.net.

#include <optional>
#include <string>
#include <string_view>

namespace preflight::apigateway::vtl {

// Invalid UTF-8 decodes to U+FFFD, as Java's decoder does.
std::u16string to_utf16(std::string_view utf8);
std::string to_utf8(std::u16string_view utf16);

// Double.toString: "1.5", "100.0", "1.0E7", "1.234E-5", "NaN", "Infinity".
std::string java_double(double d);

// StringEscapeUtils.escapeJavaScript (commons-lang 2): \" \' \\ \/ \b \f \n \r \t, other control
// characters and everything past ASCII as \uXXXX (upper-case hex, UTF-16 units).
std::string escape_javascript(std::string_view s);

// URLEncoder.encode(s, "UTF-8"): letters, digits and . - * _ stay, space is +, the rest %XX.
std::string url_encode(std::string_view s);
// URLDecoder.decode(s, "UTF-8"): + is space; nullopt on a malformed % escape.
std::optional<std::string> url_decode(std::string_view s);

// A JSON string literal (quotes included).
void append_json_string(std::string& out, std::string_view s);

// String.trim(): drops characters <= ' ' at both ends.
std::string_view java_trim(std::string_view s);

}  // namespace preflight::apigateway::vtl
