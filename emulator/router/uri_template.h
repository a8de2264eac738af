#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "emulator/common/strings.h"

namespace preflight::core {

using PathLabels = std::vector<std::pair<std::string, std::string>>;

// A rest-json request URI template: "/2015-03-31/functions/{FunctionName}/policy",
// "/restapis?mode=import", "/{proxy+}". Labels match one non-empty segment (percent-decoded);
// a greedy label ({name+}) matches the rest of the path. Query literals after '?' must be present.
class UriTemplate {
 public:
  explicit UriTemplate(std::string_view pattern);

  struct Match {
    PathLabels labels;
    int score = 0;  // more literal segments and query literals = more specific
  };
  std::optional<Match> match(std::string_view raw_path, const FormParams& query) const;

 private:
  struct Segment {
    std::string text;  // literal text, or the label name
    bool label = false;
    bool greedy = false;
  };
  std::vector<Segment> segments_;
  std::vector<std::pair<std::string, std::optional<std::string>>> query_;
};

}  // namespace preflight::core
