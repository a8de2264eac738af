#include <algorithm>
#include <cctype>

#include "emulator/common/crypto.h"
#include "emulator/common/ids.h"
#include "emulator/common/strings.h"
#include "emulator/common/time_format.h"
#include "emulator/service/credentials.h"
#include "emulator/service/input.h"
#include "services/sts/errors.h"
#include "services/sts/operations.h"

namespace preflight::sts {
namespace {

constexpr std::int64_t kDefaultRoleDuration = 3600;
constexpr std::int64_t kDefaultSessionDuration = 43200;
constexpr std::int64_t kRootSessionMax = 3600;  // account owners get at most an hour

struct RoleArn {
  std::string partition;
  std::string account;
  std::string name;  // the last path segment
};

// IAM names: [\w+=,.@-]
bool is_iam_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '+' || c == '=' ||
         c == ',' || c == '.' || c == '@' || c == '-';
}

bool is_iam_name(std::string_view s) {
  return std::all_of(s.begin(), s.end(), is_iam_name_char);
}

// arn:PARTITION:iam::ACCOUNT:role/[PATH/]NAME
std::optional<RoleArn> parse_role_arn(std::string_view arn) {
  const auto parts = split(arn, ':');
  if (parts.size() != 6 || parts[0] != "arn" || !parts[1].starts_with("aws") || parts[2] != "iam" ||
      !parts[3].empty() || parts[4].size() != 12 || !is_all_digits(parts[4]) ||
      !parts[5].starts_with("role/")) {
    return std::nullopt;
  }
  const auto resource = parts[5];
  const auto name = resource.substr(resource.rfind('/') + 1);
  const bool printable =
      std::all_of(resource.begin(), resource.end(), [](char c) { return c >= '!' && c <= '~'; });
  if (name.empty() || !is_iam_name(name) || !printable) {
    return std::nullopt;
  }
  return RoleArn{std::string(parts[1]), std::string(parts[4]), std::string(name)};
}

// AWS role ids are opaque and stable per role; derive one from the ARN.
std::string role_id(const std::string& arn) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const auto digest = sha256(arn);
  std::string id = "AROA";
  for (int i = 0; i < 17; ++i) {
    id.push_back(kAlphabet[static_cast<unsigned char>(digest[i]) % 32]);
  }
  return id;
}

std::int64_t duration(const Json& input, std::int64_t fallback, std::int64_t max) {
  const auto seconds = core::input::integer(input, "DurationSeconds").value_or(fallback);
  if (seconds < 900) {
    throw errors::validation("DurationSeconds", std::to_string(seconds),
                             "Member must have value greater than or equal to 900");
  }
  if (seconds > max) {
    throw errors::validation("DurationSeconds", std::to_string(seconds),
                             "Member must have value less than or equal to " + std::to_string(max));
  }
  return seconds;
}

SessionCredential new_credential(std::string account, std::string arn, std::string user_id,
                                 std::int64_t expiration, bool from_assume_role) {
  std::string key = std::string(core::kTemporaryKeyPrefix);
  for (char c : random_alnum(16)) {
    key.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return SessionCredential{
      std::move(key),     random_alnum(40), "IQoJb3JpZ2luX2VjE" + random_alnum(300),
      std::move(account), std::move(arn),   std::move(user_id),
      expiration,         from_assume_role};
}

Json credentials_json(const SessionCredential& c) {
  return Json{{"AccessKeyId", c.access_key_id},
              {"SecretAccessKey", c.secret_access_key},
              {"SessionToken", c.session_token},
              {"Expiration", c.expiration}};
}

}  // namespace

boost::asio::awaitable<Json> assume_role(Store& store, core::RequestContext&, const Json& input) {
  const auto arn = core::input::string(input, "RoleArn");
  if (!arn) {
    throw errors::missing("RoleArn");
  }
  const auto session_name = core::input::string(input, "RoleSessionName");
  if (!session_name) {
    throw errors::missing("RoleSessionName");
  }
  if (arn->size() < 20) {
    throw errors::validation("RoleArn", *arn,
                             "Member must have length greater than or equal to 20");
  }
  if (session_name->size() < 2 || session_name->size() > 64) {
    throw errors::validation("RoleSessionName", *session_name,
                             session_name->size() < 2
                                 ? "Member must have length greater than or equal to 2"
                                 : "Member must have length less than or equal to 64");
  }
  if (!is_iam_name(*session_name)) {
    throw errors::validation("RoleSessionName", *session_name,
                             "Member must satisfy regular expression pattern: [\\w+=,.@-]*");
  }
  const auto role = parse_role_arn(*arn);
  if (!role) {
    throw errors::invalid_arn(*arn);
  }
  const auto now = unix_now();
  const auto seconds = duration(input, kDefaultRoleDuration, 43200);
  auto credential = new_credential(role->account,
                                   "arn:" + role->partition + ":sts::" + role->account +
                                       ":assumed-role/" + role->name + "/" + *session_name,
                                   role_id(*arn) + ":" + *session_name, now + seconds, true);
  store.put(credential, now);

  Json out{{"Credentials", credentials_json(credential)},
           {"AssumedRoleUser", {{"AssumedRoleId", credential.user_id}, {"Arn", credential.arn}}}};
  if (const auto policy = core::input::string(input, "Policy")) {
    out["PackedPolicySize"] = std::min<std::size_t>(100, policy->size() * 100 / 2048);
  }
  if (const auto source = core::input::string(input, "SourceIdentity")) {
    out["SourceIdentity"] = *source;
  }
  co_return out;
}

boost::asio::awaitable<Json> get_session_token(Store& store, core::RequestContext& ctx,
                                               const Json& input) {
  if (ctx.access_key_id.starts_with(core::kTemporaryKeyPrefix) && store.find(ctx.access_key_id)) {
    throw errors::session_credentials_not_allowed();
  }
  const auto now = unix_now();
  // The emulated long-term keys are the account's root keys; AWS caps root sessions at an hour.
  const auto seconds = std::min(duration(input, kDefaultSessionDuration, 129600), kRootSessionMax);
  auto credential = new_credential(ctx.account_id, "arn:aws:iam::" + ctx.account_id + ":root",
                                   ctx.account_id, now + seconds, false);
  store.put(credential, now);
  co_return Json{{"Credentials", credentials_json(credential)}};
}

}  // namespace preflight::sts
