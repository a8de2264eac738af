#include "emulator/router/uri_template.h"

namespace preflight::core {
namespace {

// "/a/b/" -> {"a", "b", ""}; "/" -> {""}.
std::vector<std::string_view> path_segments(std::string_view path) {
  if (!path.empty() && path.front() == '/') {
    path.remove_prefix(1);
  }
  return split(path, '/');
}

}  // namespace

UriTemplate::UriTemplate(std::string_view pattern) {
  const auto q = pattern.find('?');
  for (const auto seg : path_segments(pattern.substr(0, q))) {
    Segment s;
    if (seg.size() >= 2 && seg.front() == '{' && seg.back() == '}') {
      auto name = seg.substr(1, seg.size() - 2);
      s.label = true;
      if (name.ends_with("+")) {
        s.greedy = true;
        name.remove_suffix(1);
      }
      s.text = std::string(name);
    } else {
      s.text = std::string(seg);
    }
    segments_.push_back(std::move(s));
  }
  if (q != std::string_view::npos) {
    for (const auto pair : split(pattern.substr(q + 1), '&')) {
      const auto eq = pair.find('=');
      if (eq == std::string_view::npos) {
        query_.emplace_back(std::string(pair), std::nullopt);
      } else {
        query_.emplace_back(std::string(pair.substr(0, eq)), std::string(pair.substr(eq + 1)));
      }
    }
  }
}

std::optional<UriTemplate::Match> UriTemplate::match(std::string_view raw_path,
                                                     const FormParams& query) const {
  const auto parts = path_segments(raw_path);
  Match m;
  std::size_t i = 0;
  for (const auto& seg : segments_) {
    if (seg.greedy) {
      if (i >= parts.size()) {
        return std::nullopt;
      }
      std::string rest;
      const std::size_t first = i;
      for (; i < parts.size(); ++i) {
        auto decoded = uri_decode(parts[i]);
        if (!decoded) {
          return std::nullopt;
        }
        if (i != first) {
          rest += '/';  // keep empty segments: "//a" is "/a", not "a"
        }
        rest += *decoded;
      }
      if (rest.empty()) {
        return std::nullopt;
      }
      m.labels.emplace_back(seg.text, std::move(rest));
      continue;
    }
    if (i >= parts.size()) {
      return std::nullopt;
    }
    if (seg.label) {
      auto decoded = uri_decode(parts[i]);
      if (!decoded || decoded->empty()) {
        return std::nullopt;
      }
      m.labels.emplace_back(seg.text, std::move(*decoded));
    } else {
      if (parts[i] != seg.text) {
        return std::nullopt;
      }
      m.score += 2;
    }
    ++i;
  }
  // A trailing slash the template lacks is ignored: older SDK models spell some URIs with one
  // ("/2015-03-31/functions/" for Lambda's ListFunctions).
  if (i + 1 == parts.size() && parts[i].empty() && !segments_.empty() &&
      !segments_.back().text.empty()) {
    ++i;
  }
  if (i != parts.size()) {
    return std::nullopt;
  }
  for (const auto& [key, value] : query_) {
    bool found = false;
    for (const auto& [k, v] : query) {
      if (k == key && (!value || v == *value)) {
        found = true;
        break;
      }
    }
    if (!found) {
      return std::nullopt;
    }
    ++m.score;
  }
  return m;
}

}  // namespace preflight::core
