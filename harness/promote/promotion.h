#pragma once

#include <optional>
#include <ostream>
#include <string>

#include "harness/client/aws_client.h"

namespace preflight::harness {

struct PromoteOptions {
  std::string stack;
  std::string from = "beta";
  std::string to = "prod";
  std::optional<double> canary_percent;  // set: split traffic instead of moving all of it
};

// Promotes a stack from one stage to the next, as teams do on AWS: publishes a version of each
// function whose $LATEST differs from what its alias serves and moves the alias there (or, for a
// canary, gives the new version that share of the alias' traffic); points the target stage at
// the source stage's deployment (or makes it the stage's canary). What each thing served before
// is recorded in tags, for rollback. Prints every change; returns how many there were.
int promote(const AwsClient& aws, const PromoteOptions& options, std::ostream& out);

// Puts back what the last promote to `stage` moved (alias versions and weights, the stage's
// deployment and canary). Throws when there is nothing to roll back.
int rollback(const AwsClient& aws, const std::string& stack, const std::string& stage,
             std::ostream& out);

// What a stage of the stack serves now (each alias' version and weights, each API stage's
// deployment and canary): the gate compares it before and after the beta tests.
Json served_state(const AwsClient& aws, const std::string& stack, const std::string& stage);

}  // namespace preflight::harness
