#include <gtest/gtest.h>

#include "tests/unit/apigateway_vtl/helpers.h"

namespace preflight::apigateway::vtl::test {
namespace {

Input with_context(Json context) {
  Input input;
  input.context = std::move(context);
  return input;
}

TEST(Util, EscapeJavaScriptLikeCommonsLang) {
  const Input in = with_context({{"s", "say \"hi\" it's a\\b </x>\n\t\r\b\f\x01 é €"}});
  EXPECT_EQ(run("$util.escapeJavaScript($context.s)", in),
            "say \\\"hi\\\" it\\'s a\\\\b <\\/x>\\n\\t\\r\\b\\f\\u0001 \\u00E9 \\u20AC");
  EXPECT_EQ(run("$util.escapeJavaScript('😀')"), "\\uD83D\\uDE00");
  EXPECT_EQ(run("$util.escapeJavaScript('')|$util.escapeJavaScript(42)"), "|42");
  EXPECT_EQ(run("$util.escapeJavaScript($nope)"), "$util.escapeJavaScript($nope)");
}

TEST(Util, ParseJson) {
  EXPECT_EQ(run("#set($o = $util.parseJson('{\"a\": {\"b\": [1, 2]}}'))$o.a.b[1] $o.a.b.size() $o"),
            "2 2 {a={b=[1,2]}}");
  EXPECT_EQ(run("#set($o = $util.parseJson($input.body))$o.k", with_body("{\"k\": \"v\"}")), "v");
  EXPECT_EQ(run("$!util.parseJson('{bad')|$util.parseJson('3')|$util.parseJson('\"s\"')"), "|3|s");
}

TEST(Util, UrlEncodeDecodeLikeJavaNet) {
  EXPECT_EQ(run("$util.urlEncode('a b&c=d/é*~')"), "a+b%26c%3Dd%2F%C3%A9*%7E");
  EXPECT_EQ(run("$util.urlDecode('a+b%26c%3dd%2F%C3%A9')"), "a b&c=d/é");
  EXPECT_EQ(run("$!util.urlDecode('%zz')|$!util.urlDecode('%4')|"), "||");
}

TEST(Util, Base64) {
  EXPECT_EQ(run("$util.base64Encode('hello world')"), "aGVsbG8gd29ybGQ=");
  EXPECT_EQ(run("$util.base64Decode('aGVsbG8gd29ybGQ=')"), "hello world");
  EXPECT_EQ(run("$util.base64Decode($util.base64Encode($input.body))", with_body("{\"x\":1}")),
            "{\"x\":1}");
  EXPECT_EQ(run("$!util.base64Decode('***')|"), "|");
}

TEST(Util, UnknownFunctionsRenderAsWritten) {
  EXPECT_EQ(run("$util.toJson('x') $util.nothing"), "$util.toJson('x') $util.nothing");
}

}  // namespace
}  // namespace preflight::apigateway::vtl::test
