#pragma once

#include "emulator/service/aws_error.h"

namespace preflight::sts::errors {

inline core::AwsError access_key_id_required() {
  return {"ValidationError",
          "1 validation error detected: Value null at 'accessKeyId' failed to satisfy constraint: "
          "Member must not be null"};
}

}  // namespace preflight::sts::errors
