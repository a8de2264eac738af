#include <gtest/gtest.h>

#include "tests/unit/apigateway_vtl/helpers.h"

namespace preflight::apigateway::vtl::test {
namespace {

const char* kOrder = R"({"name": "Ada", "price": 10.50, "count": 3, "ok": true, "none": null,
  "items": [{"id": "a", "qty": 1}, {"id": "b", "qty": 2}], "tags": ["x", "y"],
  "nested": {"deep": {"name": "inner"}}})";

TEST(InputBody, RawBody) {
  EXPECT_EQ(run("$input.body", with_body("{\"a\": 1}")), "{\"a\": 1}");
  EXPECT_EQ(run("[$input.body]", with_body("")), "[]");
  EXPECT_EQ(run("$input.body.length()", with_body("abc")), "3");
}

TEST(InputJson, SerialisesTheSelection) {
  const Input in = with_body(kOrder);
  EXPECT_EQ(run("$input.json('$.name')", in), "\"Ada\"");
  EXPECT_EQ(run("$input.json('$.price') $input.json('$.count') $input.json('$.ok')", in),
            "10.5 3 true");
  EXPECT_EQ(run("$input.json('$.none')", in), "null");
  EXPECT_EQ(run("$input.json('$.items[0]')", in), "{\"id\":\"a\",\"qty\":1}");
  EXPECT_EQ(run("$input.json('$.tags')", in), "[\"x\",\"y\"]");
  EXPECT_EQ(run("$input.json('$.items[*].id')", in), "[\"a\",\"b\"]");
  EXPECT_EQ(run("$input.json(\"$['nested']['deep']\")", in), "{\"name\":\"inner\"}");
  // Nothing selected: no text at all.
  EXPECT_EQ(run("[$input.json('$.missing')][$input.json('$.items[7]')][$input.json('bad[')]", in),
            "[][][]");
}

TEST(InputJson, WholeBodyIsReserialisedCompactly) {
  EXPECT_EQ(run("$input.json('$')", with_body(" {\"b\": [1, 2.0, \"s\\\"q\"], \"a\": {}} ")),
            "{\"b\":[1,2.0,\"s\\\"q\"],\"a\":{}}");
  // An empty body is an empty object, as API Gateway shows it for a GET.
  EXPECT_EQ(run("$input.json('$')", with_body("")), "{}");
  // A body that is not JSON selects nothing.
  EXPECT_EQ(run("[$input.json('$')]", with_body("not json")), "[]");
  EXPECT_EQ(run("$input.json('$')", with_body("\"just a string\"")), "\"just a string\"");
}

TEST(InputPath, ReturnsObjects) {
  const Input in = with_body(kOrder);
  EXPECT_EQ(run("$input.path('$.name') $input.path('$.price') $input.path('$.count')", in),
            "Ada 10.5 3");
  EXPECT_EQ(run("$input.path('$.items').size() $input.path('$.items')[1].id", in), "2 b");
  EXPECT_EQ(run("#foreach($i in $input.path('$.items'))$i.id=$i.qty;#end", in), "a=1;b=2;");
  // Objects print as Java maps, arrays as JSON (json-smart's JSONArray).
  EXPECT_EQ(run("$input.path('$.items[0]')", in), "{id=a, qty=1}");
  EXPECT_EQ(run("$input.path('$.tags') $input.path('$.items')", in),
            "[\"x\",\"y\"] [{\"id\":\"a\",\"qty\":1},{\"id\":\"b\",\"qty\":2}]");
  EXPECT_EQ(run("$input.path('$.missing')|$!input.path('$.missing')|", in),
            "$input.path('$.missing')||");
  EXPECT_EQ(run("#if($input.path('$.ok'))yes#end #if(!$input.path('$.none'))null#end", in),
            "yes null");
  EXPECT_EQ(run("#set($c = $input.path('$.count') * 2)$c", in), "6");
}

TEST(InputPath, MutationsDoNotLeakIntoTheBody) {
  const Input in = with_body("{\"a\": [1]}");
  EXPECT_EQ(run("#set($r = $input.path('$'))#set($ok = $r.a.add(2))$r.a $input.json('$.a')", in),
            "[1,2] [1]");
}

TEST(JsonPath, Subset) {
  const Input in = with_body(kOrder);
  EXPECT_EQ(run("$input.json('$.items[-1].id')", in), "\"b\"");
  EXPECT_EQ(run("$input.json('$.items[0,1].qty')", in), "[1,2]");
  EXPECT_EQ(run("$input.json('$.items[0:1]')", in), "[{\"id\":\"a\",\"qty\":1}]");
  EXPECT_EQ(run("$input.json('$.tags[*]')", in), "[\"x\",\"y\"]");
  EXPECT_EQ(run("$input.json('$.nested.*')", in), "[{\"name\":\"inner\"}]");
  EXPECT_EQ(run("$input.json('$..name')", in), "[\"Ada\",\"inner\"]");
  EXPECT_EQ(run("$input.json('$..id')", in), "[\"a\",\"b\"]");
  EXPECT_EQ(run("$input.json('$.items.length()') $input.path('$.tags.length()')", in), "2 2");
  EXPECT_EQ(run("$input.json('name')", in), "\"Ada\"");
  EXPECT_EQ(run("$input.json('$.items[*].nope')", in), "[]");
  EXPECT_EQ(run("[$input.json('$.items[?(@.qty > 1)]')]", in), "[]");
}

