#pragma once

#include "emulator/common/json.h"
#include "services/cognito/model.h"

// A user pool's attribute schema: Cognito's standard attributes, custom ones, and the checks on
// attribute writes.
namespace preflight::cognito {

// SchemaAttributes for CreateUserPool's Schema: the standard attributes in Cognito's order (a
// standard one named in Schema may be made required or immutable), then the custom ones as
// "custom:NAME". Throws InvalidParameterException / SerializationException.
Json schema_attributes(const Json* schema);

// Attribute writes: each name must be in the schema (custom ones as "custom:x"), "sub" is never
// writable, and immutable attributes only when creating. Throws InvalidParameterException with
// Cognito's message. `creating`: SignUp / AdminCreateUser.
void check_attribute_writes(const Pool& pool, const Json& attributes, bool creating);
// Required schema attributes missing from a new user: throws InvalidParameterException
// "Attributes did not conform to the schema: NAME: The attribute is required".
void check_required_attributes(const Pool& pool, const Json& attributes);

// [{"Name":..,"Value":..}] <-> {"name": "value"}; throws InvalidParameterException when malformed.
Json attribute_map(const Json* list);
Json attribute_list(const Json& map, const Json* only = nullptr);

}  // namespace preflight::cognito
