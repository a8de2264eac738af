#include <gtest/gtest.h>

#include "tests/unit/apigateway_vtl/helpers.h"

namespace preflight::apigateway::vtl::test {
namespace {

TEST(References, NullReferencesRenderAsWritten) {
  EXPECT_EQ(run("$missing ${missing} $missing.x $missing.m(1, 'a') $!missing $!{missing}|"),
            "$missing ${missing} $missing.x $missing.m(1, 'a')  |");
  EXPECT_EQ(run("#set($m = {})$m.nope $m.get('nope') $!m.nope|"), "$m.nope $m.get('nope') |");
}

TEST(References, PropertyChainsIndexesAndMethods) {
  Input input;
  input.context = {{"a", {{"b", {{"c", "deep"}}}}}, {"list", {"x", "y", "z"}}};
  EXPECT_EQ(
      run("$context.a.b.c ${context.a.b.c} $context.a['b'].c $context.a.get('b').get('c')", input),
      "deep deep deep deep");
  EXPECT_EQ(run("$context.list[0] $context.list[2] $context.list[-1] $context.list.get(1)", input),
            "x z z y");
  EXPECT_EQ(run("#set($i = 1)$context.list[$i]|$!context.list[3]|$!context.list.get(9)|", input),
            "y|||");
  EXPECT_EQ(run("#set($m = {'k': [10, 20]})$m.k[1] $m['k'][0] $m.k.size()"), "20 10 2");
}

TEST(Literals, StringsNumbersBooleansNull) {
  EXPECT_EQ(run("#set($s = 'single $x')$s"), "single $x");
  EXPECT_EQ(run("#set($x = 'X')#set($s = \"double $x ${x}y $!nope\")$s"), "double X Xy ");
  EXPECT_EQ(run("#set($s = \"#if(true)in#end\")$s"), "in");
  EXPECT_EQ(run("#set($n = 42)$n|#set($d = 1.50)$d|#set($e = 2e3)$e|#set($f = .5)$f"),
            "42|1.5|2000.0|0.5");
  EXPECT_EQ(run("#set($t = true)#set($f = false)$t $f"), "true false");
  EXPECT_EQ(run("#set($x = 1)#set($x = null)$x"), "1");
  EXPECT_EQ(run("#set($big = 9223372036854775807)$big|#set($huge = 99999999999999999999)$huge"),
            "9223372036854775807|1.0E20");
}

TEST(Literals, ListsMapsAndRanges) {
  EXPECT_EQ(run("#set($l = [1, 'two', [3], {'k': 'v'}])$l"), "[1, two, [3], {k=v}]");
  EXPECT_EQ(run("#set($l = [])$l $l.size()"), "[] 0");
  EXPECT_EQ(run("#set($m = {'a': 1, \"b\": [true], 3: null})$m"), "{a=1, b=[true], 3=null}");
  EXPECT_EQ(run("#set($m = {})$m"), "{}");
  EXPECT_EQ(run("[1..4] #set($r = [1..4])$r|#set($d = [2..-1])$d|#set($n = 3)#set($s = [$n..5])$s"),
            "[1..4] [1, 2, 3, 4]|[2, 1, 0, -1]|[3, 4, 5]");
  EXPECT_EQ(run("#set($r = [1..'x'])$r"), "$r");
}

TEST(Operators, Comparison) {
  EXPECT_EQ(run("#if(1 < 2 && 2 <= 2 && 3 > 2 && 3 >= 3)y#end"), "y");
  EXPECT_EQ(run("#if(1 lt 2 and 2 le 2 and 3 gt 2 and 3 ge 3 and 1 eq 1 and 1 ne 2)y#end"), "y");
  EXPECT_EQ(run("#if(1 == 1.0)eq#end #if('a' == 'a')s#end #if('a' != 'b')ne#end"), "eq s ne");
  // Different types compare by their text (Velocity 1.7).
  EXPECT_EQ(run("#if(1 == '1')t#end #if(true == 'true')b#end"), "t b");
  // Null equals only null; relational operators on non-numbers are false.
  EXPECT_EQ(run("#if($nope == $nada)n#end #if($nope == 1)x#end #if($nope != 1)ne#end"), "n  ne");
  EXPECT_EQ(run("#if('a' < 'b')x#else no#end"), " no");
  EXPECT_EQ(run("#set($l = [1, 2])#if($l == [1, 2])same#end"), "same");
}

TEST(Operators, Logic) {
  EXPECT_EQ(run("#if(!false)a#end#if(not false)b#end#if(!$nope)c#end#if(!'')d#end"), "abc");
  EXPECT_EQ(run("#if(true || $x.crash())a#end#if(false && $x)b#end#if(false or true)c#end"), "ac");
  EXPECT_EQ(run("#set($b = !(1 == 2))$b"), "true");
  EXPECT_EQ(run("#set($b = 1 == 2 || 2 == 2)$b"), "true");
}

TEST(Operators, Truthiness) {
  // Only null and false are false; "" and 0 are true in Velocity 1.7.
  EXPECT_EQ(run("#if('')e#end#if(0)z#end#if([])l#end#if($nope)n#end#if(false)f#end"), "ezl");
}

// (A blank between a reference and #set belongs to the #set in Velocity 1.7, so these tests
// separate renders with '|'.)
TEST(Operators, Arithmetic) {
  EXPECT_EQ(run("#set($a = 7)#set($b = 2)$a + $b = #set($c = $a + $b)$c"), "7 + 2 = 9");
  EXPECT_EQ(run("#set($x = 7 - 10)$x|#set($x = 6 * 7)$x|#set($x = 7 / 2)$x|#set($x = 7 % 3)$x"),
            "-3|42|3|1");
  EXPECT_EQ(run("#set($x = -7 / 2)$x|#set($x = -7 % 3)$x"), "-3|-1");
  EXPECT_EQ(run("#set($x = 1.5 * 2)$x|#set($x = 7.0 / 2)$x|#set($x = 1 + 0.25)$x"), "3.0|3.5|1.25");
  EXPECT_EQ(run("#set($x = (1 + 2) * 3)$x|#set($x = 1 + 2 * 3)$x|#set($x = -(2))$x"), "9|7|-2");
  // Division by zero and non-numbers give null: #set leaves the target alone.
  EXPECT_EQ(run("#set($x = 1)#set($x = 1 / 0)$x|#set($x = 5 % 0)$x|#set($x = [] - 1)$x"), "1|1|1");
  EXPECT_EQ(run("#set($x = 9223372036854775807 + 1)$x"), "9.223372036854776E18");
}

TEST(Operators, StringConcatenation) {
  EXPECT_EQ(run("#set($s = 'a' + 'b')$s|#set($s = 'n' + 1)$s|#set($s = 1 + 'n')$s"), "ab|n1|1n");
  EXPECT_EQ(run("#set($s = 'list ' + [1, 2])$s"), "list [1, 2]");
  EXPECT_EQ(run("#set($s = 'x')#set($s = $s + $nope)$s"), "x");
}

TEST(Printing, ValuesPrintAsJavaDoes) {
  EXPECT_EQ(
      run("#set($d = 100.0)$d|#set($d = 0.001)$d|#set($d = 0.0001)$d|#set($d = 12345678.9)$d"),
      "100.0|0.001|1.0E-4|1.23456789E7");
  EXPECT_EQ(run("#set($m = {'a': {'b': [1, {'c': 'd'}]}})$m"), "{a={b=[1, {c=d}]}}");
  EXPECT_EQ(run("#set($m = {'a': 1})#set($e = $m.entrySet())$e $e[0].key $e[0].value"),
            "[a=1] a 1");
}

TEST(Methods, Strings) {
  Input input;
  input.context = {{"s", "  Hello, World  "}, {"h", "hello"}};
  EXPECT_EQ(run("$context.h.length() $context.h.isEmpty() $context.h.empty ''.isEmpty()", input),
            "5 false false ''.isEmpty()");
  EXPECT_EQ(run("[$context.s.trim()] $context.h.toUpperCase() ${context.s.toLowerCase()}|", input),
            "[Hello, World] HELLO   hello, world  |");
  EXPECT_EQ(run("$context.h.contains('ell') $context.h.startsWith('he') $context.h.endsWith('lo')",
                input),
            "true true true");
  EXPECT_EQ(run("$context.h.startsWith('ll', 2) $context.h.indexOf('l') $context.h.indexOf('l', 3) "
                "$context.h.indexOf('z') $context.h.lastIndexOf('l')",
                input),
            "true 2 3 -1 3");
  EXPECT_EQ(
      run("$context.h.substring(1) $context.h.substring(1, 3) $!context.h.substring(4, 9)|", input),
      "ello el |");
  EXPECT_EQ(run("$context.h.charAt(1) $context.h.replace('l', 'L') $context.h.concat('!')", input),
            "e heLLo hello!");
  EXPECT_EQ(run("$context.h.equals('hello') $context.h.equalsIgnoreCase('HELLO') "
                "$context.h.equals(5)",
                input),
            "true true false");
  EXPECT_EQ(
      run("$context.h.toString() $context.h.matches('h.*o') $context.h.matches('ell')", input),
      "hello true false");
  EXPECT_EQ(run("#set($s = 'héllo')$s.length() $s.substring(1, 2) $s.indexOf('l')"), "5 é 2");
  EXPECT_EQ(run("#set($s = 'a😀b')$s.length() $s.charAt(3)"), "4 b");
  EXPECT_EQ(run("'x'.length() ${'x'.length()}"), "'x'.length() ${'x'.length()}");
}

TEST(Methods, StringRegex) {
  EXPECT_EQ(run("#set($s = 'a1b22c')$s.replaceAll('[0-9]+', '#') $s.replaceFirst('\\d', '_')"),
            "a#b#c a_b22c");
  EXPECT_EQ(run("#set($s = 'john smith')$s.replaceAll('(\\w+) (\\w+)', '$2, $1')"), "smith, john");
  EXPECT_EQ(run("#set($s = 'a.b')$s.replaceAll('\\.', '\\$')"), "a$b");
  EXPECT_EQ(run("#set($p = 'a,b,,c,,')#set($l = $p.split(','))$l $l.size() $l[1]"),
            "[a, b, , c] 4 b");
  EXPECT_EQ(run("#set($s = 'a1b2c')#set($l = $s.split('[0-9]'))$l"), "[a, b, c]");
  // Patterns that do not compile (or use back-references) make the call fail.
  EXPECT_EQ(run("#set($s = 'x')$!s.replaceAll('(', '')|$!s.matches('(a)\\1')|"), "||");
}

TEST(Methods, Lists) {
  EXPECT_EQ(
      run("#set($l = [1, 2])$l.size() $l.isEmpty() $l.get(0) $l.contains(2) $l.contains('2')"),
      "2 false 1 true false");
  // add() returns true, which prints; #set hides it.
  EXPECT_EQ(run("#set($l = [])$l.add('a')|#set($ignored = $l.add('b'))$l"), "true|[a, b]");
  EXPECT_EQ(run("#set($l = [1, 2, 3])$l.remove(0) $l $l.set(0, 'x') $l $l.indexOf(3)"),
            "1 [2, 3] 2 [x, 3] 1");
  EXPECT_EQ(run("#set($l = [1])$l.add(0, 0)$l $l.addAll([7, 8]) $l $l.clear()$l"),
            "[0, 1] true [0, 1, 7, 8] []");
  EXPECT_EQ(run("#set($l = [1])$l.empty $l.get(5)"), "false $l.get(5)");
}

TEST(Methods, Maps) {
  EXPECT_EQ(run("#set($m = {'a': 1, 'b': 2})$m.size() $m.get('a') $m.a $m['b'] $m.containsKey('b') "
                "$m.containsKey('z') $m.isEmpty()"),
            "2 1 1 2 true false false");
  EXPECT_EQ(run("#set($m = {'a': 1, 'b': 2})$m.keySet() $m.values() $m.entrySet()"),
            "[a, b] [1, 2] [a=1, b=2]");
  // put returns the previous value: null renders as written, so templates use #set or $!.
  EXPECT_EQ(run("#set($m = {})$m.put('k', 'v') $m.put('k', 'w') $!m.put('n', 1)$m"),
            "$m.put('k', 'v') v {k=w, n=1}");
  EXPECT_EQ(run("#set($m = {'a': 1})$m.remove('a') $m|#set($m.b = 2)#set($m['c'] = 3)$m"),
            "1 {}|{b=2, c=3}");
  EXPECT_EQ(run("#set($m = {'a': 1})$m.putAll({'b': 2})$m $m.getOrDefault('z', 0)"),
            "{a=1, b=2} 0");
}

TEST(Methods, NumbersAndBooleans) {
  EXPECT_EQ(run("#set($n = 42)$n.toString() $n.intValue() $n.doubleValue()"), "42 42 42.0");
  EXPECT_EQ(run("#set($d = 3.99)$d.intValue() $d.longValue()|#set($b = true)$b.toString()"),
            "3 3|true");
  EXPECT_EQ(run("#set($n = 4294967297)$n.intValue()"), "1");
  EXPECT_EQ(run("#set($n = 5)$n.foo()"), "$n.foo()");
}

}  // namespace
}  // namespace preflight::apigateway::vtl::test
