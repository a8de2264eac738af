#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "emulator/common/strings.h"
#include "emulator/router/uri_template.h"

namespace preflight::core {
namespace {

struct Case {
  std::string pattern;
  std::string path;
  std::string query;  // URL query, parsed like the router does
  bool matches;
  PathLabels labels = {};
};

std::optional<UriTemplate::Match> match(const std::string& pattern, const std::string& path,
                                        const std::string& query = "") {
  const auto params = parse_form(query);
  EXPECT_TRUE(params.has_value()) << query;
  return UriTemplate(pattern).match(path, params.value_or(FormParams{}));
}

TEST(UriTemplate, Table) {
  const std::vector<Case> cases = {
      // Literals.
      {"/things", "/things", "", true},
      {"/things", "/other", "", false},
      {"/things", "/things/x", "", false},
      {"/things", "/", "", false},
      {"/2015-03-31/functions", "/2015-03-31/functions", "", true},
      {"/2015-03-31/functions", "/2015-03-31/FUNCTIONS", "", false},
      {"/", "/", "", true},
      {"/", "/things", "", false},
      // Labels: one non-empty segment, percent-decoded.
      {"/things/{Id}", "/things/abc", "", true, {{"Id", "abc"}}},
      {"/things/{Id}", "/things/a%3Ab", "", true, {{"Id", "a:b"}}},
      {"/things/{Id}", "/things/a%2Fb", "", true, {{"Id", "a/b"}}},
      {"/things/{Id}", "/things/a+b", "", true, {{"Id", "a+b"}}},  // '+' is not a space in paths
      {"/things/{Id}", "/things/", "", false},
      {"/things/{Id}", "/things", "", false},
      {"/things/{Id}", "/things/a/b", "", false},
      {"/things/{Id}", "/things/%zz", "", false},
      {"/things/{Id}", "/things/%4", "", false},
      {"/a/{X}/b/{Y}", "/a/1/b/2", "", true, {{"X", "1"}, {"Y", "2"}}},
      {"/a/{X}/b/{Y}", "/a/1/c/2", "", false},
      // Greedy labels take the rest of the path joined by '/'.
      {"/files/{Path+}", "/files/a", "", true, {{"Path", "a"}}},
      {"/files/{Path+}", "/files/a/b/c", "", true, {{"Path", "a/b/c"}}},
      {"/files/{Path+}", "/files/a%20b/c%3Ad", "", true, {{"Path", "a b/c:d"}}},
      {"/files/{Path+}", "/files/a/b/", "", true, {{"Path", "a/b/"}}},
      {"/files/{Path+}", "/files/a//b", "", true, {{"Path", "a//b"}}},
      {"/files/{Path+}", "/files//a", "", true, {{"Path", "/a"}}},
      {"/files/{Path+}", "/files/", "", false},
      {"/files/{Path+}", "/files", "", false},
      {"/files/{Path+}", "/files/a/%zz", "", false},
      {"/{proxy+}", "/x/y", "", true, {{"proxy", "x/y"}}},
      // A trailing slash the template lacks is ignored (older SDK models send ListFunctions as
      // /2015-03-31/functions/); one the template has is required.
      {"/things", "/things/", "", true},
      {"/things", "/things//", "", false},
      {"/", "//", "", false},
      {"/2015-03-31/functions/", "/2015-03-31/functions/", "", true},
      {"/2015-03-31/functions/", "/2015-03-31/functions", "", false},
      // Query literals must be present.
      {"/restapis?mode=import", "/restapis", "mode=import", true},
      {"/restapis?mode=import", "/restapis", "mode=import&failonwarnings=true", true},
      {"/restapis?mode=import", "/restapis", "other=1&mode=import", true},
      {"/restapis?mode=import", "/restapis", "", false},
      {"/restapis?mode=import", "/restapis", "mode=overwrite", false},
      {"/restapis?mode=import", "/restapis", "mode", false},
      {"/restapis?mode=import", "/other", "mode=import", false},
      {"/things/{Id}?x", "/things/1", "x", true, {{"Id", "1"}}},
      {"/things/{Id}?x", "/things/1", "x=anything", true, {{"Id", "1"}}},
      {"/things/{Id}?x", "/things/1", "y=1", false},
      {"/things/{Id}?x", "/things/1", "", false},
      {"/t?a=1&b", "/t", "b=2&a=1", true},
      {"/t?a=1&b", "/t", "a=1", false},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.pattern + " vs " + c.path + "?" + c.query);
    const auto m = match(c.pattern, c.path, c.query);
    ASSERT_EQ(m.has_value(), c.matches);
    if (m) {
      EXPECT_EQ(m->labels, c.labels);
    }
  }
}

TEST(UriTemplate, ScoreCountsLiterals) {
  const auto literal = match("/things/special", "/things/special");
  const auto label = match("/things/{Id}", "/things/special");
  const auto greedy = match("/{proxy+}", "/things/special");
  ASSERT_TRUE(literal && label && greedy);
  EXPECT_GT(literal->score, label->score);
  EXPECT_GT(label->score, greedy->score);

  const auto with_query = match("/restapis?mode=import", "/restapis", "mode=import");
  const auto without_query = match("/restapis", "/restapis", "mode=import");
  ASSERT_TRUE(with_query && without_query);
  EXPECT_GT(with_query->score, without_query->score);

  // A literal segment weighs more than a query literal.
  const auto two_literals = match("/a/b", "/a/b", "q=1");
  const auto literal_and_query = match("/a/{B}?q=1", "/a/b", "q=1");
  ASSERT_TRUE(two_literals && literal_and_query);
  EXPECT_GT(two_literals->score, literal_and_query->score);
}

}  // namespace
}  // namespace preflight::core
