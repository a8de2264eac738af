#include "emulator/common/strings.h"
#include "emulator/protocol/json_body.h"
#include "emulator/service/input.h"
#include "services/lambda/errors.h"
#include "services/lambda/operations.h"

// Resource policies: stored per qualifier ("" for the function itself) and returned as Lambda
// returns them. Preflight does not enforce them.
namespace preflight::lambda {
namespace input = core::input;

namespace {

std::string required(const Json& in, const char* member) {
  auto v = input::string(in, member);
  if (!v || v->empty()) {
    throw core::errors::missing_parameter(member);
  }
  return *v;
}

Json principal(const std::string& p) {
  if (p == "*") {
    return "*";
  }
  if (p.find(".amazonaws.com") != std::string::npos || p.ends_with(".amazon.com")) {
    return Json{{"Service", p}};
  }
  if (p.size() == 12 && is_all_digits(p)) {
    return Json{{"AWS", "arn:aws:iam::" + p + ":root"}};
  }
  return Json{{"AWS", p}};
}

Json statement(const FunctionRef& ref, const Json& in, const std::string& sid) {
  Json s{{"Sid", sid},
         {"Effect", "Allow"},
         {"Principal", principal(required(in, "Principal"))},
         {"Action", required(in, "Action")},
         {"Resource", ref.qualified_arn()}};
  Json condition = Json::object();
  if (auto source = input::string(in, "SourceArn")) {
    condition["ArnLike"] = Json{{"AWS:SourceArn", *source}};
  }
  if (auto account = input::string(in, "SourceAccount")) {
    condition["StringEquals"]["AWS:SourceAccount"] = *account;
  }
  if (auto org = input::string(in, "PrincipalOrgID")) {
    condition["StringEquals"]["aws:PrincipalOrgID"] = *org;
  }
  if (auto auth = input::string(in, "FunctionUrlAuthType")) {
    condition["StringEquals"]["lambda:FunctionUrlAuthType"] = *auth;
  }
  if (!condition.empty()) {
    s["Condition"] = std::move(condition);
  }
  return s;
}

FunctionRef checked_ref(Backend& b, Ctx& ctx, const Json& in, Function& f) {
  auto ref = parse_function_ref(ctx, required(in, "FunctionName"), input::string(in, "Qualifier"));
  f = b.function(ref);
  if (!ref.qualifier.empty()) {
    b.qualified_config(ref);  // the version or alias must exist
  }
  return ref;
}

}  // namespace

Result add_permission(Backend& b, Ctx& ctx, const Json& in) {
  Function f;
  const auto ref = checked_ref(b, ctx, in, f);
  const std::string sid = required(in, "StatementId");
  if (f.policy.is_null()) {
    f.policy = Json::object();
  }
  Json& doc = f.policy[ref.qualifier];
  if (auto rev = input::string(in, "RevisionId");
      rev && *rev != doc.value("RevisionId", f.latest.value("RevisionId", ""))) {
    throw errors::precondition_failed();
  }
  if (doc.is_null()) {
    doc = Json{{"Version", "2012-10-17"}, {"Id", "default"}, {"Statement", Json::array()}};
  }
  for (const auto& s : doc["Statement"]) {
    if (s.value("Sid", "") == sid) {
      throw errors::conflict("The statement id (" + sid +
                             ") provided already exists. Please provide a new statement id, or "
                             "remove the existing statement.");
    }
  }
  Json s = statement(ref, in, sid);
  doc["Statement"].push_back(s);
  b.store().update_function(f);
  co_return Json{{"Statement", core::dump_json(s)}};
}

Result remove_permission(Backend& b, Ctx& ctx, const Json& in) {
  Function f;
  const auto ref = checked_ref(b, ctx, in, f);
  const std::string sid = required(in, "StatementId");
  Json* statements = nullptr;
  if (f.policy.is_object() && f.policy.contains(ref.qualifier)) {
    statements = &f.policy[ref.qualifier]["Statement"];
  }
  const auto before = statements ? statements->size() : 0;
  if (statements != nullptr) {
    statements->erase(std::remove_if(statements->begin(), statements->end(),
                                     [&](const Json& s) { return s.value("Sid", "") == sid; }),
                      statements->end());
  }
  if (statements == nullptr || statements->size() == before) {
    throw errors::not_found("Statement " + sid + " is not found in resource policy.");
  }
  if (statements->empty()) {
    f.policy.erase(ref.qualifier);
  }
  b.store().update_function(f);
  co_return Json::object();
}

Result get_policy(Backend& b, Ctx& ctx, const Json& in) {
  Function f;
  const auto ref = checked_ref(b, ctx, in, f);
  if (!f.policy.is_object() || !f.policy.contains(ref.qualifier)) {
    throw errors::not_found("The resource you requested does not exist.");
  }
  co_return Json{{"Policy", core::dump_json(f.policy[ref.qualifier])},
                 {"RevisionId", f.latest.value("RevisionId", "")}};
}

}  // namespace preflight::lambda