TEST(InputParams, LookupOrderAndCase) {
  Input in;
  in.path = {{"id", "p1"}};
  in.querystring = {{"id", "q1"}, {"q", "search term"}};
  in.header = {{"X-Trace", "t1"}, {"id", "h1"}};
  EXPECT_EQ(run("$input.params('id') $input.params('q') $input.params('x-trace')", in),
            "p1 search term t1");
  EXPECT_EQ(run("[$input.params('nope')]", in), "[]");
  EXPECT_EQ(run("$input.params().header.get('X-Trace') $input.params().querystring.q", in),
            "t1 search term");
  EXPECT_EQ(run("$input.params().path", in), "{id=p1}");
  EXPECT_EQ(
      run("#foreach($k in $input.params().header.keySet())$k=$input.params().header.get($k);#end",
          in),
      "X-Trace=t1;id=h1;");
}

TEST(ContextAndStageVariables, ReadTheInput) {
  Input in;
  in.context = {{"identity", {{"sourceIp", "1.2.3.4"}}}, {"requestId", "r-1"}, {"stage", "beta"}};
  in.stage_variables = {{"env", "prod"}};
  EXPECT_EQ(
      run("$context.identity.sourceIp $context.requestId $context.stage $stageVariables.env", in),
      "1.2.3.4 r-1 beta prod");
  EXPECT_EQ(run("$context.nope $!stageVariables.nope|", in), "$context.nope |");
}

TEST(RealTemplates, TransformBodyWithContext) {
  Input in = with_body(R"({"name": "Widget \"Pro\"", "items": [{"id": 1}, {"id": 2}]})");
  in.querystring = {{"q", "it's"}};
  in.context = {{"identity", {{"sourceIp", "10.0.0.1"}}}};
  in.stage_variables = {{"env", "beta"}};
  const char* text =
      "#set($inputRoot = $input.path('$'))\n"
      "{\n"
      "  \"name\": \"$util.escapeJavaScript($inputRoot.name)\",\n"
      "  \"items\": [\n"
      "#foreach($i in $inputRoot.items)\n"
      "    {\"id\": \"$i.id\"}#if($foreach.hasNext),#end\n"
      "\n"
      "#end\n"
      "  ],\n"
      "  \"source\": \"$context.identity.sourceIp\",\n"
      "  \"stage\": \"$stageVariables.env\",\n"
      "  \"q\": \"$util.escapeJavaScript($input.params('q'))\"\n"
      "}";
  EXPECT_EQ(run(text, in),
            "{\n"
            "  \"name\": \"Widget \\\"Pro\\\"\",\n"
            "  \"items\": [\n"
            "    {\"id\": \"1\"},\n"
            "    {\"id\": \"2\"}\n"
            "  ],\n"
            "  \"source\": \"10.0.0.1\",\n"
            "  \"stage\": \"beta\",\n"
            "  \"q\": \"it\\'s\"\n"
            "}");
}

TEST(RealTemplates, DynamoDbIntegration) {
  Input in;
  in.path = {{"id", "42"}};
  EXPECT_EQ(
      run("{\"TableName\": \"books\", \"Key\": {\"id\": {\"S\": \"$input.params('id')\"}}}", in),
      "{\"TableName\": \"books\", \"Key\": {\"id\": {\"S\": \"42\"}}}");
}

TEST(RealTemplates, DynamoDbResponseMapping) {
  const Input in = with_body(
      R"({"Items": [{"id": {"S": "1"}, "title": {"S": "Dune"}}, {"id": {"S": "2"}, "title": {"S": "Emma"}}], "Count": 2})");
  const char* text =
      "#set($inputRoot = $input.path('$'))\n"
      "{\"books\": [#foreach($elem in $inputRoot.Items){\"id\": \"$elem.id.S\", "
      "\"title\": \"$elem.title.S\"}#if($foreach.hasNext), #end#end], \"count\": $inputRoot.Count}";
  EXPECT_EQ(run(text, in),
            "{\"books\": [{\"id\": \"1\", \"title\": \"Dune\"}, {\"id\": \"2\", \"title\": "
            "\"Emma\"}], \"count\": 2}");
}

TEST(RealTemplates, PassthroughTemplate) {
  Input in = with_body("{\"a\": 1}");
  in.header = {{"Accept", "*/*"}};
  in.context = {{"httpMethod", "POST"}};
  const char* text =
      "##  See http://docs.aws.amazon.com/apigateway/latest/developerguide/"
      "api-gateway-mapping-template-reference.html\n"
      "#set($allParams = $input.params())\n"
      "{\n"
      "\"body-json\" : $input.json('$'),\n"
      "\"params\" : {\n"
      "#foreach($type in $allParams.keySet())\n"
      "    #set($params = $allParams.get($type))\n"
      "\"$type\" : {\n"
      "    #foreach($paramName in $params.keySet())\n"
      "    \"$paramName\" : \"$util.escapeJavaScript($params.get($paramName))\"\n"
      "        #if($foreach.hasNext),#end\n"
      "    #end\n"
      "}\n"
      "    #if($foreach.hasNext),#end\n"
      "#end\n"
      "},\n"
      "\"context\" : {\n"
      "    \"http-method\" : \"$context.httpMethod\"\n"
      "    }\n"
      "}\n";
  EXPECT_EQ(run(text, in),
            "{\n"
            "\"body-json\" : {\"a\":1},\n"
            "\"params\" : {\n"
            "\"path\" : {\n"
            "    }\n"
            "    ,\"querystring\" : {\n"
            "    }\n"
            "    ,\"header\" : {\n"
            "        \"Accept\" : \"*\\/*\"\n"
            "            }\n"
            "    },\n"
            "\"context\" : {\n"
            "    \"http-method\" : \"POST\"\n"
            "    }\n"
            "}\n");
}

}  // namespace
}  // namespace preflight::apigateway::vtl::test
