#pragma once

#include <gtest/gtest.h>

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

}  // namespace preflight::core::testing
