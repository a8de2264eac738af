#include <gtest/gtest.h>

#include "tests/unit/apigateway_vtl/helpers.h"

namespace preflight::apigateway::vtl::test {
namespace {

TEST(Set, AssignsVariablesAndMapEntries) {
  EXPECT_EQ(run("#set($a = 'x')#set($b = $a)#set($a = 'y')$a$b"), "yx");
  EXPECT_EQ(run("#set($m = {})#set($m.k = 'v')#set($m.n = {})#set($m.n.deep = 1)$m"),
            "{k=v, n={deep=1}}");
  EXPECT_EQ(run("#set($l = [1, 2])#set($l[0] = 9)#set($l[-1] = 8)#set($l[5] = 0)$l"), "[9, 8]");
  // Into something missing: nothing happens.
  EXPECT_EQ(run("#set($nope.k = 1)#set($s = 'str')#set($s.k = 1)$s"), "str");
  // Lists and maps are shared, as Java references are.
  EXPECT_EQ(run("#set($a = [])#set($b = $a)#set($ok = $b.add(1))$a"), "[1]");
}

TEST(Set, NullLeavesTheTargetUnchanged) {
  EXPECT_EQ(run("#set($x = 'kept')#set($x = $missing)$x"), "kept");
  EXPECT_EQ(run("#set($x = $missing)$x"), "$x");
  EXPECT_EQ(run("#set($m = {'k': 1})#set($m.k = $missing)$m.k"), "1");
}

TEST(If, BranchesInOrder) {
  const char* text = "#if($n == 1)one#elseif($n == 2)two#elseif($n == 3)three#{else}many#end";
  EXPECT_EQ(run(std::string("#set($n = 1)") + text), "one");
  EXPECT_EQ(run(std::string("#set($n = 2)") + text), "two");
  EXPECT_EQ(run(std::string("#set($n = 3)") + text), "three");
  EXPECT_EQ(run(std::string("#set($n = 9)") + text), "many");
  EXPECT_EQ(run("#if(false)a#elseif(false)b#end|"), "|");
  EXPECT_EQ(run("#if ( true )spaced#end"), "spaced");
  EXPECT_EQ(run("#if(true)#if(false)x#else#if(true)nested#end#end#end"), "nested");
}

TEST(If, MultilineConditions) {
  EXPECT_EQ(run("#if($a == 1\n    || true)\nyes\n#end"), "yes\n");
}

TEST(Foreach, ListsRangesAndMaps) {
  EXPECT_EQ(run("#foreach($i in [1, 2, 3])$i,#end"), "1,2,3,");
  EXPECT_EQ(run("#foreach($i in [3..1])$i#end"), "321");
  // A map iterates its values.
  EXPECT_EQ(run("#set($m = {'a': 1, 'b': 2})#foreach($v in $m)$v#end"), "12");
  EXPECT_EQ(run("#set($m = {'a': 1, 'b': 2})#foreach($k in $m.keySet())$k=$m.get($k);#end"),
            "a=1;b=2;");
  EXPECT_EQ(run("#set($m = {'a': 1})#foreach($e in $m.entrySet())$e.key:$e.value $e.getKey()#end"),
            "a:1 a");
  // Not iterable, or null: no iterations.
  EXPECT_EQ(run("#foreach($i in 'abc')x#end#foreach($i in $nope)y#end#foreach($i in [])z#end|"),
            "|");
}

TEST(Foreach, LoopVariables) {
  EXPECT_EQ(run("#foreach($i in ['a', 'b', 'c'])$foreach.index/$foreach.count/$foreach.hasNext "
                "#end"),
            "0/1/true 1/2/true 2/3/false ");
  EXPECT_EQ(run("#foreach($i in [1, 2])$velocityCount:$velocityHasNext;#end"), "1:true;2:false;");
  EXPECT_EQ(run("#foreach($i in [1, 2, 3])#if($foreach.first)[#end$i#if($foreach.last)]#end#end"),
            "[123]");
  EXPECT_EQ(run("#foreach($i in [1, 2])$foreach.hasNext() $foreach.getIndex() #end"),
            "true 0 false 1 ");
  EXPECT_EQ(run("#foreach($o in [1, 2])#foreach($i in ['a'])$foreach.parent.index$i#end#end"),
            "0a1a");
}

TEST(Foreach, RestoresTheLoopVariableAfterwards) {
  EXPECT_EQ(run("#set($i = 'before')#foreach($i in [1, 2])#end$i"), "before");
  EXPECT_EQ(run("#foreach($i in [1, 2])#end$i $foreach.index $velocityCount"),
            "$i $foreach.index $velocityCount");
  EXPECT_EQ(run("#foreach($i in [1])#set($kept = $i)#end$kept"), "1");
}

TEST(Foreach, IteratesASnapshot) {
  EXPECT_EQ(run("#set($l = [1, 2])#foreach($i in $l)#set($ok = $l.add($i))#end$l"), "[1, 2, 1, 2]");
}

TEST(Foreach, BreakAndStop) {
  EXPECT_EQ(run("#foreach($i in [1..5])#if($i == 3)#break#end$i#end|"), "12|");
  EXPECT_EQ(run("#foreach($i in [1..3])#foreach($j in [1..3])#if($j == 2)#break($foreach)#end"
                "$i$j #end#end"),
            "11 21 31 ");
  EXPECT_EQ(run("a#foreach($i in [1..5])$i#if($i == 2)#stop#end#end b"), "a12");
  EXPECT_EQ(run("a#stop b"), "a");
  EXPECT_EQ(run("a#if(true)b#break c#end d"), "ab");
}

TEST(Foreach, StopsQuietlyAfterAThousandItems) {
  // API Gateway's quota: a #foreach runs at most 1,000 iterations.
  const std::string out = run("#foreach($i in [1..1500])x#end|$velocityCount");
  EXPECT_EQ(out, std::string(1000, 'x') + "|$velocityCount");
  EXPECT_EQ(run("#foreach($i in [1..1001])#set($last = $i)#end$last"), "1000");
}

}  // namespace
}  // namespace preflight::apigateway::vtl::test
