#pragma once

// Velocity 1.7's grammar as API Gateway runs it, parsed by hand. Whitespace follows 1.7's lexer:
// the `)` closing #set/#if/#elseif/#foreach and the words #else/#end swallow the spaces and the
// one newline after them; #set also swallows the spaces before it when nothing else precedes them
// on the line. Everything else (indentation before #if, text) is copied verbatim.

#include <string_view>

#include "services/apigateway/vtl/ast.h"

namespace preflight::apigateway::vtl {

// Nesting of blocks, expressions and interpolated strings beyond this is a syntax error, so
// parsing and rendering recurse only so deep.
inline constexpr int kMaxNesting = 64;

// Throws Error ("line L, column C: ...") when the text does not parse.
Block parse_template(std::string_view text);

}  // namespace preflight::apigateway::vtl
