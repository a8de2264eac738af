#include "services/apigateway/vtl/string_methods.h"

#include <optional>
#include <regex>

#include "services/apigateway/vtl/java_text.h"

namespace preflight::apigateway::vtl {

namespace {

// A user's regex runs on user data: patterns are kept short and the matcher is libstdc++'s
// breadth-first one (no backtracking, so no exponential blowup; back-references are refused).
constexpr std::size_t kMaxPattern = 256;
constexpr std::size_t kMaxSubject = 1u << 20;

std::optional<std::regex> compile(const std::string& pattern, std::size_t subject_size) {
  if (pattern.size() > kMaxPattern || subject_size > kMaxSubject) {
    return std::nullopt;
  }
  try {
    return std::regex(pattern, std::regex::ECMAScript | std::regex_constants::__polynomial);
  } catch (const std::regex_error&) {
    return std::nullopt;
  }
}

const std::string* string_arg(const std::vector<Value>& args, std::size_t i) {
  return i < args.size() ? args[i].as_string() : nullptr;
}

const std::int64_t* int_arg(const std::vector<Value>& args, std::size_t i) {
  return i < args.size() ? args[i].as_int() : nullptr;
}

// Java's Matcher.appendReplacement: $n is a group, \x is x. nullopt for a malformed replacement.
std::optional<std::string> expand(const std::string& replacement, const std::smatch& m) {
  std::string out;
  for (std::size_t i = 0; i < replacement.size(); ++i) {
    const char c = replacement[i];
    if (c == '\\') {
      if (++i >= replacement.size()) {
        return std::nullopt;
      }
      out += replacement[i];
    } else if (c == '$') {
      if (i + 1 >= replacement.size() || replacement[i + 1] < '0' || replacement[i + 1] > '9') {
        return std::nullopt;
      }
      std::size_t group = static_cast<std::size_t>(replacement[++i] - '0');
      // Java takes a second digit while the number still names a group.
      while (i + 1 < replacement.size() && replacement[i + 1] >= '0' && replacement[i + 1] <= '9' &&
             group * 10 + static_cast<std::size_t>(replacement[i + 1] - '0') < m.size()) {
        group = group * 10 + static_cast<std::size_t>(replacement[++i] - '0');
      }
      if (group >= m.size()) {
        return std::nullopt;
      }
      out += m[group].str();
    } else {
      out += c;
    }
  }
  return out;
}

std::optional<std::string> replace_regex(const std::string& s, const std::string& pattern,
                                         const std::string& replacement, bool all) {
  auto re = compile(pattern, s.size());
  if (!re) {
    return std::nullopt;
  }
  std::string out;
  std::size_t last = 0;
  for (auto it = std::sregex_iterator(s.begin(), s.end(), *re); it != std::sregex_iterator();
       ++it) {
    const auto pos = static_cast<std::size_t>(it->position(0));
    out.append(s, last, pos - last);
    auto piece = expand(replacement, *it);
    if (!piece) {
      return std::nullopt;
    }
    out += *piece;
    last = pos + static_cast<std::size_t>(it->length(0));
    if (!all || out.size() > kMaxSubject * 8) {
      break;
    }
  }
  out.append(s, last, std::string::npos);
  return out;
}

// String.split(regex): no leading empty piece for a zero-width match at 0, trailing empties go.
std::optional<std::vector<std::string>> split_regex(const std::string& s,
                                                    const std::string& pattern) {
  auto re = compile(pattern, s.size());
  if (!re) {
    return std::nullopt;
  }
  std::vector<std::string> pieces;
  if (s.empty()) {
    pieces.emplace_back();
    return pieces;
  }
  std::size_t last = 0;
  for (auto it = std::sregex_iterator(s.begin(), s.end(), *re); it != std::sregex_iterator();
       ++it) {
    const auto pos = static_cast<std::size_t>(it->position(0));
    const auto len = static_cast<std::size_t>(it->length(0));
    if (len == 0 && (pos == 0 || pos >= s.size())) {
      continue;
    }
    pieces.push_back(s.substr(last, pos - last));
    last = pos + len;
  }
  pieces.push_back(s.substr(last));
  while (pieces.size() > 1 && pieces.back().empty()) {
    pieces.pop_back();
  }
  if (pieces.size() == 1 && pieces.back().empty()) {
    pieces.clear();  // ",".split(",") is an empty array
  }
  return pieces;
}

std::string replace_literal(const std::string& s, const std::string& from, const std::string& to) {
  if (from.empty()) {  // Java puts the replacement between every character and at both ends
    const std::u16string units = to_utf16(s);
    std::string out = to;
    for (char16_t unit : units) {
      out += to_utf8(std::u16string_view(&unit, 1));
      out += to;
    }
    return out;
  }
  std::string out;
  std::size_t last = 0;
  for (std::size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, last)) {
    out.append(s, last, pos - last);
    out += to;
    last = pos + from.size();
  }
  out.append(s, last, std::string::npos);
  return out;
}

char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}
char ascii_upper(char c) {
  return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}

std::int64_t index_of(const std::u16string& hay, const std::u16string& needle, std::int64_t from) {
  if (from < 0) {
    from = 0;
  }
  if (static_cast<std::size_t>(from) > hay.size()) {
    return -1;
  }
  const auto pos = hay.find(needle, static_cast<std::size_t>(from));
  return pos == std::u16string::npos ? -1 : static_cast<std::int64_t>(pos);
}

}  // namespace

