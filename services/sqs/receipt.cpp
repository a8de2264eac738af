#include "services/sqs/receipt.h"

#include <charconv>

#include "emulator/common/crypto.h"
#include "emulator/common/strings.h"

namespace preflight::sqs {
namespace {

std::optional<std::int64_t> number(std::string_view text) {
  std::int64_t n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n <= 0) {
    return std::nullopt;
  }
  return n;
}

}  // namespace

std::string encode_receipt(const Receipt& receipt) {
  return base64_encode(std::to_string(receipt.queue_id) + ':' + std::to_string(receipt.seq) + ':' +
                       receipt.nonce);
}

std::optional<Receipt> decode_receipt(std::string_view handle) {
  const auto decoded = base64_decode(handle);
  if (!decoded) {
    return std::nullopt;
  }
  const auto parts = split(*decoded, ':');
  if (parts.size() != 3 || parts[2].empty()) {
    return std::nullopt;
  }
  const auto queue_id = number(parts[0]);
  const auto seq = number(parts[1]);
  if (!queue_id || !seq) {
    return std::nullopt;
  }
  return Receipt{*queue_id, *seq, std::string(parts[2])};
}

}  // namespace preflight::sqs
