#include "services/sts/identity_ops.h"

#include "emulator/auth/authenticator.h"
#include "emulator/common/strings.h"
#include "services/sts/errors.h"

namespace preflight::sts {

boost::asio::awaitable<Json> get_caller_identity(core::RequestContext& ctx, const Json&) {
  // Emulated credentials act as the account's root user, as AWS answers for root keys.
  co_return Json{{"UserId", ctx.account_id},
                 {"Account", ctx.account_id},
                 {"Arn", "arn:aws:iam::" + ctx.account_id + ":root"}};
}

boost::asio::awaitable<Json> get_access_key_info(core::RequestContext&, const Json& input) {
  const auto it = input.find("AccessKeyId");
  if (it == input.end() || !it->is_string() || it->get_ref<const std::string&>().size() < 1) {
    throw errors::access_key_id_required();
  }
  const auto& key = it->get_ref<const std::string&>();
  const bool is_account = key.size() == 12 && is_all_digits(key);
  co_return Json{{"Account", is_account ? key : std::string(core::kDefaultAccountId)}};
}

}  // namespace preflight::sts
