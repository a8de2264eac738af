#include <gtest/gtest.h>

#include "harness/token.h"

namespace preflight::harness {
namespace {

TEST(SecretHash, IsBase64HmacOfUsernameAndClientId) {
  // base64(HMAC-SHA256("secret", "alice" + "client123")), computed with Python's hmac.
  EXPECT_EQ(secret_hash("secret", "alice", "client123"),
            "oKHO337pkuh1r3zUNCZ1oCL3YgM0Yi2nkcAZsKQTIH8=");
}

}  // namespace
}  // namespace preflight::harness
