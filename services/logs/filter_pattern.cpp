#include "services/logs/filter_pattern.h"

#include "emulator/common/strings.h"

namespace preflight::logs {
namespace {

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// A quoted phrase starting at text[i] == '"'; advances i past the closing quote.
std::string quoted(std::string_view text, std::size_t& i) {
  std::string out;
  for (++i; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size()) {
      out.push_back(text[++i]);
    } else if (text[i] == '"') {
      ++i;
      return out;
    } else {
      out.push_back(text[i]);
    }
  }
  throw PatternError("Unterminated quoted term in filter pattern");
}

std::string bare(std::string_view text, std::size_t& i) {
  const auto start = i;
  while (i < text.size() && !is_blank(text[i])) {
    if (text[i] == '"') {
      throw PatternError("Invalid character(s) in term '" + std::string(text.substr(start)) + "'");
    }
    ++i;
  }
  return std::string(text.substr(start, i - start));
}

}  // namespace

FilterPattern FilterPattern::parse(std::string_view text) {
  text = trim(text);
  FilterPattern pattern;
  if (text.empty()) {
    return pattern;
  }
  if (text.front() == '{') {
    pattern.json_ = std::make_shared<const JsonPattern>(JsonPattern::parse(text));
    return pattern;
  }
  if (text.front() == '[') {
    throw PatternError("Space-delimited filter patterns are not supported by Preflight");
  }
  if (text.front() == '%') {
    throw PatternError("Regular-expression filter patterns are not supported by Preflight");
  }
  std::size_t i = 0;
  while (i < text.size()) {
    if (is_blank(text[i])) {
      ++i;
      continue;
    }
    auto* list = &pattern.required_;
    if (text[i] == '?' || text[i] == '-') {
      list = text[i] == '?' ? &pattern.any_of_ : &pattern.excluded_;
      if (++i == text.size() || is_blank(text[i])) {
        throw PatternError("Invalid filter pattern: '" + std::string(text) + "'");
      }
    }
    auto term = text[i] == '"' ? quoted(text, i) : bare(text, i);
    if (i < text.size() && !is_blank(text[i])) {
      throw PatternError("Invalid filter pattern: '" + std::string(text) + "'");
    }
    list->push_back(std::move(term));
  }
  return pattern;
}

bool FilterPattern::matches(std::string_view message) const {
  if (json_) {
    const auto body = trim(message);
    if (body.empty() || body.front() != '{') {
      return false;
    }
    const Json event = Json::parse(body, nullptr, false);
    return !event.is_discarded() && event.is_object() && json_->matches(event);
  }
  const auto has = [&](const std::string& term) {
    return message.find(term) != std::string_view::npos;
  };
  for (const auto& term : required_) {
    if (!has(term)) {
      return false;
    }
  }
  for (const auto& term : excluded_) {
    if (has(term)) {
      return false;
    }
  }
  if (any_of_.empty()) {
    return true;
  }
  for (const auto& term : any_of_) {
    if (has(term)) {
      return true;
    }
  }
  return false;
}

}  // namespace preflight::logs
