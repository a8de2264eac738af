"""Helpers shared by the API Gateway tests: an emulator with Lambda, APIs built through the
control plane, and raw HTTP calls to their stages in each invoke-URL form."""

import http.client
import json

import pytest

from conftest import error_of  # noqa: F401  (the tests import it from here)
from lambda_helpers import ACCOUNT, REGION, python_function  # noqa: F401

LAMBDA_URI = ("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
              "arn:aws:lambda:us-east-1:000000000000:function:{}/invocations")

# A handler that answers with the event it got, and a tag that tells code versions apart.
ECHO = """
import json

TAG = "{tag}"

def handler(event, context):
    return {{"statusCode": 200, "headers": {{"Content-Type": "application/json"}},
             "body": json.dumps({{"tag": TAG, "event": event,
                                  "version": context.function_version}})}}
"""


class Gateway:
    def __init__(self, emulator):
        self.emulator = emulator
        self.apigw = emulator.client("apigateway")
        self.lam = emulator.client("lambda", read_timeout=70)

    def echo_function(self, name, tag="v1"):
        return python_function(self.lam, name, ECHO.format(tag=tag))

    def api(self, name="api"):
        """(api id, root resource id). Debian's botocore 1.29 predates RestApi.rootResourceId,
        so the root comes from GetResources."""
        return self.api_and_root(self.apigw.create_rest_api(name=name)["id"])

    def api_and_root(self, api_id):
        items = self.apigw.get_resources(restApiId=api_id)["items"]
        return api_id, next(r["id"] for r in items if r["path"] == "/")

    def resource(self, api_id, parent_id, part):
        return self.apigw.create_resource(restApiId=api_id, parentId=parent_id,
                                          pathPart=part)["id"]

    def method(self, api_id, resource_id, verb, uri=None, integration_type="AWS_PROXY",
               authorization="NONE", **extra):
        self.apigw.put_method(restApiId=api_id, resourceId=resource_id, httpMethod=verb,
                              authorizationType=authorization, **extra)
        if integration_type == "MOCK":
            self.apigw.put_integration(restApiId=api_id, resourceId=resource_id,
                                       httpMethod=verb, type="MOCK",
                                       requestTemplates={"application/json":
                                                         '{"statusCode": 200}'})
        else:
            self.apigw.put_integration(restApiId=api_id, resourceId=resource_id,
                                       httpMethod=verb, type=integration_type,
                                       integrationHttpMethod="POST" if integration_type ==
                                       "AWS_PROXY" else "ANY", uri=uri)

    def mock_ok(self, api_id, resource_id, verb, **method):
        """A MOCK method answering 200 {"ok": 1}."""
        self.method(api_id, resource_id, verb, integration_type="MOCK", **method)
        self.apigw.put_method_response(restApiId=api_id, resourceId=resource_id, httpMethod=verb,
                                       statusCode="200")
        self.apigw.put_integration_response(restApiId=api_id, resourceId=resource_id,
                                            httpMethod=verb, statusCode="200",
                                            responseTemplates={"application/json": '{"ok": 1}'})

    def deploy(self, api_id, stage, **extra):
        return self.apigw.create_deployment(restApiId=api_id, stageName=stage, **extra)["id"]

    def call(self, method, path, body=b"", headers=None, host=None):
        """A raw request; returns (status, headers with lower-case names, body bytes)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.emulator.port, timeout=40)
        try:
            hdrs = dict(headers or {})
            if host:
                hdrs["Host"] = host
            conn.request(method, path, body=body, headers=hdrs)
            res = conn.getresponse()
            return res.status, {k.lower(): v for k, v in res.getheaders()}, res.read()
        finally:
            conn.close()

    def invoke(self, api_id, stage, path, method="GET", body=b"", headers=None, form="host"):
        """Calls the stage in one of the invoke-URL forms: host, aws, user_request."""
        if form == "host":
            return self.call(method, f"/{stage}{path}", body, headers,
                             host=f"{api_id}.execute-api.localhost:{self.emulator.port}")
        if form == "aws":
            return self.call(method, f"/_aws/execute-api/{api_id}/{stage}{path}", body, headers)
        return self.call(method, f"/restapis/{api_id}/{stage}/_user_request_{path}", body,
                         headers)

    def json(self, *args, **kwargs):
        status, headers, body = self.invoke(*args, **kwargs)
        return status, json.loads(body) if body else None


@pytest.fixture(name="gw")
def gateway_fixture(start_emulator):
    return Gateway(start_emulator())
