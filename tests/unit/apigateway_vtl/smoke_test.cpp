#include <gtest/gtest.h>

#include "tests/unit/apigateway_vtl/helpers.h"

namespace preflight::apigateway::vtl::test {
namespace {

TEST(Smoke, Basic) {
  EXPECT_EQ(run("#set($x = 1)$x"), "1");
}

}  // namespace
}  // namespace preflight::apigateway::vtl::test
