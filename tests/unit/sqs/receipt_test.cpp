#include "services/sqs/receipt.h"

#include <gtest/gtest.h>

#include "emulator/common/crypto.h"

namespace preflight::sqs {
namespace {

TEST(Receipt, RoundTrips) {
  const auto handle = encode_receipt({7, 42, "nonce123"});
  const auto decoded = decode_receipt(handle);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->queue_id, 7);
  EXPECT_EQ(decoded->seq, 42);
  EXPECT_EQ(decoded->nonce, "nonce123");
}

TEST(Receipt, RefusesWhatWeNeverIssued) {
  EXPECT_FALSE(decode_receipt(""));
  EXPECT_FALSE(decode_receipt("not base64!"));
  EXPECT_FALSE(decode_receipt(base64_encode("1:2")));
  EXPECT_FALSE(decode_receipt(base64_encode("a:2:n")));
  EXPECT_FALSE(decode_receipt(base64_encode("1:-2:n")));
  EXPECT_FALSE(decode_receipt(base64_encode("1:2:")));
}

}  // namespace
}  // namespace preflight::sqs