bool call_string_method(Runtime& rt, const std::string& s, std::string_view name,
                        std::vector<Value>& args, Value& out) {
  const std::size_t n = args.size();
  const std::string* a0 = string_arg(args, 0);
  const std::string* a1 = string_arg(args, 1);
  auto result = [&](std::string text) {
    rt.charge(text.size());
    out = Value(std::move(text));
    return true;
  };
  if (name == "length" && n == 0) {
    out = static_cast<std::int64_t>(to_utf16(s).size());
  } else if (name == "isEmpty" && n == 0) {
    out = s.empty();
  } else if (name == "toString" && n == 0) {
    out = s;
  } else if (name == "trim" && n == 0) {
    out = std::string(java_trim(s));
  } else if ((name == "toLowerCase" || name == "toUpperCase") && n == 0) {
    std::string t = s;
    for (char& c : t) {
      c = name == "toLowerCase" ? ascii_lower(c) : ascii_upper(c);
    }
    out = std::move(t);
  } else if (name == "equals" && n == 1) {
    out = a0 != nullptr && *a0 == s;
  } else if (name == "equalsIgnoreCase" && n == 1) {
    bool same = a0 != nullptr && a0->size() == s.size();
    for (std::size_t i = 0; same && i < s.size(); ++i) {
      same = ascii_lower(s[i]) == ascii_lower((*a0)[i]);
    }
    out = same;
  } else if (name == "contains" && n == 1 && a0) {
    out = s.find(*a0) != std::string::npos;
  } else if (name == "startsWith" && n == 1 && a0) {
    out = s.starts_with(*a0);
  } else if (name == "startsWith" && n == 2 && a0 && int_arg(args, 1)) {
    const std::u16string units = to_utf16(s);
    const std::u16string prefix = to_utf16(*a0);
    const std::int64_t at = *int_arg(args, 1);
    out = at >= 0 && static_cast<std::size_t>(at) <= units.size() &&
          units.compare(static_cast<std::size_t>(at), prefix.size(), prefix) == 0 &&
          static_cast<std::size_t>(at) + prefix.size() <= units.size();
  } else if (name == "endsWith" && n == 1 && a0) {
    out = s.ends_with(*a0);
  } else if ((name == "indexOf" || name == "lastIndexOf") && (n == 1 || n == 2) && a0) {
    const std::u16string units = to_utf16(s);
    const std::u16string needle = to_utf16(*a0);
    if (name == "indexOf") {
      const std::int64_t* from = int_arg(args, 1);
      if (n == 2 && from == nullptr) {
        return false;
      }
      out = index_of(units, needle, from ? *from : 0);
    } else {
      if (n == 2) {
        return false;
      }
      const auto pos = units.rfind(needle);
      out = pos == std::u16string::npos ? std::int64_t{-1} : static_cast<std::int64_t>(pos);
    }
  } else if (name == "substring" && (n == 1 || n == 2) && int_arg(args, 0)) {
    const std::u16string units = to_utf16(s);
    const std::int64_t b = *int_arg(args, 0);
    const std::int64_t* e_arg = int_arg(args, 1);
    if (n == 2 && e_arg == nullptr) {
      return false;
    }
    const std::int64_t e = e_arg ? *e_arg : static_cast<std::int64_t>(units.size());
    if (b < 0 || e > static_cast<std::int64_t>(units.size()) || b > e) {
      out = Value();  // StringIndexOutOfBoundsException: the reference fails
    } else {
      out = to_utf8(std::u16string_view(units).substr(static_cast<std::size_t>(b),
                                                      static_cast<std::size_t>(e - b)));
    }
  } else if (name == "charAt" && n == 1 && int_arg(args, 0)) {
    const std::u16string units = to_utf16(s);
    const std::int64_t i = *int_arg(args, 0);
    if (i < 0 || i >= static_cast<std::int64_t>(units.size())) {
      out = Value();
    } else {
      out = to_utf8(std::u16string_view(units).substr(static_cast<std::size_t>(i), 1));
    }
  } else if (name == "concat" && n == 1 && a0) {
    return result(s + *a0);
  } else if (name == "replace" && n == 2 && a0 && a1) {
    return result(replace_literal(s, *a0, *a1));
  } else if ((name == "replaceAll" || name == "replaceFirst") && n == 2 && a0 && a1) {
    auto replaced = replace_regex(s, *a0, *a1, name == "replaceAll");
    if (!replaced) {
      out = Value();
      return true;
    }
    return result(std::move(*replaced));
  } else if (name == "matches" && n == 1 && a0) {
    auto re = compile(*a0, s.size());
    out = re ? Value(std::regex_match(s, *re)) : Value();
  } else if (name == "split" && n == 1 && a0) {
    auto pieces = split_regex(s, *a0);
    if (!pieces) {
      out = Value();
      return true;
    }
    auto list = rt.new_list();
    rt.charge(s.size() + pieces->size());
    for (auto& piece : *pieces) {
      list->items.emplace_back(std::move(piece));
    }
    out = list;
  } else {
    return false;
  }
  return true;
}

}  // namespace preflight::apigateway::vtl
