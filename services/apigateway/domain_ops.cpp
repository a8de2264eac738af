#include "emulator/common/time_format.h"
#include "services/apigateway/data_plane.h"
#include "services/apigateway/errors.h"
#include "services/apigateway/operations.h"
#include "services/apigateway/patch.h"

// Custom domain names and their base path mappings ("my.domain/api1" -> api1's prod stage). The
// data plane serves a request whose Host header is such a domain through its mappings.
namespace preflight::apigateway {
namespace {

constexpr std::string_view kNoBasePath = "(none)";

Json domain(Backend& b, const Scope& s, const std::string& name) {
  auto d = b.store().get(s, kind::domain, "", name);
  if (!d) {
    throw errors::not_found("Invalid domain name identifier specified");
  }
  return std::move(*d);
}

std::string base_path_key(const Json& input) {
  const std::string path = input.value("basePath", "");
  return path.empty() ? std::string(kNoBasePath) : path;
}

void check_target(Backend& b, const Scope& s, const Json& mapping) {
  const std::string api_id = mapping.value("restApiId", "");
  b.api(s, api_id);
  const std::string stage = mapping.value("stage", "");
  if (!stage.empty()) {
    b.stage(s, api_id, stage);
  }
}

}  // namespace

Result create_domain_name(Backend& b, core::RequestContext& ctx, const Json& input) {
  const Scope s = Backend::scope(ctx);
  const std::string name = required_string(input, "domainName");
  if (b.store().get(s, kind::domain, "", name) || b.store().locate_domain(name)) {
    throw errors::conflict("The domain name you provided already exists.");
  }
  Json d{{"domainName", name},
         {"domainNameStatus", "AVAILABLE"},
         {"securityPolicy", "TLS_1_2"},
         {"certificateUploadDate", unix_now()},
         {"endpointConfiguration", Json{{"types", Json::array({"EDGE"})}}}};
  copy_members(d, input,
               {"certificateName", "certificateArn", "regionalCertificateName",
                "regionalCertificateArn", "endpointConfiguration", "securityPolicy", "tags"});
  const bool regional =
      d["endpointConfiguration"].value("types", Json::array()).dump().find("REGIONAL") !=
      std::string::npos;
  if (regional) {
    d["regionalDomainName"] = "d-" + new_id(10) + ".execute-api." + s.region + ".amazonaws.com";
    d["regionalHostedZoneId"] = "Z1UJRXOUMOOFQ8";
  } else {
    d["distributionDomainName"] = "d" + new_id(13) + ".cloudfront.net";
    d["distributionHostedZoneId"] = "Z2FDTNDATAQYW2";
  }
  b.store().put(s, kind::domain, "", name, d);
  b.data_plane().domains_changed();
  co_return d;
}

Result get_domain_name(Backend& b, core::RequestContext& ctx, const Json& input) {
  co_return domain(b, Backend::scope(ctx), input.value("domainName", ""));
}

Result get_domain_names(Backend& b, core::RequestContext& ctx, const Json& input) {
  co_return page(b.store().list(Backend::scope(ctx), kind::domain, ""), input);
}

Result update_domain_name(Backend& b, core::RequestContext& ctx, const Json& input) {
  const Scope s = Backend::scope(ctx);
  Json d = domain(b, s, input.value("domainName", ""));
  apply_patch(d, input.value("patchOperations", Json()),
              {{"certificateName", FieldType::String},
               {"certificateArn", FieldType::String},
               {"regionalCertificateName", FieldType::String},
               {"regionalCertificateArn", FieldType::String},
               {"securityPolicy", FieldType::String}});
  b.store().put(s, kind::domain, "", d["domainName"].get<std::string>(), d);
  co_return d;
}

Result delete_domain_name(Backend& b, core::RequestContext& ctx, const Json& input) {
  const Scope s = Backend::scope(ctx);
  const std::string name = domain(b, s, input.value("domainName", ""))["domainName"];
  core::Transaction tx(b.store().db());
  b.store().erase_children(s, "domain:" + name);
  b.store().erase(s, kind::domain, "", name);
  tx.commit();
  b.data_plane().domains_changed();
  co_return Json::object();
}

Result create_base_path_mapping(Backend& b, core::RequestContext& ctx, const Json& input) {
  const Scope s = Backend::scope(ctx);
  const std::string name = domain(b, s, input.value("domainName", ""))["domainName"];
  Json m{{"basePath", base_path_key(input)}, {"restApiId", required_string(input, "restApiId")}};
  copy_members(m, input, {"stage"});
  const std::string& path = m["basePath"].get_ref<const std::string&>();
  if (path != kNoBasePath && path.find_first_of(" ?#") != std::string::npos) {
    throw errors::bad_request("Invalid base path: " + path);
  }
  check_target(b, s, m);
  const std::string parent = "domain:" + name;
  if (b.store().get(s, kind::base_path, parent, path)) {
    throw errors::conflict("Base path already exists for this domain name");
  }
  b.store().put(s, kind::base_path, parent, path, m);
  co_return m;
}

Result get_base_path_mapping(Backend& b, core::RequestContext& ctx, const Json& input) {
  const Scope s = Backend::scope(ctx);
  const std::string name = domain(b, s, input.value("domainName", ""))["domainName"];
  auto m = b.store().get(s, kind::base_path, "domain:" + name, base_path_key(input));
  if (!m) {
    throw errors::not_found("Invalid base path mapping identifier specified");
  }
  co_return *m;
}

Result get_base_path_mappings(Backend& b, core::RequestContext& ctx, const Json& input) {
  const Scope s = Backend::scope(ctx);
  const std::string name = domain(b, s, input.value("domainName", ""))["domainName"];
  co_return page(b.store().list(s, kind::base_path, "domain:" + name), input);
}

Result update_base_path_mapping(Backend& b, core::RequestContext& ctx, const Json& input) {
  const Scope s = Backend::scope(ctx);
  const std::string parent =
      "domain:" + domain(b, s, input.value("domainName", ""))["domainName"].get<std::string>();
  const std::string key = base_path_key(input);
  auto m = b.store().get(s, kind::base_path, parent, key);
  if (!m) {
    throw errors::not_found("Invalid base path mapping identifier specified");
  }
  apply_patch(*m, input.value("patchOperations", Json()),
              {{"basePath", FieldType::String},
               {"restApiId", FieldType::String},
               {"stage", FieldType::String}});
  check_target(b, s, *m);
  if (m->value("basePath", "").empty()) {
    (*m)["basePath"] = kNoBasePath;
  }
  core::Transaction tx(b.store().db());
  b.store().erase(s, kind::base_path, parent, key);
  b.store().put(s, kind::base_path, parent, (*m)["basePath"].get<std::string>(), *m);
  tx.commit();
  co_return *m;
}

Result delete_base_path_mapping(Backend& b, core::RequestContext& ctx, const Json& input) {
  const Scope s = Backend::scope(ctx);
  const std::string name = domain(b, s, input.value("domainName", ""))["domainName"];
  if (!b.store().erase(s, kind::base_path, "domain:" + name, base_path_key(input))) {
    throw errors::not_found("Invalid base path mapping identifier specified");
  }
  co_return Json::object();
}

}  // namespace preflight::apigateway
