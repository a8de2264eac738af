#pragma once

#include <gtest/gtest.h>

#include <string>

#include "emulator/service/aws_error.h"

namespace preflight::core::testing {

// Runs fn and returns the AwsError it threw; fails the test when it throws nothing.
template <typename Fn>
AwsError thrown_aws_error(Fn&& fn) {
  try {
    fn();
  } catch (const AwsError& e) {
    return e;
  }
  ADD_FAILURE() << "expected an AwsError";
  return AwsError("none", "none", 0);
}

// The message of the ValidationException fn throws, or "<no error>".
template <typename Fn>
std::string validation_message(Fn&& fn) {
  try {
    fn();
  } catch (const AwsError& e) {
    EXPECT_EQ(e.code, "ValidationException") << e.message;
    return e.message;
  }
  return "<no error>";
}

}  // namespace preflight::core::testing
