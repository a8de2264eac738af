#pragma once

#include <string_view>

// Small scans of untrusted text that several parsers share.
namespace preflight {

// Whether JSON text nests brackets (outside strings) at most max_depth deep: cheap enough to
// run before nlohmann's parser, whose parser and destructor recurse per level.
bool json_nesting_within(std::string_view text, int max_depth);

// Shell-style wildcards: '*' matches any run of characters; with question_mark, '?' matches
// exactly one. Linear in practice (backtracks only to the last '*'), never recursive.
bool wildcard_match(std::string_view pattern, std::string_view text, bool question_mark = false);

// The value of one hexadecimal digit, or -1.
int hex_value(char c);

}  // namespace preflight
