#include "services/sts/operations.h"

#include "emulator/auth/authenticator.h"
#include "emulator/common/strings.h"
#include "emulator/service/input.h"
#include "services/sts/errors.h"

namespace preflight::sts {

boost::asio::awaitable<Json> get_caller_identity(Store& store, core::RequestContext& ctx,
                                                 const Json&) {
  if (auto session = store.find(ctx.access_key_id)) {
    co_return Json{
        {"UserId", session->user_id}, {"Account", session->account_id}, {"Arn", session->arn}};
  }
  // Long-term emulated credentials act as the account's root user, as AWS answers for root keys.
  co_return Json{{"UserId", ctx.account_id},
                 {"Account", ctx.account_id},
                 {"Arn", "arn:aws:iam::" + ctx.account_id + ":root"}};
}

boost::asio::awaitable<Json> get_access_key_info(Store& store, core::RequestContext&,
                                                 const Json& input) {
  const auto key = core::input::string(input, "AccessKeyId");
  if (!key) {
    throw errors::missing("AccessKeyId");
  }
  if (key->size() < 16 || key->size() > 128) {
    throw errors::validation("AccessKeyId", *key,
                             "Member must have length greater than or equal to 16");
  }
  if (auto session = store.find(*key)) {
    co_return Json{{"Account", session->account_id}};
  }
  const bool is_account = key->size() == 12 && is_all_digits(*key);
  co_return Json{{"Account", is_account ? *key : std::string(core::kDefaultAccountId)}};
}

}  // namespace preflight::sts
