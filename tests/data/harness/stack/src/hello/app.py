import json
import os

VERSION = "v1"


def handler(event, context):
    return {
        "statusCode": 200,
        "headers": {"Content-Type": "application/json"},
        "body": json.dumps({"version": VERSION, "greeting": os.environ.get("GREETING")}),
    }
