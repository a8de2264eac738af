#pragma once

#include <string_view>

namespace preflight::harness {

// CreateUserPool's settings besides PoolName: the names a template's AWS::Cognito::UserPool
// (with UserPoolName) and a fixture's userPools entry (with PoolName) take.
inline constexpr std::string_view kUserPoolSettings[] = {"Policies",
                                                         "DeletionProtection",
                                                         "LambdaConfig",
                                                         "AutoVerifiedAttributes",
                                                         "AliasAttributes",
                                                         "UsernameAttributes",
                                                         "SmsVerificationMessage",
                                                         "EmailVerificationMessage",
                                                         "EmailVerificationSubject",
                                                         "VerificationMessageTemplate",
                                                         "SmsAuthenticationMessage",
                                                         "MfaConfiguration",
                                                         "UserAttributeUpdateSettings",
                                                         "DeviceConfiguration",
                                                         "EmailConfiguration",
                                                         "SmsConfiguration",
                                                         "UserPoolTags",
                                                         "AdminCreateUserConfig",
                                                         "Schema",
                                                         "UserPoolAddOns",
                                                         "UsernameConfiguration",
                                                         "AccountRecoverySetting",
                                                         "UserPoolTier"};

// The ones UpdateUserPool can change after creation.
inline constexpr std::string_view kUserPoolMutableSettings[] = {"Policies",
                                                                "DeletionProtection",
                                                                "LambdaConfig",
                                                                "AutoVerifiedAttributes",
                                                                "SmsVerificationMessage",
                                                                "EmailVerificationMessage",
                                                                "EmailVerificationSubject",
                                                                "VerificationMessageTemplate",
                                                                "SmsAuthenticationMessage",
                                                                "UserAttributeUpdateSettings",
                                                                "MfaConfiguration",
                                                                "DeviceConfiguration",
                                                                "EmailConfiguration",
                                                                "SmsConfiguration",
                                                                "UserPoolTags",
                                                                "AdminCreateUserConfig",
                                                                "UserPoolAddOns",
                                                                "AccountRecoverySetting",
                                                                "UserPoolTier"};

// CreateUserPoolClient's settings besides UserPoolId (a template's AWS::Cognito::UserPoolClient,
// a fixture's Clients entry).
inline constexpr std::string_view kUserPoolClientSettings[] = {
    "ClientName",
    "GenerateSecret",
    "RefreshTokenValidity",
    "AccessTokenValidity",
    "IdTokenValidity",
    "TokenValidityUnits",
    "ReadAttributes",
    "WriteAttributes",
    "ExplicitAuthFlows",
    "SupportedIdentityProviders",
    "CallbackURLs",
    "LogoutURLs",
    "DefaultRedirectURI",
    "AllowedOAuthFlows",
    "AllowedOAuthScopes",
    "AllowedOAuthFlowsUserPoolClient",
    "AnalyticsConfiguration",
    "PreventUserExistenceErrors",
    "EnableTokenRevocation",
    "EnablePropagateAdditionalUserContextData",
    "AuthSessionValidity",
    "RefreshTokenRotation"};

}  // namespace preflight::harness
