#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "tests/unit/apigateway_vtl/helpers.h"

namespace preflight::apigateway::vtl::test {
namespace {

TEST(TemplateObject, ParsesOnceRendersMany) {
  const Template t(
      "Hello $input.params('name')! #set($n = 0)#foreach($i in [1..3])#set($n = $n + $i)#end$n");
  Input a;
  a.querystring = {{"name", "Ada"}};
  Input b;
  b.path = {{"name", "Bob"}};
  EXPECT_EQ(t.render(a), "Hello Ada! 6");
  EXPECT_EQ(t.render(b), "Hello Bob! 6");
  EXPECT_EQ(t.render(a), "Hello Ada! 6");  // nothing carries over between renders
}

TEST(TemplateObject, RendersConcurrently) {
  const Template t("#foreach($i in $input.path('$'))$i#end");
  std::vector<std::thread> threads;
  std::vector<std::string> results(4);
  for (int k = 0; k < 4; ++k) {
    threads.emplace_back([&, k] {
      for (int round = 0; round < 50; ++round) {
        results[k] = t.render(with_body("[" + std::to_string(k) + ", 9]"));
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  for (int k = 0; k < 4; ++k) {
    EXPECT_EQ(results[k], std::to_string(k) + "9");
  }
}

TEST(Limits, OutputSize) {
  Limits limits;
  limits.max_output_bytes = 1000;
  const Template t("#foreach($i in [1..999])xx#end");
  EXPECT_THROW(t.render({}, limits), LimitError);
  EXPECT_EQ(Template("#foreach($i in [1..500])xx#end").render({}, limits).size(), 1000u);
}

TEST(Limits, StringsAndListsThatDouble) {
  Limits limits;
  limits.max_work = 1u << 20;
  EXPECT_THROW(Template("#set($s = 'xxxxxxxxxx')#foreach($i in [1..40])#set($s = \"$s$s\")#end")
                   .render({}, limits),
               LimitError);
  EXPECT_THROW(Template("#set($l = [1])#foreach($i in [1..60])#set($ok = $l.addAll($l))#end")
                   .render({}, limits),
               LimitError);
  // With the default limits too (a string is capped at the output size).
  EXPECT_THROW(run("#set($s = 'xxxxxxxxxx')#foreach($i in [1..40])#set($s = \"$s$s\")#end"),
               LimitError);
}

TEST(Limits, ForeachScopeIsNotACycle) {
  EXPECT_EQ(run("#set($foreach = [])#foreach($i in [1])#set($ok = $foreach.parent)#end$ok"), "$ok");
  EXPECT_EQ(run("#foreach($i in [1, 2])#set($f = $foreach)#end$f.index $f.hasNext"), "1 false");
}

TEST(Limits, NestedLoopsTotalIterations) {
  Limits limits;
  limits.max_total_iterations = 10'000;
  const Template t("#foreach($a in [1..1000])#foreach($b in [1..1000])#end#end");
  EXPECT_THROW(t.render({}, limits), LimitError);
  EXPECT_THROW(run("#foreach($a in [1..1000])#foreach($b in [1..1000])#foreach($c in [1..1000])"
                   "#end#end#end"),
               LimitError);
}

TEST(Limits, Ranges) {
  EXPECT_THROW(run("#set($r = [0..100000])"), LimitError);
  EXPECT_THROW(run("#set($r = [-9223372036854775807..9223372036854775807])"), LimitError);
  EXPECT_EQ(run("#set($r = [0..99998])$r.size()"), "99999");
}

TEST(Limits, ParserNesting) {
  std::string deep_parens =
      "#set($x = " + std::string(200, '(') + "1" + std::string(200, ')') + ")";
  EXPECT_THROW(Template{deep_parens}, Error);
  std::string deep_ifs;
  for (int i = 0; i < 100; ++i) {
    deep_ifs += "#if(true)";
  }
  for (int i = 0; i < 100; ++i) {
    deep_ifs += "#end";
  }
  EXPECT_THROW(Template{deep_ifs}, Error);
  EXPECT_THROW(Template{"#set($x = " + std::string(500, '!') + "true)"}, Error);
  std::string deep_strings = "#set($x = \"";
  for (int i = 0; i < 100; ++i) {
    deep_strings += "$a.b(\"";
  }
  EXPECT_THROW(Template{deep_strings}, Error);
  // Moderate nesting is fine.
  EXPECT_EQ(run("#set($x = ((((1 + 2))) * 2))$x"), "6");
}

TEST(Limits, DeepJsonBodies) {
  const std::string deep = std::string(10000, '[') + std::string(10000, ']');
  EXPECT_EQ(run("[$input.json('$')]", with_body(deep)), "[]");
  EXPECT_EQ(run("$!util.parseJson($input.body)|", with_body(deep)), "|");
  const std::string ok = std::string(50, '[') + std::string(50, ']');
  EXPECT_EQ(run("$input.json('$')", with_body(ok)), ok);
}

TEST(Limits, CyclesDoNotHangOrLeak) {
  EXPECT_EQ(run("#set($l = [1])#set($ok = $l.add($l))$l"), "[1, (this Collection)]");
  EXPECT_EQ(run("#set($m = {})#set($m.self = $m)$m"), "{self=(this Map)}");
  // A longer cycle nests until the depth bound.
  EXPECT_THROW(run("#set($a = [])#set($b = [$a])#set($ok = $a.add($b))$a"), LimitError);
  EXPECT_THROW(run("#set($a = [])#set($b = [$a])#set($ok = $a.add($b))#if($a == $b)#end"),
               LimitError);
}

TEST(Limits, DeeplyNestedValuesAreFreedFlat) {
  // 1,000 levels built by a loop: printing refuses, and tearing down must not recurse.
  EXPECT_THROW(run("#set($a = [])#foreach($i in [1..1000])#set($a = [$a])#end$a"), LimitError);
  EXPECT_EQ(run("#set($a = [])#foreach($i in [1..1000])#set($a = [$a])#end$a.size()"), "1");
}

TEST(Limits, HostileRegexIsBounded) {
  const std::string subject(5000, 'a');
  Input in;
  in.context = {{"s", subject}};
  // Catastrophic backtracking for a backtracking matcher; polynomial here.
  EXPECT_EQ(run("$context.s.matches('(a|aa)*b')", in), "false");
  EXPECT_EQ(run("$!context.s.matches('" + std::string(300, 'a') + "')|", in), "|");
}

TEST(Errors, RuntimeProblemsNeverThrow) {
  for (const char* text :
       {"$input.path('$[')", "$input.json(5)", "$input.path()", "$util.base64Decode(1)",
        "$context.x.y.z()", "#set($l = [])$l.get(-1)", "$input.params().nope.nope",
        "#foreach($i in $input)#end", "#set($x = $input.body - 1)$x", "$input.nope('a', 'b')",
        "#set($s = 'abc')$s.substring(2, 1)$s.charAt(-1)$s.indexOf('b', 99)"}) {
    EXPECT_NO_THROW(run(text, with_body("{\"a\": 1}"))) << text;
  }
}

}  // namespace
}  // namespace preflight::apigateway::vtl::test
