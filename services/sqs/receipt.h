#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace preflight::sqs {

// A receipt handle names one receive of one message: its queue, its sequence number and the
// nonce that receive stored. A later receive stores a new nonce, so older handles go stale.
struct Receipt {
  std::int64_t queue_id = 0;
  std::int64_t seq = 0;
  std::string nonce;
};

std::string encode_receipt(const Receipt& receipt);
std::optional<Receipt> decode_receipt(std::string_view handle);

}  // namespace preflight::sqs
