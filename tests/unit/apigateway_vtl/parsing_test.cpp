#include <gtest/gtest.h>

#include "tests/unit/apigateway_vtl/helpers.h"

namespace preflight::apigateway::vtl::test {
namespace {

TEST(Parsing, TextIsCopiedVerbatim) {
  EXPECT_EQ(run(""), "");
  EXPECT_EQ(run("plain {\"a\": [1, 2]}\n\n  indented\r\n"),
            "plain {\"a\": [1, 2]}\n\n  indented\r\n");
  EXPECT_EQ(run("price: $5 and $ 10, 100%, a#b, #, a # b"),
            "price: $5 and $ 10, 100%, a#b, #, a # b");
  EXPECT_EQ(run("back\\slash \\n"), "back\\slash \\n");
}

TEST(Parsing, UnknownDirectivesAreText) {
  EXPECT_EQ(run("#foo #endif #elsewhere #{x}"), "#foo #endif #elsewhere #{x}");
  EXPECT_EQ(run("#set without parens"), "#set without parens");
}

TEST(Parsing, LineComments) {
  EXPECT_EQ(run("## a comment\nkept"), "kept");
  EXPECT_EQ(run("a ## trailing comment\nb"), "a b");
  EXPECT_EQ(run("a ## at the end"), "a ");
  EXPECT_EQ(run("x\r\n## c\r\ny"), "x\r\ny");
}

TEST(Parsing, BlockComments) {
  EXPECT_EQ(run("a#* hidden $ref #if *#b"), "ab");
  EXPECT_EQ(run("a#*\nmulti\nline\n*#\nb"), "a\nb");
  EXPECT_EQ(run("#** doc comment *#x"), "x");
}

TEST(Parsing, UnparsedBlock) {
  EXPECT_EQ(run("#[[ $not #if(x) ]]#!"), " $not #if(x) !");
}

// Velocity 1.7's lexer: the ')' of #set/#if/#elseif/#foreach and the words #else/#end take the
// blanks and one newline after them; nothing else does.
TEST(Parsing, DirectiveLinesSwallowTheirNewline) {
  EXPECT_EQ(run("#set($a = 1)\n$a"), "1");
  EXPECT_EQ(run("#set($a = 1)   \n$a"), "1");
  EXPECT_EQ(run("#set($a = 1) x\n$a"), " x\n1");
  EXPECT_EQ(run("#if(true)\nyes\n#end\nafter"), "yes\nafter");
  EXPECT_EQ(run("#if(false)\nyes\n#else\nno\n#end\nafter"), "no\nafter");
  EXPECT_EQ(run("#if(false)\na\n#elseif(true)\nb\n#end\n"), "b\n");
  EXPECT_EQ(run("#foreach($i in [1..3])\n$i\n#end\n"), "1\n2\n3\n");
  EXPECT_EQ(run("#set($a = 1)\r\n$a"), "1");
}

TEST(Parsing, IndentationBeforeIfStays) {
  EXPECT_EQ(run("  #if(true)\n    x\n  #end\n"), "      x\n  ");
}

// #set also takes the blanks before it when they start a token (the line has nothing else).
TEST(Parsing, SetSwallowsLeadingBlanks) {
  // The cases of Velocity's own gobbling test (set.vtl in BC mode).
  EXPECT_EQ(run("#set($foo = 'foo')\n #set($foo = 'foo')\n#set($foo = 'foo') postfix\n"
                " #set($foo = 'foo') postfix\nprefix #set($foo = 'foo')\n"
                "prefix #set($foo = 'foo') postfix\n"),
            " postfix\n  postfix\nprefix prefix  postfix\n");
  EXPECT_EQ(run("  #set($x = 1)\n$x"), "1");
  // After a reference the blanks start a new token too.
  EXPECT_EQ(run("#set($x = 1)$x #set($y = 2)$y"), "12");
  EXPECT_EQ(run("a\n  #set($x = 1)\n$x"), "a\n  1");
}

// The common comma idiom: the #end after the comma swallows the line's newline.
TEST(Parsing, HasNextCommaIdiomJoinsLines) {
  const char* text =
      "[\n"
      "#foreach($i in [1, 2, 3])\n"
      "  {\"id\": $i}#if($foreach.hasNext),#end\n"
      "#end\n"
      "]";
  EXPECT_EQ(run(text), "[\n  {\"id\": 1},  {\"id\": 2},  {\"id\": 3}]");
}

TEST(Parsing, BracedDirectives) {
  EXPECT_EQ(run("#{if}(true)a#{else}b#{end}c"), "ac");
  EXPECT_EQ(run("#{set}($x = 2)$x"), "2");
  EXPECT_EQ(run("#foreach($i in [1,2])$i#{end}x"), "12x");
  EXPECT_EQ(run("#if(true)x#{end}y"), "xy");
}

TEST(Parsing, DirectivesInsideText) {
  EXPECT_EQ(run("a#if(true)b#end c"), "ab c");
  EXPECT_EQ(run("x#set($y = 5)$y"), "x5");
}

TEST(Parsing, EscapedReferences) {
  Input input;
  input.stage_variables = {{"v", "val"}};
  // Escaped: printed as written; a null reference keeps its backslash.
  EXPECT_EQ(run("#set($x = 1)\\$x \\$y", input), "$x \\$y");
  // Two backslashes: one is printed, then the reference is live.
  EXPECT_EQ(run("#set($x = 1)\\\\$x", input), "\\1");
  EXPECT_EQ(run("\\\\$y"), "\\\\$y");
  EXPECT_EQ(run("#set($x = 1)\\\\\\$x"), "\\$x");
  EXPECT_EQ(run("\\${stageVariables.v} \\$!x", input), "${stageVariables.v} \\$!x");
}

TEST(Parsing, EscapedDirectives) {
  EXPECT_EQ(run("\\#if(true) \\#end \\#set($x = 1)"), "#if(true) #end #set($x = 1)");
  EXPECT_EQ(run("\\\\#if(true)yes#end"), "\\yes");
  EXPECT_EQ(run("\\#notadirective"), "\\#notadirective");
  EXPECT_EQ(run("#set($a = 'A')\\#if($a)"), "#if(A)");
}

TEST(Parsing, ReferencesEndWhereTheGrammarSaysSo) {
  Input input;
  input.context = {{"a", "A"}, {"b", {{"c", "C"}}}, {"a-b", "dash"}};
  EXPECT_EQ(run("$context.a.", input), "A.");
  EXPECT_EQ(run("$context.a. x", input), "A. x");
  EXPECT_EQ(run("${context.a}b", input), "Ab");
  EXPECT_EQ(run("$context.b.c!", input), "C!");
  EXPECT_EQ(run("$context.a (x)", input), "A (x)");
  EXPECT_EQ(run("$context.a[", input), "A[");
  EXPECT_EQ(run("${context.a", input), "${context.a");
  // A '-' belongs to the name in Velocity 1.7.
  EXPECT_EQ(run("$context.a-b", input), "dash");
  EXPECT_EQ(run("$context.a-$context.a", input), "$context.a-A");
  // '.' must be followed by a letter to continue a reference.
  EXPECT_EQ(run("$context.b._x", input), "{c=C}._x");
  EXPECT_EQ(run("$1 $! ${ $!{", input), "$1 $! ${ $!{");
}

void expect_error(std::string_view text, std::string_view fragment) {
  try {
    Template t(text);
    ADD_FAILURE() << "parsed: " << text;
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos)
        << "message: " << e.what() << " for: " << text;
  }
}

TEST(Parsing, SyntaxErrorsNameLineAndColumn) {
  expect_error("#if($a) yes", "line 1, column 1: #if without #end");
  expect_error("ok\n  #end", "line 2, column 3: #end without");
  expect_error("#else", "#else without");
  expect_error("#elseif(true)", "#elseif without");
  expect_error("#if(true)a#else b#else c#end", "after #else");
  expect_error("#foreach($i in [1])", "#foreach without #end");
  expect_error("#foreach($i [1])#end", "expected 'in'");
  expect_error("#foreach($i.x in [1])#end", "plain $variable");
  expect_error("#foreach($i in [1])#else#end", "inside #foreach");
  expect_error("#if true#end", "#if needs a condition");
  expect_error("#set(x = 1)", "#set needs a $reference");
  expect_error("#set($x 1)", "expected '='");
  expect_error("#set($x = 1", "expected ')' closing #set");
  expect_error("#set($x.y() = 1)", "method call");
  expect_error("#if($a == )#end", "line 1, column 11: unexpected ')'");
  expect_error("#set($x = \"open)", "unterminated string");
  expect_error("#set($x = 'open)", "unterminated string");
  expect_error("#* never closed", "unterminated #* comment");
  expect_error("#[[ never closed", "unterminated #[[");
  expect_error("$a.b(1, ", "unexpected end");
  expect_error("$a.b(1 2)", "expected ',' or ')'");
  expect_error("#macro(x)#end", "not supported");
  expect_error("#define($x)y#end", "not supported");
  expect_error("#set($m = {'a' 1})", "':' after the map key");
  expect_error("#set($l = [1 2])", "',' or ']'");
  expect_error("#if(1..2)#end", "expected ')' closing the condition");
}

TEST(Parsing, WordOperatorsNeedWordBoundaries) {
  EXPECT_EQ(run("#if(true and not false)y#end"), "y");
  expect_error("#if(trueandfalse)#end", "unexpected 't'");
}

}  // namespace
}  // namespace preflight::apigateway::vtl::test
