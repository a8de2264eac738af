#include "services/apigateway/iam_policy.h"

#include <vector>

#include "emulator/common/text_scan.h"

namespace preflight::apigateway {
namespace {

std::vector<std::string> strings_of(const Json& v) {
  std::vector<std::string> out;
  if (v.is_string()) {
    out.push_back(v.get<std::string>());
  } else if (v.is_array()) {
    for (const auto& e : v) {
      if (e.is_string()) {
        out.push_back(e.get<std::string>());
      }
    }
  }
  return out;
}

bool any_matches(const Json& patterns, std::string_view text, bool case_insensitive = false) {
  for (auto p : strings_of(patterns)) {
    std::string t(text);
    if (case_insensitive) {
      for (auto& c : p)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      for (auto& c : t)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (wildcard_match(p, t, true)) {
      return true;
    }
  }
  return false;
}

}  // namespace

PolicyDecision evaluate_policy(const Json& policy_document, std::string_view method_arn) {
  if (!policy_document.is_object()) {
    return PolicyDecision::Deny;
  }
  Json statements = policy_document.value("Statement", Json());
  if (statements.is_object()) {
    statements = Json::array({statements});
  }
  if (!statements.is_array()) {
    return PolicyDecision::Deny;
  }
  bool allowed = false;
  for (const auto& st : statements) {
    if (!st.is_object()) {
      continue;
    }
    const Json action = st.contains("Action") ? st["Action"] : st.value("action", Json());
    const Json resource = st.contains("Resource") ? st["Resource"] : st.value("resource", Json());
    if (!any_matches(action, "execute-api:Invoke", true) || !any_matches(resource, method_arn)) {
      continue;
    }
    const std::string effect = st.value("Effect", st.value("effect", ""));
    if (effect == "Deny") {
      return PolicyDecision::Deny;
    }
    if (effect == "Allow") {
      allowed = true;
    }
  }
  return allowed ? PolicyDecision::Allow : PolicyDecision::Deny;
}

}  // namespace preflight::apigateway
